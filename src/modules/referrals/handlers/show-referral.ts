import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import type { Principal } from '../../../platform/auth/principal.ts'
import { codeList, labelOf } from '../../../platform/content/code-lists.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { allocationsPaths, waitingListPosition } from '../../allocations/index.ts'
import { describeEligibilityRule } from '../../services/index.ts'
import { assessEligibility, type EligibilityAssessment } from '../eligibility-check.ts'
import { needsOverrideReason } from '../eligibility.ts'
import { referralsPaths } from '../paths.ts'
import { activePlaceOf, attachmentsOf, findReferralDetail, historyOf, notesOf } from '../repository.ts'
import { allocationMoves, availableTransitions, editableStatuses, needsReason, type ReferralStatus } from '../rules.ts'
import { idParam, type PageProblems, type ReferralRequest } from './referral-form.ts'

/** Everything the referral's page shows, read in one transaction with its audit row; null when out of scope. */
async function readReferral(request: FastifyRequest, referralId: string) {
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx) => {
    const referral = await findReferralDetail(tx, scope, referralId)
    if (!referral) {
      await auditRequest(tx, request, { action: 'referral.view', outcome: 'denied', recordType: 'referral', recordId: referralId })
      return null
    }
    const serviceSide = referral.sides.includes('service')
    const [history, attachments, notes, eligibility, place, waiting] = await Promise.all([
      historyOf(tx, referralId),
      attachmentsOf(tx, referralId),
      // The receiving service's own notes and its eligibility panel are for its members only.
      serviceSide ? notesOf(tx, referralId) : undefined,
      serviceSide ? assessEligibility(tx, referral, scope.today) : undefined,
      activePlaceOf(tx, referralId),
      referral.status === 'waiting' ? waitingListPosition(tx, referralId, new Date(scope.now)) : undefined,
    ])
    await auditRequest(tx, request, { action: 'referral.view', outcome: 'allowed', personId: referral.person_id, recordType: 'referral', recordId: referralId })
    return { referral, history, attachments, notes, eligibility, place, waiting }
  })
}

type ReadReferral = NonNullable<Awaited<ReturnType<typeof readReferral>>>

export interface Move {
  to: ReferralStatus
  /** A page of the allocations module, for moves that go with a place. */
  href?: string
  reasons?: Array<{ code: string; label: string }>
  noteRequired: boolean
  /** Accepting needs a reason why, as a rule is not met. */
  needsOverride: boolean
}

/** The moves this user may make now: a small form each, or a link to the allocations pages for a place. */
function movesFor(principal: Principal, { referral, eligibility, place }: ReadReferral): Move[] {
  const placeManager = principal.capabilities.has('allocation:manage')
  return availableTransitions(referral.status, principal.roles, referral.sides).flatMap((transition): Move[] => {
    const move = { to: transition.to, noteRequired: transition.note === 'required', needsOverride: transition.to === 'accepted' && needsOverrideReason(eligibility?.verdicts ?? []) }
    if (allocationMoves.includes(transition.to)) {
      if (!placeManager) return []
      if (transition.to === 'allocated') return [{ ...move, href: allocationsPaths.allocate({ referralId: referral.id }) }]
      return place ? [{ ...move, href: allocationsPaths.end({ allocationId: place.id }) }] : []
    }
    const reasons = needsReason(transition.to) ? codeList(`${transition.to}_reason`).codes.map(({ code, label }) => ({ code, label })) : undefined
    return [{ ...move, ...(reasons ? { reasons } : {}) }]
  })
}

function eligibilityRows(request: FastifyRequest, eligibility: EligibilityAssessment) {
  const { content } = request.server
  const words = { t: (key: string, params?: Record<string, string | number>) => content.t(key, params), organisationName: (id: string) => eligibility.organisationNames.get(id) }
  return eligibility.verdicts.map((verdict) => ({
    rule: describeEligibilityRule(verdict.rule, words),
    outcome: verdict.outcome,
    reason: content.t(verdict.reason.key, verdict.reason.params),
  }))
}

function historyRows(read: ReadReferral) {
  return read.history.map((row) => ({
    ...row,
    reasonLabel: row.reason === null ? null : labelOf(`${row.to_status}_reason`, row.reason),
    // The reason for accepting despite an unmet rule is kept on the referral; it belongs to the move that accepted it.
    override: row.to_status === 'accepted' ? read.referral.eligibility_override_reason : null,
  }))
}

export interface ShownAgain {
  /** The move the user tried, whose form opens again with what they typed. */
  move: string
  values: Record<string, unknown>
  problems: PageProblems
  status: number
}

/** The referral's page as this user may see it; `again` shows a refused move's form with what was wrong. */
export async function renderReferral(request: FastifyRequest, reply: FastifyReply, referralId: string, again?: ShownAgain) {
  const read = await readReferral(request, referralId)
  if (!read) throw notFound()
  const { referral } = read
  const principal = request.principal!
  return reply.code(again?.status ?? 200).view('referrals/views/referral.njk', {
    referral,
    personName: referral.given_name === null ? null : `${referral.given_name} ${referral.family_name}`,
    serviceSide: referral.sides.includes('service'),
    canChange: referral.sides.includes('referrer') && editableStatuses.includes(referral.status),
    history: historyRows(read),
    attachments: read.attachments.map((attachment) => ({ ...attachment, href: referralsPaths.download({ referralId, attachmentId: attachment.id, fileName: attachment.file_name }) })),
    notes: read.notes,
    eligibility: read.eligibility ? eligibilityRows(request, read.eligibility) : undefined,
    place: read.place,
    canMovePlace: read.place !== undefined && referral.sides.includes('service') && principal.capabilities.has('allocation:manage') ? allocationsPaths.move({ allocationId: read.place.id }) : undefined,
    waiting: read.waiting,
    moves: movesFor(principal, read),
    again,
    values: again?.values ?? {},
    ...again?.problems,
  })
}

export async function showReferral(request: ReferralRequest, reply: FastifyReply) {
  return renderReferral(request, reply, idParam(request, 'referralId'))
}
