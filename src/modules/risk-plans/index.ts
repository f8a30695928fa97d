import type { Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { reviewsDue } from './repository.ts'
import { reviewStatus } from './rules.ts'

/*
 * Risk management plans' public surface: the routes and paths, and the cases whose risk
 * review is due, for caseload and task pages. Those pages list them with the template
 * "risk-plans/views/reviews-due.njk" (it reads `riskReviews`, rows of `riskReviewsDue`).
 */
export { riskPlansPaths } from './paths.ts'
export { riskPlansRoutes } from './routes.ts'

export interface RiskReviewDue {
  allocationId: string
  personId: string
  personName: string
  /** The latest plan's review date; null when the case has no plan. */
  reviewOn: string | null
  /** The review date has passed, or there is no plan at all. */
  overdue: boolean
}

/**
 * Open cases whose latest risk plan is due for review on or before `before` (or that have
 * no plan): those `userId` holds as keyworker or lead clinician, and those of services one
 * of `teamIds` delivers (only the caller's own teams count). Only people the caller may
 * see are listed; no plan first, then the longest overdue.
 */
export async function riskReviewsDue(db: Db | Tx, scope: Scope, options: { userId?: string; teamIds?: readonly string[]; before: string }): Promise<RiskReviewDue[]> {
  const rows = await reviewsDue(db, scope, options)
  return rows.map((row) => ({
    allocationId: row.allocation_id,
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    reviewOn: row.review_on,
    overdue: row.review_on === null || reviewStatus(row.review_on, scope.today) === 'overdue',
  }))
}
