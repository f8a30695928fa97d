import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { badRequest, notFound } from '../../../platform/http/errors.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { isId } from '../../../platform/db/ids.ts'
import { mergeForm } from '../forms.ts'
import { personMergePaths } from '../paths.ts'
import { findVisiblePerson, lockPeople, mergePeople } from '../repository.ts'
import { mergeProblem, movedCounts, type MergeProblem } from '../rules.ts'
import { renderConfirmation } from './confirm-merge.ts'
import { idParam } from './params.ts'

type Outcome = { merged: true } | { merged: false; problem: MergeProblem | 'notFound' }

/**
 * Merges the chosen duplicate into this person, in one transaction with its audit row:
 * both records in scope (checked in SQL; 404 otherwise, audited as denied), both read
 * again under lock and checked against the merge rules, every linked row re-pointed.
 */
export async function mergeDuplicate(request: FastifyRequest<{ Body: Record<string, unknown> }>, reply: FastifyReply) {
  const survivorId = idParam(request, 'personId')
  const { content, database } = request.server
  const typedDuplicate = String(request.body?.duplicateId ?? '').trim().toLowerCase()
  // The duplicate's id is a hidden field of the confirmation page: without one there is no
  // page to show again — but a person out of scope is still not found, as everywhere.
  if (!isId(typedDuplicate)) {
    const visible = await inTransaction(database.db, async (tx) => {
      if (await findVisiblePerson(tx, request.scope!, survivorId)) return true
      await auditRequest(tx, request, { action: 'person.merge', outcome: 'denied', personId: survivorId })
      return false
    })
    throw visible ? badRequest('no duplicate record chosen') : notFound()
  }
  const form = parseForm(mergeForm, request.body, content)
  if (!form.ok) return renderConfirmation(request, reply, survivorId, typedDuplicate, 'person.merge', { values: request.body, errors: form.errors, fieldErrors: form.fieldErrors })
  const { duplicateId, reason } = form.value
  const scope = request.scope!
  const outcome = await inTransaction(database.db, async (tx): Promise<Outcome> => {
    if (!(await findVisiblePerson(tx, scope, survivorId)) || !(await findVisiblePerson(tx, scope, duplicateId))) {
      await auditRequest(tx, request, { action: 'person.merge', outcome: 'denied', personId: survivorId, details: { duplicateId } })
      return { merged: false, problem: 'notFound' }
    }
    const locked = await lockPeople(tx, database.dialect, [survivorId, duplicateId])
    // Both were just found in scope, in this transaction.
    const problem = mergeProblem(locked.find((row) => row.id === survivorId)!, locked.find((row) => row.id === duplicateId)!)
    // Shown again with the problem; that page's read writes the failed attempt's audit row.
    if (problem) return { merged: false, problem }
    const { mergeId, moved } = await mergePeople(tx, { survivorId, duplicateId, userId: scope.userId, reason, now: new Date().toISOString() })
    await auditRequest(tx, request, { action: 'person.merge', outcome: 'allowed', personId: survivorId, recordType: 'person_merge', recordId: mergeId, details: { mergedPersonId: duplicateId, moved: movedCounts(moved) } })
    return { merged: true }
  })
  if (outcome.merged) return reply.redirect(personMergePaths.merges({ personId: survivorId }), 303)
  if (outcome.problem === 'notFound') throw notFound()
  return renderConfirmation(request, reply, survivorId, duplicateId, 'person.merge', { values: request.body, ...formError('problem', content.t(`personMerge.problems.${outcome.problem}`)) })
}
