import type { FastifyReply, FastifyRequest } from 'fastify'
import type { TaskRow } from '../repository.ts'
import { isOverdue, taskViewOf } from '../rules.ts'
import { readTaskList } from '../tasks.ts'

/** The person a stored task is about: named only if the caller may see them, else the page says it is not shared. */
export function taskPersonName(task: TaskRow): string | null {
  return task.given_name === null || task.family_name === null ? null : `${task.given_name} ${task.family_name}`
}

/** "My tasks": stored tasks to do and reminders from the records, for the caller or (`?show=teams`) their teams. */
export async function showTasks(request: FastifyRequest, reply: FastifyReply) {
  const list = await readTaskList(request, taskViewOf(request.query))
  const today = request.scope!.today
  return reply.view('casework/views/tasks.njk', {
    view: list.view,
    tasks: list.tasks.map((task) => ({ ...task, personName: taskPersonName(task), namesPerson: task.person_id !== null, overdue: isOverdue(task.due_on, today) })),
    reminders: list.reminders.map((reminder) => ({ ...reminder, namesPerson: true })),
  })
}
