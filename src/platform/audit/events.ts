/**
 * The audit events a route may declare. Every read or change of person-level data names
 * one; pages without personal data declare `none`.
 */
export const auditEvents = [
  'person.view',
  'person.search',
  'person.change',
  'person.break-glass',
  // Sign-in attempts, successful or not (password, second factor), alongside the throttling counts.
  'account.sign-in',
  'referral.view',
  'referral.transition',
  // Administration (src/modules/admin): every change to organisations, teams and staff accounts.
  'admin.organisation.create',
  'admin.team.create',
  'admin.user.invite',
  'admin.user.change-access',
  'admin.user.deactivate',
  'admin.user.reactivate',
  'admin.user.unlock',
  'admin.user.issue-password-link',
  'account.password.set',
  // Audit review (src/modules/audit-review): reading or exporting the trail is itself audited.
  'audit.view',
  'audit.export',
  // Information governance (src/modules/access): sharing agreements, break-glass review, restricted records.
  'access.agreement.create',
  'access.agreement.end',
  'access.break-glass.view',
  'access.break-glass.review',
  'access.restricted.view',
  'access.restricted.change',
  'access.restricted.grant',
  'access.restricted.revoke',
] as const

export type AuditEvent = (typeof auditEvents)[number]

export function isAuditEvent(value: string): value is AuditEvent {
  return (auditEvents as readonly string[]).includes(value)
}
