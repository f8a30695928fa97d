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
  // Referrals (src/modules/referrals): lists of referrals, making and changing one, its documents and the service's notes.
  'referral.list',
  'referral.create',
  'referral.change',
  'referral.note.add',
  'referral.attachment.add',
  'referral.attachment.remove',
  'referral.attachment.download',
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
  // Duplicates (src/modules/person-matching): asking the team that holds a possible match for access, and its answer.
  'person-matching.access-request',
  'person-matching.access-request.view',
  'person-matching.access-request.decide',
  // Cohort import (src/modules/person-import): the import itself, and reading or downloading its rejected rows.
  'person-import.import',
  'person-import.view',
  'person-import.download',
  // The services directory (src/modules/services): every change a service manager makes to a service.
  'service.create',
  'service.change',
  'service.publish',
  'service.unpublish',
  'service.element.add',
  'service.element.change',
  'service.element.remove',
  'service.rule.add',
  'service.rule.remove',
  'service.referrers.change',
  'service.download.add',
  'service.download.remove',
  // Merging duplicate person records (src/modules/person-merge): the pages, the merge and its reversal.
  'person.merge.view',
  'person.merge',
  'person.merge.reverse',
  // Waiting lists, places and caseloads (src/modules/allocations): reading the lists, and every allocation, move and end.
  'allocation.waiting-list.view',
  'allocation.view',
  'allocation.create',
  'allocation.move',
  'allocation.end',
  'caseload.view',
  // OPD pathway screening (src/modules/screening): reading and recording screenings, a clinician's override, a new rule set version.
  'screening.view',
  'screening.record',
  'screening.override',
  'screening.rule-set.create',
  // Case work (src/modules/casework and the section modules): every section read, and every record written.
  'case.view',
  'case.history.view',
  'case.documents.view',
  'case.tier.record',
  'case.close',
  'formulation.view',
  'formulation.create',
  'plan.view',
  'plan.change',
  'contact.view',
  'contact.create',
  'contact.outcome',
  'case-note.view',
  'case-note.create',
  'case-note.amend',
  'case-note.attachment.download',
  'risk-plan.view',
  'risk-plan.create',
  'outcome.view',
  'outcome.record',
  'task.view',
  'task.complete',
] as const

export type AuditEvent = (typeof auditEvents)[number]

export function isAuditEvent(value: string): value is AuditEvent {
  return (auditEvents as readonly string[]).includes(value)
}
