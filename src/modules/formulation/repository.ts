import { sql } from 'kysely'
import { caseHeldBy, type DataCategory, personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { closedActionStatuses, formulationParts, type FormulationPart, type PartText } from './rules.ts'

type Reader = Db | Tx

/*
 * All SQL of formulations and pathway plans. Every read here is of one case the caller has
 * already found in scope (casework's findCaseView), except `planReviewsDue`, which applies
 * the scope itself.
 */

// ---- Formulation

export interface FormulationVersion {
  id: string
  version: number
  formulated_on: string
  created_at: string
  created_by_name: string
  /** Null when the reader may not read the part: it is not even selected. */
  shared: PartText | null
  clinical: PartText | null
}

export interface Author {
  formulation_id: string
  id: string
  name: string
}

/**
 * Versions of a case's formulation with only the parts the reader may read: a part whose
 * category is not readable is replaced by NULL in the SELECT, so it never leaves the database.
 */
function formulationQuery(tx: Reader, allocationId: string, readable: ReadonlySet<DataCategory>) {
  const part = (name: FormulationPart) => (readable.has(formulationParts[name].category) ? sql.ref<PartText | null>(`case_formulation.${name}`) : sql<PartText | null>`null`)
  return tx
    .selectFrom('case_formulation')
    .innerJoin('staff_user', 'staff_user.id', 'case_formulation.created_by')
    .select(['case_formulation.id', 'case_formulation.version', 'case_formulation.formulated_on', 'case_formulation.created_at', 'staff_user.display_name as created_by_name', part('shared').as('shared'), part('clinical').as('clinical')])
    .where('case_formulation.allocation_id', '=', allocationId)
}

/** The latest version, or a named one (undefined when it is not this case's). */
export function formulationVersion(tx: Reader, allocationId: string, readable: ReadonlySet<DataCategory>, formulationId?: string): Promise<FormulationVersion | undefined> {
  const query = formulationQuery(tx, allocationId, readable)
  return (formulationId === undefined ? query.orderBy('case_formulation.version', 'desc').limit(1) : query.where('case_formulation.id', '=', formulationId)).executeTakeFirst() as Promise<FormulationVersion | undefined>
}

export interface VersionListing {
  id: string
  version: number
  formulated_on: string
}

export function formulationVersions(tx: Reader, allocationId: string): Promise<VersionListing[]> {
  return tx.selectFrom('case_formulation').select(['id', 'version', 'formulated_on']).where('allocation_id', '=', allocationId).orderBy('version', 'desc').execute()
}

/** The authors of every version of the case, in one query. */
export function formulationAuthors(tx: Reader, allocationId: string): Promise<Author[]> {
  return tx
    .selectFrom('case_formulation_author')
    .innerJoin('case_formulation', 'case_formulation.id', 'case_formulation_author.formulation_id')
    .innerJoin('staff_user', 'staff_user.id', 'case_formulation_author.user_id')
    .select(['case_formulation_author.formulation_id', 'staff_user.id', 'staff_user.display_name as name'])
    .where('case_formulation.allocation_id', '=', allocationId)
    .orderBy('staff_user.display_name')
    .execute()
}

export async function latestVersionNumber(tx: Reader, allocationId: string): Promise<number | undefined> {
  const row = await tx.selectFrom('case_formulation').select((eb) => eb.fn.max('version').as('version')).where('allocation_id', '=', allocationId).executeTakeFirst()
  return row?.version === null || row?.version === undefined ? undefined : Number(row.version)
}

export interface NewFormulationVersion {
  allocationId: string
  personId: string
  version: number
  formulatedOn: string
  createdBy: string
  /** The parts the writer wrote; a part left out is carried forward from `version - 1`. */
  parts: Partial<Record<FormulationPart, PartText>>
  authors: readonly string[]
}

/**
 * Adds a version; undefined when another save took the same version number first (the
 * unique constraint decides, so two concurrent saves cannot both win). A part the writer
 * may not write is copied from the previous version inside the database: it never passes
 * through the application.
 */
export async function insertFormulationVersion(tx: Tx, row: NewFormulationVersion): Promise<string | undefined> {
  const id = newId()
  const inserted = await tx
    .insertInto('case_formulation')
    .values({ id, allocation_id: row.allocationId, person_id: row.personId, version: row.version, shared: jsonValue(row.parts.shared ?? {}), clinical: jsonValue(row.parts.clinical ?? {}), formulated_on: row.formulatedOn, created_by: row.createdBy })
    .onConflict((conflict) => conflict.columns(['allocation_id', 'version']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined
  for (const part of ['shared', 'clinical'] as const) {
    if (row.parts[part] !== undefined || row.version === 1) continue
    await tx
      .updateTable('case_formulation')
      .set({ [part]: sql`(select previous.${sql.ref(part)} from case_formulation as previous where previous.allocation_id = ${row.allocationId} and previous.version = ${row.version - 1})` })
      .where('id', '=', id)
      .execute()
  }
  await tx.insertInto('case_formulation_author').values(row.authors.map((userId) => ({ formulation_id: id, user_id: userId }))).execute()
  return id
}

// ---- Staff of a case

export interface CaseWorker {
  id: string
  display_name: string
}

interface CaseOfPerson {
  person_id: string
  keyworker_user_id: string | null
  lead_clinician_user_id: string | null
}

/**
 * The staff who can be named on a case's records (co-authors, action owners): its keyworker
 * and lead clinician, and active staff of teams with an open involvement with the person
 * (the service's team, the person's offender managers).
 */
function caseStaffQuery(tx: Reader, caseView: CaseOfPerson) {
  const named = [caseView.keyworker_user_id, caseView.lead_clinician_user_id].filter((id): id is string => id !== null)
  return tx
    .selectFrom('staff_user')
    .select(['staff_user.id', 'staff_user.display_name'])
    .where('staff_user.status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(named.length > 0 ? [eb('staff_user.id', 'in', named)] : []),
        eb.exists(
          eb
            .selectFrom('team_membership')
            .innerJoin('involvement', 'involvement.team_id', 'team_membership.team_id')
            .select(sql`1`.as('one'))
            .whereRef('team_membership.user_id', '=', 'staff_user.id')
            .where('involvement.person_id', '=', caseView.person_id)
            .where('involvement.status', '=', 'open'),
        ),
      ]),
    )
}

export function caseStaff(tx: Reader, caseView: CaseOfPerson): Promise<CaseWorker[]> {
  return caseStaffQuery(tx, caseView).orderBy('staff_user.display_name').orderBy('staff_user.id').execute()
}

/** Whether every one of `ids` is staff of the case (an empty list is). */
export async function areCaseStaff(tx: Reader, caseView: CaseOfPerson, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true
  const found = await caseStaffQuery(tx, caseView).where('staff_user.id', 'in', [...new Set(ids)]).execute()
  return found.length === new Set(ids).size
}

// ---- Pathway plan

export interface PlanRow {
  id: string
  version: number
  review_on: string | null
  custody_next_service: string | null
  progression_move: string | null
  community_pathway: string | null
  updated_at: string
  updated_by_name: string
}

export function findPlan(tx: Reader, allocationId: string): Promise<PlanRow | undefined> {
  return tx
    .selectFrom('pathway_plan')
    .innerJoin('staff_user', 'staff_user.id', 'pathway_plan.updated_by')
    .select(['pathway_plan.id', 'pathway_plan.version', 'pathway_plan.review_on', 'pathway_plan.custody_next_service', 'pathway_plan.progression_move', 'pathway_plan.community_pathway', 'pathway_plan.updated_at', 'staff_user.display_name as updated_by_name'])
    .where('pathway_plan.allocation_id', '=', allocationId)
    .executeTakeFirst()
}

export interface GoalRow {
  id: string
  description: string
  status: string
  position: number
}

export interface ActionRow {
  id: string
  goal_id: string
  description: string
  owner_user_id: string | null
  owner_name: string | null
  owner_description: string | null
  due_on: string | null
  status: string
}

export function planGoals(tx: Reader, planId: string): Promise<GoalRow[]> {
  return tx.selectFrom('plan_goal').select(['id', 'description', 'status', 'position']).where('plan_id', '=', planId).orderBy('position').execute()
}

/** Every action of the plan, in one query: by goal, then by date (undated last), then as added. */
export function planActions(tx: Reader, planId: string): Promise<ActionRow[]> {
  return tx
    .selectFrom('plan_action')
    .innerJoin('plan_goal', 'plan_goal.id', 'plan_action.goal_id')
    .leftJoin('staff_user', 'staff_user.id', 'plan_action.owner_user_id')
    .select(['plan_action.id', 'plan_action.goal_id', 'plan_action.description', 'plan_action.owner_user_id', 'staff_user.display_name as owner_name', 'plan_action.owner_description', 'plan_action.due_on', 'plan_action.status'])
    .where('plan_goal.plan_id', '=', planId)
    .orderBy(sql`case when plan_action.due_on is null then 1 else 0 end`)
    .orderBy('plan_action.due_on')
    .orderBy('plan_action.created_at')
    .orderBy('plan_action.id')
    .execute()
}

/** A goal of this case's plan, with its number in the plan; undefined for any other id. */
export async function findGoal(tx: Reader, allocationId: string, goalId: string): Promise<(GoalRow & { number: number }) | undefined> {
  const goal = await tx
    .selectFrom('plan_goal')
    .innerJoin('pathway_plan', 'pathway_plan.id', 'plan_goal.plan_id')
    .select(['plan_goal.id', 'plan_goal.description', 'plan_goal.status', 'plan_goal.position'])
    .select((eb) => eb.selectFrom('plan_goal as earlier').select((inner) => inner.fn.countAll<number | string>().as('count')).whereRef('earlier.plan_id', '=', 'plan_goal.plan_id').whereRef('earlier.position', '<=', 'plan_goal.position').as('number'))
    .where('plan_goal.id', '=', goalId)
    .where('pathway_plan.allocation_id', '=', allocationId)
    .executeTakeFirst()
  return goal && { ...goal, number: Number(goal.number) }
}

/** An action of this case's plan; undefined for any other id. */
export function findAction(tx: Reader, allocationId: string, actionId: string): Promise<{ id: string; description: string; status: string } | undefined> {
  return tx
    .selectFrom('plan_action')
    .innerJoin('plan_goal', 'plan_goal.id', 'plan_action.goal_id')
    .innerJoin('pathway_plan', 'pathway_plan.id', 'plan_goal.plan_id')
    .select(['plan_action.id', 'plan_action.description', 'plan_action.status'])
    .where('plan_action.id', '=', actionId)
    .where('pathway_plan.allocation_id', '=', allocationId)
    .executeTakeFirst()
}

/** Makes the case's plan at version 1; undefined when someone else made it first. */
export async function createPlan(tx: Tx, plan: { allocationId: string; personId: string; userId: string }): Promise<string | undefined> {
  const id = newId()
  const inserted = await tx
    .insertInto('pathway_plan')
    .values({ id, allocation_id: plan.allocationId, person_id: plan.personId, version: 1, updated_by: plan.userId, updated_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('allocation_id').doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? id : undefined
}

/** Moves the plan from `version` to the next; false when someone else's change got there first. */
export async function claimPlanVersion(tx: Tx, planId: string, version: number, userId: string): Promise<boolean> {
  const result = await tx
    .updateTable('pathway_plan')
    .set((eb) => ({ version: eb('version', '+', 1), updated_by: userId, updated_at: new Date().toISOString() }))
    .where('id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export interface Pathway {
  custodyNextService: string | null
  progressionMove: string | null
  communityPathway: string | null
  reviewOn: string | null
}

export async function updatePathway(tx: Tx, planId: string, pathway: Pathway): Promise<void> {
  await tx
    .updateTable('pathway_plan')
    .set({ custody_next_service: pathway.custodyNextService, progression_move: pathway.progressionMove, community_pathway: pathway.communityPathway, review_on: pathway.reviewOn })
    .where('id', '=', planId)
    .execute()
}

export async function addGoal(tx: Tx, planId: string, description: string): Promise<string> {
  const id = newId()
  const last = await tx.selectFrom('plan_goal').select((eb) => eb.fn.max('position').as('position')).where('plan_id', '=', planId).executeTakeFirst()
  await tx.insertInto('plan_goal').values({ id, plan_id: planId, description, status: 'not_started', position: Number(last?.position ?? 0) + 1 }).execute()
  return id
}

export interface NewAction {
  description: string
  owner: { userId: string | null; description: string | null }
  dueOn: string | null
}

export async function addAction(tx: Tx, goalId: string, action: NewAction): Promise<string> {
  const id = newId()
  await tx.insertInto('plan_action').values({ id, goal_id: goalId, description: action.description, owner_user_id: action.owner.userId, owner_description: action.owner.description, due_on: action.dueOn, status: 'not_started' }).execute()
  return id
}

export async function setGoalStatus(tx: Tx, goalId: string, status: string): Promise<void> {
  await tx.updateTable('plan_goal').set({ status }).where('id', '=', goalId).execute()
}

export async function setActionStatus(tx: Tx, actionId: string, status: string): Promise<void> {
  await tx.updateTable('plan_action').set({ status }).where('id', '=', actionId).execute()
}

// ---- Reviews and actions due, for the tasks page

export interface PlanItemDue {
  allocationId: string
  personId: string
  givenName: string
  familyName: string
  /** A review of the whole plan, or one action (its description). */
  what: { kind: 'plan_review' } | { kind: 'action'; actionId: string; description: string }
  dueOn: string
}

/**
 * Plan reviews and open actions due on or before `before`, in active cases the caller works
 * on (keyworker or lead clinician: `userId`; or the service is delivered by one of `teamIds`),
 * of people the caller may see. Earliest first.
 */
export async function planReviewsDue(db: Reader, scope: Scope, options: { userId?: string; teamIds?: readonly string[]; before: string }): Promise<PlanItemDue[]> {
  const teamIds = options.teamIds ?? []
  if (options.userId === undefined && teamIds.length === 0) return []
  const casesOfCaller = () =>
    db
      .selectFrom('pathway_plan')
      .innerJoin('allocation', 'allocation.id', 'pathway_plan.allocation_id')
      .innerJoin('person', 'person.id', 'allocation.person_id')
      .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
      .where('allocation.status', '=', 'active')
      .where(caseHeldBy({ userId: options.userId, teamIds }))
      .where(personVisibleTo(scope))
  const reviews = await casesOfCaller()
    .select(['allocation.id as allocation_id', 'person.id as person_id', 'person.given_name', 'person.family_name', 'pathway_plan.review_on as due_on'])
    .where('pathway_plan.review_on', '<=', options.before)
    .execute()
  const actions = await casesOfCaller()
    .innerJoin('plan_goal', 'plan_goal.plan_id', 'pathway_plan.id')
    .innerJoin('plan_action', 'plan_action.goal_id', 'plan_goal.id')
    .select(['allocation.id as allocation_id', 'person.id as person_id', 'person.given_name', 'person.family_name', 'plan_action.id as action_id', 'plan_action.description', 'plan_action.due_on'])
    .where('plan_action.status', 'not in', [...closedActionStatuses])
    .where('plan_action.due_on', '<=', options.before)
    .execute()
  const person = (row: { allocation_id: string; person_id: string; given_name: string; family_name: string }) => ({ allocationId: row.allocation_id, personId: row.person_id, givenName: row.given_name, familyName: row.family_name })
  return [
    ...reviews.map((row): PlanItemDue => ({ ...person(row), what: { kind: 'plan_review' }, dueOn: row.due_on as string })),
    ...actions.map((row): PlanItemDue => ({ ...person(row), what: { kind: 'action', actionId: row.action_id, description: row.description }, dueOn: row.due_on as string })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.familyName.localeCompare(b.familyName))
}
