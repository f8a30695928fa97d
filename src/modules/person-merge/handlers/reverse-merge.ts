import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { personMergePaths } from '../paths.ts'
import { findMerge, findVisiblePerson, lockPeople, movedRowsStillWithSurvivor, reverseMerge } from '../repository.ts'
import { movedCounts, reversalProblem, type ReversalProblem } from '../rules.ts'
import { renderMerges } from './list-merges.ts'
import { idParam } from './params.ts'

type Outcome = { reversed: true } | { reversed: false; problem: ReversalProblem | 'rowsMoved' | 'notFound' }

/**
 * Reverses a merge into this person within the time allowed: exactly the rows it moved go
 * back, and the merged record is a record of its own again. The person must be in the
 * caller's scope and the merge one into them (404 otherwise, audited as denied).
 */
export async function reverseMergeInto(request: FastifyRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  const mergeId = idParam(request, 'mergeId')
  const { database } = request.server
  const scope = request.scope!
  const outcome = await inTransaction(database.db, async (tx): Promise<Outcome> => {
    const merge = (await findVisiblePerson(tx, scope, personId)) ? await findMerge(tx, database.dialect, personId, mergeId) : undefined
    if (!merge) {
      await auditRequest(tx, request, { action: 'person.merge.reverse', outcome: 'denied', personId, details: { mergeId } })
      return { reversed: false, problem: 'notFound' }
    }
    const survivor = (await lockPeople(tx, database.dialect, [personId, merge.merged_id])).find((row) => row.id === personId)!
    const now = new Date().toISOString()
    const problem = reversalProblem(merge, survivor, now) ?? ((await movedRowsStillWithSurvivor(tx, merge)) ? null : 'rowsMoved')
    // Shown again with the reason; that page's read writes the refused attempt's audit row.
    if (problem) return { reversed: false, problem }
    await reverseMerge(tx, merge, scope.userId, now)
    await auditRequest(tx, request, { action: 'person.merge.reverse', outcome: 'allowed', personId, recordType: 'person_merge', recordId: mergeId, details: { restoredPersonId: merge.merged_id, moved: movedCounts(merge.moved_rows) } })
    return { reversed: true }
  })
  if (outcome.reversed) return reply.redirect(personMergePaths.merges({ personId }), 303)
  if (outcome.problem === 'notFound') throw notFound()
  return renderMerges(request, reply, personId, 'person.merge.reverse', { mergeId, problem: outcome.problem })
}
