import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError } from '../../../platform/http/forms.ts'
import { findVisiblePerson, mergesInto } from '../repository.ts'
import { movedCounts, reversalProblem, reversibleForDays, reversibleUntil, type ReversalProblem } from '../rules.ts'
import { idParam } from './params.ts'

/**
 * The records merged into this person, newest first, each with a button to reverse it
 * while it may be. One audit row: the page's read (`person.merge.view`), or a refused
 * reversal shown again with its reason (`person.merge.reverse`, failed).
 */
export async function renderMerges(request: FastifyRequest, reply: FastifyReply, personId: string, action: AuditEvent, refused?: { mergeId: string; problem: ReversalProblem | 'rowsMoved' }) {
  const now = new Date().toISOString()
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const person = await findVisiblePerson(tx, request.scope!, personId)
    if (!person) {
      await auditRequest(tx, request, { action, outcome: 'denied', personId })
      return null
    }
    const merges = await mergesInto(tx, personId)
    await auditRequest(tx, request, {
      action,
      outcome: refused ? 'failed' : 'allowed',
      personId,
      ...(refused ? { recordType: 'person_merge', recordId: refused.mergeId, details: { problem: refused.problem } } : { recordType: 'person', recordId: personId, details: { merges: merges.length } }),
    })
    return { person, merges }
  })
  if (!page) throw notFound()
  const merges = page.merges.map((merge) => ({
    ...merge,
    reversibleUntil: reversibleUntil(merge.merged_at),
    reversible: reversalProblem(merge, page.person, now) === null,
    moved: Object.entries(movedCounts(merge.moved_rows)),
  }))
  const problems = refused ? formError(`merge-${refused.mergeId}`, request.server.content.t(`personMerge.reversal.problems.${refused.problem}`, { days: reversibleForDays })) : {}
  return reply.code(refused ? 400 : 200).view('person-merge/views/merges.njk', { person: page.person, merges, mayMerge: request.principal?.capabilities.has('person:merge') === true, ...problems })
}

export async function listMerges(request: FastifyRequest, reply: FastifyReply) {
  return renderMerges(request, reply, idParam(request, 'personId'), 'person.merge.view')
}
