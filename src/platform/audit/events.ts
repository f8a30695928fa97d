/**
 * The audit events a route may declare. Every read or change of person-level data names
 * one; pages without personal data declare `none`.
 */
export const auditEvents = ['person.view', 'person.search', 'person.change', 'referral.view', 'referral.transition'] as const

export type AuditEvent = (typeof auditEvents)[number]

export function isAuditEvent(value: string): value is AuditEvent {
  return (auditEvents as readonly string[]).includes(value)
}
