import type { FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { addCaseEvent, findCaseView, type CaseView } from '../casework/index.ts'
import type { ContactAnswers, GroupAnswers } from './forms.ts'
import { caseContact, contactAttendees, contactDeliveredBy, currentTierOf, elementPlaces, insertContact, recordAttendeeOutcome, serviceDeliveredBy, serviceElements } from './repository.ts'
import { isPast, kindFitsTier, outcomeProblems, type ContactKind, type OutcomeAnswer, type OutcomeProblem } from './rules.ts'

/*
 * Recording contacts and their outcomes: one transaction each, for the pages and the API
 * alike, with the case history line and the audit row in it. A refusal rolls back whatever
 * was written and is audited on its own: "denied" when the record is out of reach, else "failed".
 */

export interface FoundProblem {
  part: 'outcome' | 'cancelledBy' | 'reason'
  problem: OutcomeProblem
}

export type ContactRefusal =
  | { problem: 'not_found' }
  /** The case is in scope but its contacts are not shared with the caller. */
  | { problem: 'not_shared' }
  | { problem: 'case_closed' | 'already_recorded' | 'element_unknown' | 'attendee_unknown' | 'nothing_to_record' }
  | { problem: 'wrong_tier'; tier: string | null }
  | { problem: 'outcome'; problems: FoundProblem[] }
  /** Problems with attendees' outcomes, each naming the attendee's case. */
  | { problem: 'attendance'; problems: Array<FoundProblem & { allocationId: string }> }

export type Refused = { ok: false } & ContactRefusal
type Refuse = (refusal: ContactRefusal, personId?: string) => never

class Refusal extends Error {
  constructor(
    readonly refusal: ContactRefusal,
    readonly personId: string | undefined,
  ) {
    super(refusal.problem)
  }
}

/** Runs `work` in one transaction; a refusal rolls it back and writes its own audit row. */
async function contactCommand<Done extends { ok: true }>(request: FastifyRequest, action: AuditEvent, record: { type: string; id: string }, work: (tx: Tx, refuse: Refuse) => Promise<Done>): Promise<Done | Refused> {
  const refuse: Refuse = (refusal, personId) => {
    throw new Refusal(refusal, personId)
  }
  try {
    return await inTransaction(request.server.database.db, (tx) => work(tx, refuse))
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const { refusal, personId } = error
    await inTransaction(request.server.database.db, (tx) =>
      auditRequest(tx, request, {
        action,
        outcome: refusal.problem === 'not_found' || refusal.problem === 'not_shared' ? 'denied' : 'failed',
        ...(personId === undefined ? {} : { personId }),
        recordType: record.type,
        recordId: record.id,
        details: { problem: refusal.problem },
      }),
    )
    return { ok: false, ...refusal }
  }
}

/** The case, when the caller may write its contacts now. */
async function writableCase(tx: Tx, request: FastifyRequest, allocationId: string, refuse: Refuse): Promise<CaseView> {
  const caseView = await findCaseView(tx, request, allocationId)
  if (!caseView) return refuse({ problem: 'not_found' })
  if (!caseView.readable.has('contact')) return refuse({ problem: 'not_shared' }, caseView.person_id)
  if (caseView.status !== 'active') return refuse({ problem: 'case_closed' }, caseView.person_id)
  return caseView
}

/** One line of the case's history about the contact, by the caller. */
function caseEvent(request: FastifyRequest, kind: 'contact.recorded' | 'contact.outcome_recorded', attendee: { personId: string; allocationId: string }, contactId: string, details: Record<string, unknown>) {
  const principal = request.principal!
  return { personId: attendee.personId, allocationId: attendee.allocationId, kind, category: 'contact' as const, organisationId: principal.organisationId, recordType: 'contact', recordId: contactId, recordedBy: principal.userId, details }
}

export type Recorded = { ok: true; contactId: string }

/** Records a contact of one case: planned, or with its outcome when it has happened. */
export function recordCaseContact(request: FastifyRequest, allocationId: string, answers: ContactAnswers): Promise<Recorded | Refused> {
  return contactCommand(request, 'contact.create', { type: 'allocation', id: allocationId }, async (tx, refuse) => {
    const caseView = await writableCase(tx, request, allocationId, refuse)
    const personId = caseView.person_id
    const tier = await currentTierOf(tx, allocationId)
    if (!kindFitsTier(answers.kind as ContactKind, tier)) return refuse({ problem: 'wrong_tier', tier }, personId)
    const problems = outcomeProblems(answers.outcome, { occursAt: answers.occursAt, now: request.scope!.now, required: false })
    if (problems.length > 0) return refuse({ problem: 'outcome', problems }, personId)
    const contactId = await insertContact(
      tx,
      { kind: answers.kind, elementId: caseView.element_id, title: null, occursAt: answers.occursAt, durationMinutes: answers.durationMinutes, location: answers.location, followUp: answers.followUp, recordedBy: request.principal!.userId },
      [{ allocationId, personId, outcome: answers.outcome }],
    )
    await addCaseEvent(tx, caseEvent(request, 'contact.recorded', { personId, allocationId }, contactId, { kind: answers.kind, outcome: answers.outcome.outcome }))
    await auditRequest(tx, request, { action: 'contact.create', outcome: 'allowed', personId, recordType: 'contact', recordId: contactId, details: { allocationId, kind: answers.kind } })
    return { ok: true, contactId }
  })
}

/** Records what happened at a planned contact of the case, for this person. */
export function recordCaseOutcome(request: FastifyRequest, allocationId: string, contactId: string, answer: OutcomeAnswer): Promise<Recorded | Refused> {
  return contactCommand(request, 'contact.outcome', { type: 'contact', id: contactId }, async (tx, refuse) => {
    const caseView = await writableCase(tx, request, allocationId, refuse)
    const personId = caseView.person_id
    const contact = await caseContact(tx, allocationId, contactId)
    if (!contact) return refuse({ problem: 'not_found' }, personId)
    if (contact.outcome !== null) return refuse({ problem: 'already_recorded' }, personId)
    const problems = outcomeProblems(answer, { occursAt: contact.occurs_at, now: request.scope!.now, required: true })
    if (problems.length > 0) return refuse({ problem: 'outcome', problems }, personId)
    if (!(await recordAttendeeOutcome(tx, contact.attendee_id, answer))) return refuse({ problem: 'already_recorded' }, personId)
    await addCaseEvent(tx, caseEvent(request, 'contact.outcome_recorded', { personId, allocationId }, contactId, { kind: contact.kind, outcome: answer.outcome }))
    await auditRequest(tx, request, { action: 'contact.outcome', outcome: 'allowed', personId, recordType: 'contact', recordId: contactId, details: { allocationId, outcome: answer.outcome } })
    return { ok: true, contactId }
  })
}

/** Plans a group session in an element of the service: one contact, an attendee row for each person chosen. */
export function createGroupSession(request: FastifyRequest, serviceId: string, answers: GroupAnswers): Promise<Recorded | Refused> {
  const scope = request.scope!
  return contactCommand(request, 'contact.create', { type: 'service', id: serviceId }, async (tx, refuse) => {
    if (!(await serviceDeliveredBy(tx, scope, serviceId))) return refuse({ problem: 'not_found' })
    if (!(await serviceElements(tx, serviceId)).some((element) => element.id === answers.elementId)) return refuse({ problem: 'element_unknown' })
    const places = new Map((await elementPlaces(tx, scope, answers.elementId)).map((place) => [place.allocation_id, place]))
    const chosen = answers.attendeeAllocationIds.map((allocationId) => places.get(allocationId))
    if (chosen.some((place) => place === undefined)) return refuse({ problem: 'attendee_unknown' })
    const attendees = chosen.map((place) => ({ allocationId: place!.allocation_id, personId: place!.person_id, outcome: { outcome: null, cancelledBy: null, reason: null } }))
    const contactId = await insertContact(
      tx,
      { kind: 'group_session', elementId: answers.elementId, title: answers.title, occursAt: answers.occursAt, durationMinutes: answers.durationMinutes, location: answers.location, followUp: answers.followUp, recordedBy: request.principal!.userId },
      attendees,
    )
    for (const attendee of attendees) await addCaseEvent(tx, caseEvent(request, 'contact.recorded', attendee, contactId, { kind: 'group_session', outcome: null }))
    // One audit row per person: each person's trail shows the session planned for them.
    for (const attendee of attendees) await auditRequest(tx, request, { action: 'contact.create', outcome: 'allowed', personId: attendee.personId, recordType: 'contact', recordId: contactId, details: { allocationId: attendee.allocationId, kind: 'group_session', attendees: attendees.length } })
    return { ok: true, contactId }
  })
}

/**
 * Records attendance at a contact of a service the caller delivers, for the attendees named
 * in `answers` (by their case). Outcomes are written once: an attendee already recorded is
 * refused. Once the contact's time has passed, each planned attendee in `answers` needs an
 * outcome; before it, people can only be cancelled.
 */
export function recordAttendance(request: FastifyRequest, contactId: string, answers: ReadonlyMap<string, OutcomeAnswer>): Promise<Recorded | Refused> {
  const scope = request.scope!
  return contactCommand(request, 'contact.outcome', { type: 'contact', id: contactId }, async (tx, refuse) => {
    const contact = await contactDeliveredBy(tx, scope, contactId)
    if (!contact) return refuse({ problem: 'not_found' })
    const attendees = new Map((await contactAttendees(tx, scope, contactId)).map((attendee) => [attendee.allocation_id, attendee]))
    if ([...answers.keys()].some((allocationId) => !attendees.has(allocationId))) return refuse({ problem: 'attendee_unknown' })
    if ([...answers.keys()].some((allocationId) => attendees.get(allocationId)!.outcome !== null)) return refuse({ problem: 'already_recorded' })
    const required = isPast(contact.occurs_at, scope.now)
    const problems = [...answers].flatMap(([allocationId, answer]) => outcomeProblems(answer, { occursAt: contact.occurs_at, now: scope.now, required }).map((found) => ({ allocationId, ...found })))
    if (problems.length > 0) return refuse({ problem: 'attendance', problems })
    const recorded = [...answers].filter(([, answer]) => answer.outcome !== null)
    if (recorded.length === 0) return refuse({ problem: 'nothing_to_record' })
    for (const [allocationId, answer] of recorded) {
      const attendee = attendees.get(allocationId)!
      if (!(await recordAttendeeOutcome(tx, attendee.id, answer))) return refuse({ problem: 'already_recorded' })
      await addCaseEvent(tx, caseEvent(request, 'contact.outcome_recorded', { personId: attendee.person_id, allocationId }, contactId, { kind: contact.kind, outcome: answer.outcome }))
    }
    for (const [allocationId, answer] of recorded) {
      await auditRequest(tx, request, { action: 'contact.outcome', outcome: 'allowed', personId: attendees.get(allocationId)!.person_id, recordType: 'contact', recordId: contactId, details: { allocationId, outcome: answer.outcome } })
    }
    return { ok: true, contactId }
  })
}
