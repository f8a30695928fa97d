import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { labelOf } from '../../platform/content/code-lists.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { contactsWithoutOutcome, upcomingContacts } from '../contacts/index.ts'
import { planReviewsDue } from '../formulation/index.ts'
import { riskReviewsDue } from '../risk-plans/index.ts'
import type { CaseSectionKey } from './case.ts'
import { openTasks, type TaskRow } from './repository.ts'
import { addDays, byDueDate, isOverdue, reminderWindowDays, type TaskView } from './rules.ts'

/*
 * The tasks page and its API: stored tasks (hand-overs, forum concerns) assigned to the
 * caller or their teams, and reminders worked out from the records of the cases they work
 * on (reviews and actions due, sessions coming up, sessions without an outcome), each
 * section module answering for its own records. One transaction, one audit row.
 */

export type ReminderKind = 'plan_review' | 'plan_action' | 'risk_review' | 'no_risk_plan' | 'contact_upcoming' | 'contact_without_outcome'

export interface Reminder {
  kind: ReminderKind
  allocationId: string
  personId: string
  /** Reminders list only people the caller may see (each module decides it in SQL). */
  personName: string
  /** What is due, in words (an action's description, a session's kind); empty when the kind says it all. */
  what: string
  /** YYYY-MM-DD, or a session's instant; null for a record that is missing altogether. */
  due: string | null
  overdue: boolean
  /** The section of the case page to act in. */
  section: CaseSectionKey
}

export interface TaskList {
  view: TaskView
  tasks: TaskRow[]
  reminders: Reminder[]
}

/** The reminders of the cases the caller holds as keyworker or lead clinician (`mine`), or of the services their teams deliver (`teams`). */
async function reminders(tx: Tx, request: FastifyRequest, view: TaskView): Promise<Reminder[]> {
  const scope = request.scope!
  const owner = view === 'mine' ? { userId: scope.userId } : { teamIds: scope.teamIds }
  const horizon = addDays(scope.today, reminderWindowDays)
  const plan = await planReviewsDue(tx, scope, { ...owner, before: horizon })
  const risk = await riskReviewsDue(tx, scope, { ...owner, before: horizon })
  const upcoming = await upcomingContacts(tx, scope, { ...owner, from: scope.now, to: `${horizon}T23:59:59.999Z` })
  const unrecorded = await contactsWithoutOutcome(tx, scope, { ...owner, before: scope.now })
  const named = (row: { givenName: string; familyName: string }) => `${row.givenName} ${row.familyName}`
  return byDueDate<Reminder>([
    ...plan.map((item) => ({
      kind: item.what.kind === 'plan_review' ? ('plan_review' as const) : ('plan_action' as const),
      allocationId: item.allocationId,
      personId: item.personId,
      personName: named(item),
      what: item.what.kind === 'action' ? item.what.description : '',
      due: item.dueOn,
      overdue: isOverdue(item.dueOn, scope.today),
      section: 'plan' as const,
    })),
    ...risk.map((item) => ({ kind: item.reviewOn === null ? ('no_risk_plan' as const) : ('risk_review' as const), allocationId: item.allocationId, personId: item.personId, personName: item.personName, what: '', due: item.reviewOn, overdue: item.overdue, section: 'risk' as const })),
    ...[...upcoming.map((contact) => ({ contact, kind: 'contact_upcoming' as const, overdue: false })), ...unrecorded.map((contact) => ({ contact, kind: 'contact_without_outcome' as const, overdue: true }))].map(({ contact, kind, overdue }) => ({
      kind,
      allocationId: contact.allocationId,
      personId: contact.personId,
      personName: named(contact),
      what: labelOf('contact_kind', contact.kind),
      due: contact.occursAt,
      overdue,
      section: 'contacts' as const,
    })),
  ])
}

export function readTaskList(request: FastifyRequest, view: TaskView): Promise<TaskList> {
  return inTransaction(request.server.database.db, async (tx) => {
    const tasks = await openTasks(tx, request.scope!, view)
    const due = await reminders(tx, request, view)
    await auditRequest(tx, request, { action: 'task.view', outcome: 'allowed', details: { show: view, tasks: tasks.length, reminders: due.length } })
    return { view, tasks, reminders: due }
  })
}
