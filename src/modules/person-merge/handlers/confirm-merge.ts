import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { labelOf } from '../../../platform/content/code-lists.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import { findVisiblePerson, summarise, type MergeablePerson, type RecordSummary } from '../repository.ts'
import { mergeProblem, personLinkedTables, reversibleForDays, type MergeProblem } from '../rules.ts'
import { idParam } from './params.ts'

export interface FailedMerge {
  values: unknown
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/** A record as the confirmation page shows it: labels for codes, identifiers in words. */
function shown(person: MergeablePerson, summary: RecordSummary) {
  return {
    ...person,
    sexLabel: labelOf('sex', person.sex),
    identifiers: summary.identifiers.map((identifier) => ({ ...identifier, label: labelOf('identifier_kind', identifier.kind) })),
    aliases: summary.aliases,
    counts: summary.counts,
  }
}

/**
 * The two records side by side with what would move, and the form that merges them; both
 * must be in the caller's scope (404 otherwise, audited as denied). One audit row: the
 * page's own read (`person.merge.view`), or the failed merge shown again (`person.merge`).
 */
export async function renderConfirmation(request: FastifyRequest, reply: FastifyReply, survivorId: string, duplicateId: string, action: AuditEvent, failed?: FailedMerge) {
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const [survivor, duplicate] = [await findVisiblePerson(tx, request.scope!, survivorId), await findVisiblePerson(tx, request.scope!, duplicateId)]
    if (!survivor || !duplicate) {
      await auditRequest(tx, request, { action, outcome: 'denied', personId: survivorId, details: { duplicateId } })
      return null
    }
    const problem: MergeProblem | null = mergeProblem(survivor, duplicate)
    const [survivorSummary, duplicateSummary] = [await summarise(tx, survivorId), await summarise(tx, duplicateId)]
    await auditRequest(tx, request, { action, outcome: failed ? 'failed' : 'allowed', personId: survivorId, recordType: 'person', recordId: duplicateId, details: { duplicateId } })
    return { survivor: shown(survivor, survivorSummary), duplicate: shown(duplicate, duplicateSummary), problem }
  })
  if (!page) throw notFound()
  return reply.code(failed ? 400 : 200).view('person-merge/views/confirm.njk', { ...page, tables: personLinkedTables, reversibleDays: reversibleForDays, values: failed?.values ?? {}, errors: failed?.errors, fieldErrors: failed?.fieldErrors ?? {} })
}

export async function showConfirmation(request: FastifyRequest, reply: FastifyReply) {
  return renderConfirmation(request, reply, idParam(request, 'personId'), idParam(request, 'duplicateId'), 'person.merge.view')
}
