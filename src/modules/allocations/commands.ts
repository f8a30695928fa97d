import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import type { AuditEvent } from '../../platform/audit/events.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { recordCaseClosure } from '../casework/index.ts'
import { applyReferralTransition, notify, type TransitionAnswers, type TransitionOutcome } from '../referrals/index.ts'
import {
  activeAllocationCount,
  addAllocationTimelineEvent,
  allocationInScope,
  endAllocation,
  endAllocationsOfReferral,
  insertAllocation,
  lockElement,
  referralForAllocation,
  serviceWorkers,
  type LockedElement,
} from './repository.ts'
import { decideCapacity, isAllocatable, keyworkerRoles, leadClinicianRoles, startDateProblem, stepsToAllocated, type EndingStatus, type StartDateProblem } from './rules.ts'

/*
 * Taking, moving and ending places: one transaction each, for the pages and the API alike.
 * The element is locked before its places are counted, so two people taking the last place
 * at once cannot both have it; the referral moves through the status machine in the same
 * transaction; the audit row comes last, whatever the outcome.
 */

export type PlaceProblem =
  | { problem: 'not_found' }
  /** The referral is not accepted or waiting, or the allocation has ended. */
  | { problem: 'not_allocatable' | 'ended'; status: string }
  | { problem: 'element_unknown' | 'same_element' | 'keyworker_unknown' | 'lead_clinician_unknown' }
  /** The team a transfer names does not exist. */
  | { problem: 'team_unknown' }
  | { problem: 'starts_on'; detail: StartDateProblem }
  | { problem: 'full' | 'reason_required'; element: LockedElement }
  /** Someone else moved the referral or the allocation meanwhile. */
  | { problem: 'changed' }
  | { problem: 'transition'; transition: Exclude<TransitionOutcome, { ok: true }>['problem'] }

export type Refused = { ok: false } & PlaceProblem
export type Placed = { ok: true; allocationId: string; personId: string; referralId: string; serviceId: string }

/** Thrown to roll back moves already made in the transaction; the refusal is audited afterwards. */
class Refusal extends Error {
  constructor(
    readonly outcome: PlaceProblem,
    readonly personId: string | undefined,
  ) {
    super(outcome.problem)
  }
}

type Refuse = (problem: PlaceProblem, personId?: string) => never

/** Runs `work` in one transaction; a refusal rolls everything back and writes a `denied` (out of scope) or `failed` audit row instead. */
async function placeCommand<Done extends { ok: true }>(request: FastifyRequest, action: AuditEvent, record: { type: 'referral' | 'allocation'; id: string }, work: (tx: Tx, refuse: Refuse) => Promise<Done>): Promise<Done | Refused> {
  const refuse: Refuse = (problem, personId) => {
    throw new Refusal(problem, personId)
  }
  try {
    return await inTransaction(request.server.database.db, (tx) => work(tx, refuse))
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const { outcome, personId } = error
    await inTransaction(request.server.database.db, (tx) =>
      auditRequest(tx, request, {
        action,
        outcome: outcome.problem === 'not_found' ? 'denied' : 'failed',
        ...(personId === undefined ? {} : { personId }),
        recordType: record.type,
        recordId: record.id,
        details: { problem: outcome.problem, ...(outcome.problem === 'transition' ? { transition: outcome.transition } : {}) },
      }),
    )
    return { ok: false, ...outcome }
  }
}

export interface AllocationAnswers {
  elementId: string
  keyworkerId: string | null
  leadClinicianId: string | null
  /** YYYY-MM-DD */
  startsOn: string
  overCapacityReason: string | null
}

/** The named workers who hear of a new or moved place: not the person who made the change. */
async function tellWorkers(tx: Tx, kind: string, referralId: string, workers: ReadonlyArray<string | null>, actorId: string): Promise<void> {
  for (const userId of new Set(workers)) {
    if (userId !== null && userId !== actorId) await notify(tx, { kind, referralId, userId })
  }
}

/** Allocates a place in an element of the referral's service to the person, with a keyworker and/or lead clinician. */
export function allocatePlace(request: FastifyRequest, referralId: string, answers: AllocationAnswers): Promise<Placed | Refused> {
  const principal = request.principal!
  const scope = request.scope!
  return placeCommand(request, 'allocation.create', { type: 'referral', id: referralId }, async (tx, refuse) => {
    const referral = await referralForAllocation(tx, scope, referralId)
    if (!referral) return refuse({ problem: 'not_found' })
    const personId = referral.person_id
    if (!isAllocatable(referral.status)) return refuse({ problem: 'not_allocatable', status: referral.status }, personId)
    const workers = await serviceWorkers(tx, referral.service_id)
    const holds = (userId: string | null, roles: readonly string[]) => userId === null || workers.some((worker) => worker.id === userId && worker.roles.some((role) => roles.includes(role)))
    if (!holds(answers.keyworkerId, keyworkerRoles)) return refuse({ problem: 'keyworker_unknown' }, personId)
    if (!holds(answers.leadClinicianId, leadClinicianRoles)) return refuse({ problem: 'lead_clinician_unknown' }, personId)
    const startProblem = startDateProblem(answers.startsOn, referral.referred_at?.slice(0, 10) ?? null, scope.today)
    if (startProblem) return refuse({ problem: 'starts_on', detail: startProblem }, personId)

    const element = await lockElement(tx, request.server.database.dialect, referral.service_id, answers.elementId)
    if (!element) return refuse({ problem: 'element_unknown' }, personId)
    const decision = decideCapacity({ capacity: element.capacity, active: await activeAllocationCount(tx, element.id), mayOverride: principal.capabilities.has('allocation:override'), overCapacityReason: answers.overCapacityReason })
    if (!decision.allowed) return refuse({ problem: decision.problem, element }, personId)

    for (const to of stepsToAllocated(referral.status)) {
      const moved = await applyReferralTransition(tx, request, referralId, to)
      if (!moved.ok) return refuse(moved.problem === 'changed' ? { problem: 'changed' } : { problem: 'transition', transition: moved.problem }, personId)
    }
    const allocationId = await insertAllocation(tx, {
      referralId,
      personId,
      elementId: element.id,
      keyworkerId: answers.keyworkerId,
      leadClinicianId: answers.leadClinicianId,
      // A start date is a day; midnight UTC is that same day in London all year.
      startedAt: `${answers.startsOn}T00:00:00.000Z`,
      overCapacityReason: decision.overCapacity ? answers.overCapacityReason : null,
      allocatedBy: principal.userId,
    })
    await tellWorkers(tx, 'allocation.created', referralId, [answers.keyworkerId, answers.leadClinicianId], principal.userId)
    await auditRequest(tx, request, { action: 'allocation.create', outcome: 'allowed', personId, recordType: 'allocation', recordId: allocationId, details: { referralId, elementId: element.id, overCapacity: decision.overCapacity } })
    return { ok: true, allocationId, personId, referralId, serviceId: referral.service_id }
  })
}

/** Moves the person's place to another element of the same service: the old place ends (and frees), a new one starts. */
export function movePlace(request: FastifyRequest, allocationId: string, answers: { elementId: string; overCapacityReason: string | null }): Promise<Placed | Refused> {
  const principal = request.principal!
  const scope = request.scope!
  return placeCommand(request, 'allocation.move', { type: 'allocation', id: allocationId }, async (tx, refuse) => {
    const allocation = await allocationInScope(tx, scope, allocationId)
    if (!allocation) return refuse({ problem: 'not_found' })
    const personId = allocation.person_id
    if (allocation.status !== 'active') return refuse({ problem: 'ended', status: allocation.status }, personId)
    if (answers.elementId === allocation.element_id) return refuse({ problem: 'same_element' }, personId)
    const element = await lockElement(tx, request.server.database.dialect, allocation.service_id, answers.elementId)
    if (!element) return refuse({ problem: 'element_unknown' }, personId)
    const decision = decideCapacity({ capacity: element.capacity, active: await activeAllocationCount(tx, element.id), mayOverride: principal.capabilities.has('allocation:override'), overCapacityReason: answers.overCapacityReason })
    if (!decision.allowed) return refuse({ problem: decision.problem, element }, personId)

    const now = scope.now
    if (!(await endAllocation(tx, allocation.id, 'moved', now))) return refuse({ problem: 'changed' }, personId)
    const movedId = await insertAllocation(tx, {
      referralId: allocation.referral_id,
      personId,
      elementId: element.id,
      keyworkerId: allocation.keyworker_user_id,
      leadClinicianId: allocation.lead_clinician_user_id,
      startedAt: now,
      overCapacityReason: decision.overCapacity ? answers.overCapacityReason : null,
      allocatedBy: principal.userId,
    })
    const details = { previousAllocationId: allocation.id, fromElementId: allocation.element_id, toElementId: element.id, overCapacity: decision.overCapacity }
    await addAllocationTimelineEvent(tx, { personId, kind: 'allocation.moved', at: now, organisationId: principal.organisationId, allocationId: movedId, recordedBy: principal.userId, details })
    await tellWorkers(tx, 'allocation.moved', allocation.referral_id, [allocation.keyworker_user_id, allocation.lead_clinician_user_id], principal.userId)
    await auditRequest(tx, request, { action: 'allocation.move', outcome: 'allowed', personId, recordType: 'allocation', recordId: movedId, details })
    return { ok: true, allocationId: movedId, personId, referralId: allocation.referral_id, serviceId: allocation.service_id }
  })
}

/**
 * Ends the place as the referral completes, ends early or transfers (a move of the status
 * machine, with its reason), and closes the case with its summary — for a transfer, handing
 * it over to the receiving team (casework's recordCaseClosure).
 */
export function endPlace(request: FastifyRequest, allocationId: string, answers: { to: EndingStatus; closingSummary: string; receivingTeamId: string | null } & TransitionAnswers): Promise<Placed | Refused> {
  const scope = request.scope!
  return placeCommand(request, 'allocation.end', { type: 'allocation', id: allocationId }, async (tx, refuse) => {
    const allocation = await allocationInScope(tx, scope, allocationId)
    if (!allocation) return refuse({ problem: 'not_found' })
    const personId = allocation.person_id
    if (allocation.status !== 'active') return refuse({ problem: 'ended', status: allocation.status }, personId)
    const moved = await applyReferralTransition(tx, request, allocation.referral_id, answers.to, { reason: answers.reason, note: answers.note })
    if (!moved.ok) return refuse(moved.problem === 'changed' ? { problem: 'changed' } : { problem: 'transition', transition: moved.problem }, personId)
    await endAllocationsOfReferral(tx, allocation.referral_id, answers.to, scope.now)
    const closed = await recordCaseClosure(tx, request, { allocationId: allocation.id, personId, ending: answers.to, reason: answers.reason, closingSummary: answers.closingSummary, receivingTeamId: answers.receivingTeamId })
    if (!closed.ok) return refuse({ problem: closed.problem }, personId)
    await auditRequest(tx, request, { action: 'allocation.end', outcome: 'allowed', personId, recordType: 'allocation', recordId: allocation.id, details: { referralId: allocation.referral_id, to: answers.to, ...(answers.receivingTeamId ? { receivingTeamId: answers.receivingTeamId } : {}) } })
    return { ok: true, allocationId: allocation.id, personId, referralId: allocation.referral_id, serviceId: allocation.service_id }
  })
}

/** An accepted referral joins the waiting list: there is no place to offer yet. */
export function addToWaitingList(request: FastifyRequest, referralId: string): Promise<{ ok: true; serviceId: string; elementId: string | null } | Refused> {
  return placeCommand(request, 'referral.transition', { type: 'referral', id: referralId }, async (tx, refuse) => {
    const referral = await referralForAllocation(tx, request.scope!, referralId)
    if (!referral) return refuse({ problem: 'not_found' })
    if (referral.status !== 'accepted') return refuse({ problem: 'not_allocatable', status: referral.status }, referral.person_id)
    // The move audits itself (referral.transition), as the last statement.
    const moved = await applyReferralTransition(tx, request, referralId, 'waiting')
    if (!moved.ok) return refuse(moved.problem === 'changed' ? { problem: 'changed' } : { problem: 'transition', transition: moved.problem }, referral.person_id)
    return { ok: true as const, serviceId: referral.service_id, elementId: referral.requested_element_id }
  })
}
