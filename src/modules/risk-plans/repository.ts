import { sql } from 'kysely'
import { caseHeldBy, personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Dialect, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { Contingency } from './rules.ts'

/*
 * All SQL of risk management plans. A plan is versioned: each save adds a row, never
 * changes one. The case (and so the person's scope) has been found by the caller through
 * casework's findCaseView, except for `reviewsDue`, which applies the scope itself.
 */

type Reader = Db | Tx

export interface RiskPlanRow {
  id: string
  version: number
  summary: string
  triggers: string | null
  warning_signs: string | null
  protective_factors: string | null
  contingencies: Contingency[]
  review_on: string
  created_by: string
  author_name: string
  created_at: string
}

function planQuery(tx: Reader, allocationId: string) {
  return tx
    .selectFrom('risk_plan')
    .innerJoin('staff_user', 'staff_user.id', 'risk_plan.created_by')
    .select(['risk_plan.id', 'risk_plan.version', 'risk_plan.summary', 'risk_plan.triggers', 'risk_plan.warning_signs', 'risk_plan.protective_factors', 'risk_plan.contingencies', 'risk_plan.review_on', 'risk_plan.created_by', 'staff_user.display_name as author_name', 'risk_plan.created_at'])
    .where('risk_plan.allocation_id', '=', allocationId)
    .orderBy('risk_plan.version', 'desc')
}

/** Every version of the case's plan, latest first (a case has a handful; the page lists them all). */
export async function riskPlanVersions(tx: Reader, allocationId: string): Promise<RiskPlanRow[]> {
  const rows = await planQuery(tx, allocationId).execute()
  return rows.map((row) => ({ ...row, version: Number(row.version) }))
}

/** The case's latest version, if it has one. */
export async function latestRiskPlan(tx: Reader, allocationId: string): Promise<RiskPlanRow | undefined> {
  const row = await planQuery(tx, allocationId).limit(1).executeTakeFirst()
  return row && { ...row, version: Number(row.version) }
}

/**
 * Holds the case until the transaction ends, so two saves cannot both read the same latest
 * version and both write the next. PostgreSQL locks the allocation row; SQLite's write
 * transaction (BEGIN IMMEDIATE) already excludes every other writer.
 */
export async function lockCase(tx: Tx, dialect: Dialect, allocationId: string): Promise<void> {
  if (dialect === 'postgres') await tx.selectFrom('allocation').select('id').where('id', '=', allocationId).forUpdate().execute()
}

export interface NewRiskPlan {
  allocationId: string
  personId: string
  version: number
  summary: string
  triggers: string | null
  warningSigns: string | null
  protectiveFactors: string | null
  contingencies: Contingency[]
  reviewOn: string
  createdBy: string
}

export async function insertRiskPlan(tx: Tx, plan: NewRiskPlan): Promise<string> {
  const id = newId()
  await tx
    .insertInto('risk_plan')
    .values({
      id,
      allocation_id: plan.allocationId,
      person_id: plan.personId,
      version: plan.version,
      summary: plan.summary,
      triggers: plan.triggers,
      warning_signs: plan.warningSigns,
      protective_factors: plan.protectiveFactors,
      contingencies: jsonValue(plan.contingencies),
      review_on: plan.reviewOn,
      created_by: plan.createdBy,
    })
    .execute()
  return id
}

export interface ReviewDueRow {
  allocation_id: string
  person_id: string
  given_name: string
  family_name: string
  /** The latest version's review date; null when the case has no plan. */
  review_on: string | null
}

/**
 * Active cases whose latest plan is due for review by `before` (or that have no plan), held
 * by `userId` as keyworker or lead clinician or in a service one of `teamIds` delivers —
 * only the caller's own teams count — and whose person the caller may see. No plan first,
 * then the longest overdue.
 */
export function reviewsDue(db: Reader, scope: Scope, options: { userId?: string | undefined; teamIds?: readonly string[] | undefined; before: string }): Promise<ReviewDueRow[]> {
  const teamIds = (options.teamIds ?? []).filter((teamId) => scope.teamIds.includes(teamId))
  return db
    .selectFrom('allocation')
    .innerJoin('person', 'person.id', 'allocation.person_id')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .leftJoin('risk_plan as latest', (join) =>
      join.onRef('latest.allocation_id', '=', 'allocation.id').on('latest.version', '=', (eb) => eb.selectFrom('risk_plan').select((inner) => inner.fn.max('risk_plan.version').as('version')).whereRef('risk_plan.allocation_id', '=', 'allocation.id')),
    )
    .select(['allocation.id as allocation_id', 'allocation.person_id', 'person.given_name', 'person.family_name', 'latest.review_on'])
    .where('allocation.status', '=', 'active')
    .where(caseHeldBy({ userId: options.userId, teamIds }))
    .where((eb) => eb.or([eb('latest.id', 'is', null), eb('latest.review_on', '<=', options.before)]))
    .where(personVisibleTo(scope))
    .orderBy(sql`case when latest.review_on is null then 0 else 1 end`)
    .orderBy('latest.review_on')
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('allocation.id')
    .execute()
}
