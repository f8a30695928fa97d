import type { FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../platform/audit/index.ts'
import type { DataCategory } from '../../platform/auth/scope.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { caseIdOf, findCaseView, type CaseView } from '../casework/index.ts'

/** A problem with what was sent, on its field; `text` is already in words. */
export interface FieldProblem {
  field: string
  text: string
}

/** How one step of a command ends: done (with the record it wrote), or refused. */
export type CommandStep<Done> =
  | { ok: true; done: Done; record: { type: string; id: string }; details?: Record<string, unknown> }
  | { ok: false; problem: 'stale' }
  | { ok: false; problem: 'invalid'; errors: FieldProblem[] }

export type CommandOutcome<Shown, Done> =
  | { state: 'done'; caseView: CaseView; done: Done }
  | { state: 'not_found' }
  | { state: 'not_shared'; caseView: CaseView }
  | { state: 'closed' | 'stale'; caseView: CaseView; shown: Shown }
  | { state: 'invalid'; caseView: CaseView; shown: Shown; errors: FieldProblem[] }

export interface CaseCommand<Shown, Done> {
  action: AuditEvent
  /** The caller must be able to read one of these categories of the person. */
  categories: readonly DataCategory[]
  /** What the form shows around itself; undefined when a record named in the path is not this case's. */
  load(tx: Tx, caseView: CaseView): Promise<Shown | undefined>
  run(tx: Tx, caseView: CaseView, shown: Shown): Promise<CommandStep<Done>>
}

/**
 * One change to a case's formulation or plan, for the pages and the API alike, in one
 * transaction with its audit row: the case in the caller's scope (else "not found", audited
 * as denied), the section readable, the case still open, then the change. What the form
 * needs to be shown again is loaded in the same transaction, so a refusal loses nothing.
 */
export async function caseCommand<Shown, Done>(request: FastifyRequest, command: CaseCommand<Shown, Done>): Promise<CommandOutcome<Shown, Done>> {
  const allocationId = caseIdOf(request)
  return inTransaction(request.server.database.db, async (tx): Promise<CommandOutcome<Shown, Done>> => {
    const audit = (outcome: 'allowed' | 'denied' | 'failed', caseView: CaseView | undefined, record = { type: 'allocation', id: allocationId }, details?: Record<string, unknown>) =>
      auditRequest(tx, request, { action: command.action, outcome, ...(caseView ? { personId: caseView.person_id } : {}), recordType: record.type, recordId: record.id, ...(details ? { details } : {}) })
    const caseView = await findCaseView(tx, request, allocationId)
    if (!caseView) {
      await audit('denied', undefined)
      return { state: 'not_found' }
    }
    if (!command.categories.some((category) => caseView.readable.has(category))) {
      await audit('denied', caseView)
      return { state: 'not_shared', caseView }
    }
    const shown = await command.load(tx, caseView)
    if (shown === undefined) {
      await audit('denied', caseView, undefined, { problem: 'not_in_case' })
      return { state: 'not_found' }
    }
    if (caseView.status !== 'active') {
      await audit('failed', caseView, undefined, { problem: 'case_closed' })
      return { state: 'closed', caseView, shown }
    }
    const step = await command.run(tx, caseView, shown)
    if (!step.ok) {
      await audit('failed', caseView, undefined, step.problem === 'invalid' ? { problems: step.errors.map((error) => error.field) } : { problem: 'stale_version' })
      return step.problem === 'invalid' ? { state: 'invalid', caseView, shown, errors: step.errors } : { state: 'stale', caseView, shown }
    }
    await audit('allowed', caseView, step.record, step.details)
    return { state: 'done', caseView, done: step.done }
  })
}
