import type { FastifyReply, FastifyRequest } from 'fastify'
import { caseContext, readCaseSection } from '../case.ts'
import { taskViewOf } from '../rules.ts'
import { readTaskList } from '../tasks.ts'
import { loadOverview, overviewCategories } from './show-case.ts'
import { taskPersonName } from './show-tasks.ts'

/*
 * The JSON API of a case and of the tasks page: the same reads, scope and audit as the pages.
 */

/** The case header, its tier and the sections the caller may read; 403 when none of the header's categories is shared with them. */
export async function caseForApi(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'case.view', categories: overviewCategories }, (tx, caseView) => loadOverview(tx, request, caseView))
  if (read.section === undefined) return reply.code(403).send({ error: 'not_shared', message: request.server.content.t('casework.notShared') })
  const { caseView } = read
  const worker = (id: string | null, name: string | null) => (id === null ? null : { id, name })
  return reply.send({
    id: caseView.id,
    person: { id: caseView.person_id, givenName: caseView.given_name, familyName: caseView.family_name, dateOfBirth: caseView.date_of_birth },
    service: { id: caseView.service_id, name: caseView.service_name },
    element: { id: caseView.element_id, name: caseView.element_name },
    keyworker: worker(caseView.keyworker_user_id, caseView.keyworker_name),
    leadClinician: worker(caseView.lead_clinician_user_id, caseView.lead_clinician_name),
    status: caseView.status,
    startedAt: caseView.started_at,
    endedAt: caseView.ended_at,
    endedReason: caseView.ended_reason,
    closingSummary: caseView.closing_summary,
    tier: read.section.tier ? { tier: read.section.tier.tier, startedOn: read.section.tier.started_on } : null,
    readableSections: caseContext(caseView, 'overview').sections,
    readableCategories: [...caseView.readable],
  })
}

/** The caller's (or their teams') stored tasks and reminders. */
export async function tasksForApi(request: FastifyRequest, reply: FastifyReply) {
  const list = await readTaskList(request, taskViewOf(request.query))
  return reply.send({
    show: list.view,
    tasks: list.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      title: task.title,
      detail: task.detail,
      dueOn: task.due_on,
      createdAt: task.created_at,
      caseId: task.allocation_id,
      person: task.person_id === null ? null : { id: task.person_id, name: taskPersonName(task) },
      assignedTo: { user: task.assigned_user_name, team: task.assigned_team_name },
    })),
    reminders: list.reminders.map((reminder) => ({
      kind: reminder.kind,
      caseId: reminder.allocationId,
      person: { id: reminder.personId, name: reminder.personName },
      what: reminder.what,
      due: reminder.due,
      overdue: reminder.overdue,
    })),
  })
}
