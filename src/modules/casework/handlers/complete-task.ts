import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { caseworkPaths } from '../paths.ts'
import { assignedTask, completeTask } from '../repository.ts'
import { taskViewOf } from '../rules.ts'

/** POST: a task assigned to the caller or one of their teams is done. Anyone else's task is not found (audited as denied). */
export async function completeTaskHandler(request: FastifyRequest, reply: FastifyReply) {
  const taskId = idParam(request, 'taskId')
  const scope = request.scope!
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const task = await assignedTask(tx, scope, taskId)
    if (!task) {
      await auditRequest(tx, request, { action: 'task.complete', outcome: 'denied', recordType: 'case_task', recordId: taskId })
      return false
    }
    // A second click (or a colleague's) finds it done already: nothing changes, and nothing is wrong.
    const done = await completeTask(tx, taskId, { userId: scope.userId, at: scope.now })
    await auditRequest(tx, request, { action: 'task.complete', outcome: done ? 'allowed' : 'failed', ...(task.person_id ? { personId: task.person_id } : {}), recordType: 'case_task', recordId: taskId, ...(done ? {} : { details: { problem: 'already_done' } }) })
    return true
  })
  if (!found) throw notFound()
  const back = taskViewOf(request.body) === 'teams' ? `${caseworkPaths.tasks()}?show=teams` : caseworkPaths.tasks()
  return reply.redirect(back, 303)
}
