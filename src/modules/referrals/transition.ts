import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import type { Tx } from '../../platform/db/database.ts'
import {
  addTimelineEvent,
  changeStatus,
  closeReferralInvolvements,
  findReferralInScope,
  notify,
  openReferralInvolvements,
  serviceTeamIds,
  type ReferralInScope,
} from './repository.ts'
import { assessEligibility } from './eligibility-check.ts'
import { needsOverrideReason } from './eligibility.ts'
import { decideTransition, type ReferralStatus, type TransitionProblem } from './rules.ts'

export interface TransitionAnswers {
  reason?: string | undefined
  note?: string | undefined
  /** Accepting a referral that does not meet every eligibility rule needs one (eligibility.ts). */
  eligibilityOverrideReason?: string | undefined
}

export type TransitionOutcome =
  | { ok: true; referral: ReferralInScope; from: ReferralStatus; to: ReferralStatus }
  /**
   * `not_found`: outside the caller's scope or no such referral; `changed`: someone moved it first;
   * `eligibility_override_required`: accepting despite a rule not met, without saying why.
   */
  | { ok: false; problem: TransitionProblem | 'not_found' | 'changed' | 'eligibility_override_required' }

// Who hears about a move: the receiving teams of a new referral, the referrer of a decision.
const referrerHears: readonly ReferralStatus[] = ['information_requested', 'accepted', 'declined', 'waiting', 'allocated']
const involvementEnds: readonly ReferralStatus[] = ['declined', 'withdrawn']

/**
 * The one way a referral's status changes: in the caller's transaction, checked against
 * the status machine (rules.ts) for the caller's roles and sides, recorded in the history,
 * the person's timeline, notifications and the audit trail. A refused move changes nothing
 * but the audit trail, which records the attempt.
 */
export async function applyReferralTransition(tx: Tx, request: FastifyRequest, referralId: string, to: ReferralStatus, answers: TransitionAnswers = {}): Promise<TransitionOutcome> {
  const principal = request.principal!
  const scope = request.scope!
  const referral = await findReferralInScope(tx, scope, referralId)
  if (!referral) {
    await auditRequest(tx, request, { action: 'referral.transition', outcome: 'denied', recordType: 'referral', recordId: referralId, details: { to } })
    return { ok: false, problem: 'not_found' }
  }
  const from = referral.status
  const reason = answers.reason?.trim() || undefined
  const note = answers.note?.trim() || undefined
  const decision = decideTransition({ from, to, roles: principal.roles, sides: referral.sides, reason, note })
  const refuse = async (problem: TransitionProblem | 'eligibility_override_required') => {
    await auditRequest(tx, request, { action: 'referral.transition', outcome: 'denied', personId: referral.person_id, recordType: 'referral', recordId: referralId, details: { from, to, problem } })
    return { ok: false as const, problem }
  }
  if (!decision.allowed) return refuse(decision.problem)
  // Accepting despite a rule not met needs a reason: checked here, not by each caller, so that no way of accepting skips it.
  let eligibilityOverride: string | undefined
  if (to === 'accepted' && needsOverrideReason((await assessEligibility(tx, referral, scope.today)).verdicts)) {
    eligibilityOverride = answers.eligibilityOverrideReason?.trim() || undefined
    if (!eligibilityOverride) return refuse('eligibility_override_required')
  }
  const at = scope.now
  const firstSubmission = to === 'submitted' && referral.referred_at === null
  const changed = await changeStatus(tx, {
    referralId,
    from,
    to,
    version: referral.version,
    reason: reason ?? null,
    note: note ?? null,
    byUserId: principal.userId,
    byOrganisationId: principal.organisationId,
    at,
    ...(firstSubmission ? { referredAt: at } : {}),
    ...(to === 'accepted' || to === 'declined' ? { decidedAt: at } : {}),
    ...(eligibilityOverride ? { eligibilityOverrideReason: eligibilityOverride } : {}),
  })
  if (!changed) return { ok: false, problem: 'changed' }

  if (to === 'submitted') {
    const teamIds = await serviceTeamIds(tx, referral.service_id)
    await openReferralInvolvements(tx, referral, teamIds, principal.userId, scope.today)
    await notify(tx, { kind: from === 'information_requested' ? 'referral.resubmitted' : 'referral.submitted', referralId, teamIds })
  }
  if (involvementEnds.includes(to)) await closeReferralInvolvements(tx, referralId, principal.userId, scope.today, `referral_${to}`)
  if (referrerHears.includes(to) && referral.referrer_user_id !== principal.userId) await notify(tx, { kind: `referral.${to}`, referralId, userId: referral.referrer_user_id })
  await addTimelineEvent(tx, { personId: referral.person_id, occurredAt: at, kind: `referral.${to}`, organisationId: principal.organisationId, referralId, recordedBy: principal.userId, details: { from, to, ...(reason ? { reason } : {}) } })
  await auditRequest(tx, request, {
    action: 'referral.transition',
    outcome: 'allowed',
    personId: referral.person_id,
    recordType: 'referral',
    recordId: referralId,
    details: { from, to, ...(reason ? { reason } : {}), ...(eligibilityOverride ? { eligibilityOverride: true } : {}) },
  })
  return { ok: true, referral: { ...referral, status: to, version: referral.version + 1 }, from, to }
}
