import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { addCaseEvent, findCaseView, type CaseView } from '../casework/index.ts'
import { insertMeasurement } from './repository.ts'
import type { Instrument } from './rules.ts'

export interface Measure {
  instrument: Instrument
  measuredOn: string
  /** As answered, before reverse scoring. */
  answers: Record<string, number>
  /** Scored by the caller with scoreMeasure. */
  total: number
}

export type RecordOutcome =
  | { ok: true; measurementId: string; measure: Measure; caseView: CaseView }
  /** The case is out of scope, or the caller may not read outcome measures of the person: "not found". */
  | { ok: false; problem: 'not_found' }
  | { ok: false; problem: 'invalid' | 'closed'; caseView: CaseView }

/**
 * Records a completed measure in the case, or refuses it, in one transaction with its audit
 * row: scope and the health-only rule first (a refusal is "not found", audited as denied),
 * then the case's state (a closed case takes no more), then what was sent (`problems`: the
 * fields the caller found wrong, audited as failed).
 */
export async function recordMeasurement(request: FastifyRequest, allocationId: string, attempt: { measure: Measure } | { problems: readonly string[] }): Promise<RecordOutcome> {
  const principal = request.principal!
  return inTransaction(request.server.database.db, async (tx): Promise<RecordOutcome> => {
    const caseView = await findCaseView(tx, request, allocationId)
    const audit = (outcome: 'allowed' | 'denied' | 'failed', record: { recordType: string; recordId: string }, details?: Record<string, unknown>) =>
      auditRequest(tx, request, { action: 'outcome.record', outcome, ...(caseView ? { personId: caseView.person_id } : {}), ...record, ...(details ? { details } : {}) })
    const theCase = { recordType: 'allocation', recordId: allocationId }
    if (!caseView || !caseView.readable.has('outcome_measure')) {
      await audit('denied', theCase)
      return { ok: false, problem: 'not_found' }
    }
    if (caseView.status !== 'active') {
      await audit('failed', theCase, { problems: ['closed'] })
      return { ok: false, problem: 'closed', caseView }
    }
    if ('problems' in attempt) {
      await audit('failed', theCase, { problems: attempt.problems })
      return { ok: false, problem: 'invalid', caseView }
    }
    const { instrument, measuredOn, answers, total } = attempt.measure
    const measurementId = await insertMeasurement(tx, { allocationId, personId: caseView.person_id, instrumentKey: instrument.key, instrumentVersion: instrument.version, measuredOn, answers, total, recordedBy: principal.userId })
    const record = { recordType: 'outcome_measurement', recordId: measurementId }
    await addCaseEvent(tx, { personId: caseView.person_id, allocationId, kind: 'outcome.measured', category: 'outcome_measure', organisationId: principal.organisationId, ...record, recordedBy: principal.userId, details: { instrument: instrument.key } })
    await audit('allowed', record)
    return { ok: true, measurementId, measure: attempt.measure, caseView }
  })
}
