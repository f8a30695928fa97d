import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { personVisibleTo, type DataCategory, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Dialect, Tx } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'

type Reader = Db | Tx

export interface CaseRow {
  id: string
  person_id: string
  given_name: string
  family_name: string
  date_of_birth: string | null
  referral_id: string
  referral_status: string
  service_id: string
  service_name: string
  organisation_id: string
  element_id: string
  element_name: string
  keyworker_user_id: string | null
  keyworker_name: string | null
  lead_clinician_user_id: string | null
  lead_clinician_name: string | null
  status: 'active' | 'ended'
  started_at: string
  ended_at: string | null
  ended_reason: string | null
  closing_summary: string | null
}

/** A case (allocation) whose person the caller may see; undefined otherwise, so "not found" says nothing more. */
export function findCase(tx: Reader, scope: Scope, allocationId: string): Promise<CaseRow | undefined> {
  return tx
    .selectFrom('allocation')
    .innerJoin('person', 'person.id', 'allocation.person_id')
    .innerJoin('referral', 'referral.id', 'allocation.referral_id')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .leftJoin('staff_user as keyworker', 'keyworker.id', 'allocation.keyworker_user_id')
    .leftJoin('staff_user as lead_clinician', 'lead_clinician.id', 'allocation.lead_clinician_user_id')
    .select([
      'allocation.id',
      'allocation.person_id',
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'allocation.referral_id',
      'referral.status as referral_status',
      'service.id as service_id',
      'service.name as service_name',
      'service.organisation_id',
      'service_element.id as element_id',
      'service_element.name as element_name',
      'allocation.keyworker_user_id',
      'keyworker.display_name as keyworker_name',
      'allocation.lead_clinician_user_id',
      'lead_clinician.display_name as lead_clinician_name',
      'allocation.status',
      'allocation.started_at',
      'allocation.ended_at',
      'allocation.ended_reason',
      'allocation.closing_summary',
    ])
    .where('allocation.id', '=', allocationId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

export interface CaseEvent {
  personId: string
  allocationId: string
  kind: string
  category: DataCategory
  organisationId: string
  recordType: string
  recordId: string
  recordedBy: string
  at?: string
  details?: Record<string, unknown>
}

/** One line of the case's history (and of the person's timeline), seen by those who may read its category. */
export async function addCaseEvent(tx: Tx, event: CaseEvent): Promise<void> {
  await tx
    .insertInto('person_timeline_event')
    .values({
      id: newId(),
      person_id: event.personId,
      allocation_id: event.allocationId,
      occurred_at: event.at ?? new Date().toISOString(),
      kind: event.kind,
      data_category: event.category,
      organisation_id: event.organisationId,
      record_type: event.recordType,
      record_id: event.recordId,
      details: event.details === undefined ? null : jsonValue(event.details),
      recorded_by: event.recordedBy,
    })
    .execute()
}

export interface CaseHistoryRow {
  id: string
  occurred_at: string
  kind: string
  data_category: string
  record_type: string | null
  record_id: string | null
  details: Record<string, unknown> | null
  recorded_by_name: string | null
}

/** The case's history, newest first, only in the categories the caller may read (filtered in SQL). */
export function caseHistory(tx: Reader, allocationId: string, categories: ReadonlySet<DataCategory>, page: { limit: number; offset: number }): Promise<CaseHistoryRow[]> {
  return tx
    .selectFrom('person_timeline_event')
    .leftJoin('staff_user', 'staff_user.id', 'person_timeline_event.recorded_by')
    .select(['person_timeline_event.id', 'person_timeline_event.occurred_at', 'person_timeline_event.kind', 'person_timeline_event.data_category', 'person_timeline_event.record_type', 'person_timeline_event.record_id', 'person_timeline_event.details', 'staff_user.display_name as recorded_by_name'])
    .where('person_timeline_event.allocation_id', '=', allocationId)
    .where('person_timeline_event.data_category', 'in', categories.size === 0 ? ['-'] : [...categories])
    .orderBy('person_timeline_event.occurred_at', 'desc')
    .orderBy('person_timeline_event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function caseHistoryCount(tx: Reader, allocationId: string, categories: ReadonlySet<DataCategory>): Promise<number> {
  const row = await tx
    .selectFrom('person_timeline_event')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('allocation_id', '=', allocationId)
    .where('data_category', 'in', categories.size === 0 ? ['-'] : [...categories])
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The community-pathway tier the case is in now, if any. */
export function currentTier(tx: Reader, allocationId: string): Promise<{ tier: string; started_on: string } | undefined> {
  return tx.selectFrom('case_tier').select(['tier', 'started_on']).where('allocation_id', '=', allocationId).where('ended_on', 'is', null).orderBy('started_on', 'desc').executeTakeFirst()
}

/** Locks the case's allocation row until the transaction ends (PostgreSQL; SQLite's write transaction already excludes other writers), so two tier changes cannot interleave. */
export async function lockCase(tx: Tx, dialect: Dialect, allocationId: string): Promise<void> {
  await tx.selectFrom('allocation').select('id').where('id', '=', allocationId).$if(dialect === 'postgres', (query) => query.forUpdate()).executeTakeFirst()
}

export interface TierRow {
  tier: string
  started_on: string
  ended_on: string | null
  recorded_by_name: string | null
}

/** Every tier the case has been in, the current one first. */
export function tierHistory(tx: Reader, allocationId: string): Promise<TierRow[]> {
  return tx
    .selectFrom('case_tier')
    .leftJoin('staff_user', 'staff_user.id', 'case_tier.recorded_by')
    .select(['case_tier.tier', 'case_tier.started_on', 'case_tier.ended_on', 'staff_user.display_name as recorded_by_name'])
    .where('case_tier.allocation_id', '=', allocationId)
    .orderBy('case_tier.started_on', 'desc')
    .execute()
}

/** The case moves into `tier` from `startsOn`; the tier it was in ends on `endsPreviousOn`. Returns the new tier's id. */
export async function startTier(tx: Tx, change: { allocationId: string; tier: string; startsOn: string; endsPreviousOn: string; recordedBy: string }): Promise<string> {
  await tx.updateTable('case_tier').set({ ended_on: change.endsPreviousOn }).where('allocation_id', '=', change.allocationId).where('ended_on', 'is', null).execute()
  const id = newId()
  await tx.insertInto('case_tier').values({ id, allocation_id: change.allocationId, tier: change.tier, started_on: change.startsOn, recorded_by: change.recordedBy }).execute()
  return id
}

/** Whether one of the caller's teams delivers the service (its members may end a place in it). */
export async function deliversService(tx: Reader, scope: Scope, serviceId: string): Promise<boolean> {
  if (scope.teamIds.length === 0) return false
  const team = await tx.selectFrom('team').select('id').where('service_id', '=', serviceId).where('id', 'in', scope.teamIds).executeTakeFirst()
  return team !== undefined
}

// Closing and handing over -------------------------------------------------------------------

export interface TeamChoice {
  id: string
  name: string
  organisation_name: string
}

/** Every team of every organisation, by organisation: a transfer may hand a case to anyone in the partnership. */
export function teamsToHandOverTo(tx: Reader): Promise<TeamChoice[]> {
  return tx.selectFrom('team').innerJoin('organisation', 'organisation.id', 'team.organisation_id').select(['team.id', 'team.name', 'organisation.name as organisation_name']).orderBy('organisation.name').orderBy('team.name').execute()
}

export function teamToHandOverTo(tx: Reader, teamId: string): Promise<TeamChoice | undefined> {
  return tx.selectFrom('team').innerJoin('organisation', 'organisation.id', 'team.organisation_id').select(['team.id', 'team.name', 'organisation.name as organisation_name']).where('team.id', '=', teamId).executeTakeFirst()
}

/** The service holding the case and its provider, to say in a hand-over who handed over. */
export function caseProvider(tx: Reader, allocationId: string): Promise<{ service_name: string; organisation_name: string }> {
  return tx
    .selectFrom('allocation')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .innerJoin('organisation', 'organisation.id', 'service.organisation_id')
    .select(['service.name as service_name', 'organisation.name as organisation_name'])
    .where('allocation.id', '=', allocationId)
    .executeTakeFirstOrThrow()
}

export async function saveClosure(tx: Tx, allocationId: string, closure: { closingSummary: string; transferredToTeamId: string | null }): Promise<void> {
  await tx.updateTable('allocation').set({ closing_summary: closure.closingSummary, transferred_to_team_id: closure.transferredToTeamId }).where('id', '=', allocationId).execute()
}

/** Gives the team an open involvement with the person, unless it has one: that is what lets its members see the record. */
export async function openInvolvement(tx: Tx, involvement: { personId: string; teamId: string; startedOn: string; openedBy: string }): Promise<void> {
  const open = await tx.selectFrom('involvement').select('id').where('person_id', '=', involvement.personId).where('team_id', '=', involvement.teamId).where('status', '=', 'open').executeTakeFirst()
  if (open) return
  await tx.insertInto('involvement').values({ id: newId(), person_id: involvement.personId, team_id: involvement.teamId, status: 'open', started_on: involvement.startedOn, opened_by: involvement.openedBy }).execute()
}

// Tasks ----------------------------------------------------------------------------------------

export interface NewCaseTask {
  /** handover, forum_concern, … (content/casework.yml tasks.kinds). */
  kind: string
  title: string
  detail?: string | null
  /** At least one of the user and the team is named. */
  assignedUserId?: string | null
  assignedTeamId?: string | null
  personId?: string | null
  allocationId?: string | null
  /** Where the task came from (e.g. 'forum_post' and its id), for a link back. */
  sourceType?: string | null
  sourceId?: string | null
  dueOn?: string | null
}

/** Adds an open task for a worker and/or a team; returns its id. */
export async function createCaseTask(tx: Tx, task: NewCaseTask): Promise<string> {
  if (!task.assignedUserId && !task.assignedTeamId) throw new Error('a case task is assigned to a user, a team or both')
  const id = newId()
  await tx
    .insertInto('case_task')
    .values({
      id,
      kind: task.kind,
      title: task.title,
      detail: task.detail ?? null,
      assigned_user_id: task.assignedUserId ?? null,
      assigned_team_id: task.assignedTeamId ?? null,
      person_id: task.personId ?? null,
      allocation_id: task.allocationId ?? null,
      source_type: task.sourceType ?? null,
      source_id: task.sourceId ?? null,
      due_on: task.dueOn ?? null,
      status: 'open',
    })
    .execute()
  return id
}

/** The task is assigned to one of the caller's teams (never true for a caller in no team). */
function assignedToTeams(eb: ExpressionBuilder<Database, 'case_task'>, scope: Scope): Expression<SqlBool> {
  return scope.teamIds.length === 0 ? sql<boolean>`1 = 0` : eb('case_task.assigned_team_id', 'in', [...scope.teamIds])
}

export interface TaskRow {
  id: string
  kind: string
  title: string
  detail: string | null
  due_on: string | null
  created_at: string
  allocation_id: string | null
  person_id: string | null
  /** Null when the caller may not see the person (or the task names nobody). */
  given_name: string | null
  family_name: string | null
  assigned_user_name: string | null
  assigned_team_name: string | null
}

/**
 * Open tasks, oldest first: for `mine`, those assigned to the caller or to one of their teams
 * without a named worker; for `teams`, everything assigned to the caller's teams. A person's
 * name comes only when the caller may see them (decided in SQL).
 */
export function openTasks(tx: Reader, scope: Scope, view: 'mine' | 'teams'): Promise<TaskRow[]> {
  const visibleName = (column: 'given_name' | 'family_name') => (eb: ExpressionBuilder<Database, 'case_task'>) =>
    eb.selectFrom('person').select(`person.${column}`).whereRef('person.id', '=', 'case_task.person_id').where(personVisibleTo(scope)).as(column)
  return tx
    .selectFrom('case_task')
    .leftJoin('staff_user', 'staff_user.id', 'case_task.assigned_user_id')
    .leftJoin('team', 'team.id', 'case_task.assigned_team_id')
    .select(['case_task.id', 'case_task.kind', 'case_task.title', 'case_task.detail', 'case_task.source_type', 'case_task.source_id', 'case_task.due_on', 'case_task.created_at', 'case_task.allocation_id', 'case_task.person_id', 'staff_user.display_name as assigned_user_name', 'team.name as assigned_team_name'])
    .select((eb) => [visibleName('given_name')(eb), visibleName('family_name')(eb)])
    .where('case_task.status', '=', 'open')
    .where((eb) =>
      view === 'teams'
        ? assignedToTeams(eb, scope)
        : eb.or([eb('case_task.assigned_user_id', '=', scope.userId), eb.and([eb('case_task.assigned_user_id', 'is', null), assignedToTeams(eb, scope)])]),
    )
    .orderBy('case_task.created_at')
    .orderBy('case_task.id')
    .execute()
}

/** The task, when it is assigned to the caller or to one of their teams; undefined otherwise. */
export function assignedTask(tx: Reader, scope: Scope, taskId: string): Promise<{ id: string; status: 'open' | 'done'; person_id: string | null } | undefined> {
  return tx
    .selectFrom('case_task')
    .select(['id', 'status', 'person_id'])
    .where('id', '=', taskId)
    .where((eb) => eb.or([eb('case_task.assigned_user_id', '=', scope.userId), assignedToTeams(eb, scope)]))
    .executeTakeFirst()
}

export async function completeTask(tx: Tx, taskId: string, by: { userId: string; at: string }): Promise<boolean> {
  const result = await tx.updateTable('case_task').set({ status: 'done', done_at: by.at, done_by: by.userId }).where('id', '=', taskId).where('status', '=', 'open').executeTakeFirst()
  return result.numUpdatedRows > 0n
}
