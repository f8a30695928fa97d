import type { Tx } from '../../platform/db/database.ts'
import type { CaseView } from '../casework/index.ts'
import { findPlan, formulationAuthors, formulationVersion, formulationVersions, planActions, planGoals, type ActionRow, type Author, type FormulationVersion, type GoalRow, type PlanRow } from './repository.ts'
import { isActionOverdue, isReviewOverdue } from './rules.ts'

/*
 * What the formulation and plan pages (and the API) show of a case, read in the
 * transaction that audits the read.
 */

export interface FormulationSection {
  /** The version shown: the latest, or the one asked for. */
  shown: (FormulationVersion & { authors: Author[] }) | undefined
  latestVersion: number | undefined
  /** Every version, newest first, with its authors' names. */
  versions: Array<{ id: string; version: number; formulated_on: string; authors: string[] }>
}

/** The formulation of a case; `shown` is undefined when `formulationId` names no version of it. */
export async function loadFormulation(tx: Tx, caseView: CaseView, formulationId?: string): Promise<FormulationSection> {
  const shown = await formulationVersion(tx, caseView.id, caseView.readable, formulationId)
  const versions = await formulationVersions(tx, caseView.id)
  const authors = await formulationAuthors(tx, caseView.id)
  const authorsOf = (id: string) => authors.filter((author) => author.formulation_id === id)
  return {
    shown: shown && { ...shown, authors: authorsOf(shown.id) },
    latestVersion: versions[0]?.version,
    versions: versions.map((version) => ({ ...version, authors: authorsOf(version.id).map((author) => author.name) })),
  }
}

export interface PlanSection {
  plan: (PlanRow & { reviewOverdue: boolean }) | undefined
  goals: Array<GoalRow & { number: number; actions: Array<ActionRow & { overdue: boolean }> }>
}

export async function loadPlan(tx: Tx, caseView: CaseView, today: string): Promise<PlanSection> {
  const plan = await findPlan(tx, caseView.id)
  if (!plan) return { plan: undefined, goals: [] }
  const goals = await planGoals(tx, plan.id)
  const actions = await planActions(tx, plan.id)
  return {
    plan: { ...plan, reviewOverdue: isReviewOverdue(plan.review_on, today) },
    goals: goals.map((goal, index) => ({
      ...goal,
      number: index + 1,
      actions: actions.filter((action) => action.goal_id === goal.id).map((action) => ({ ...action, overdue: isActionOverdue(action, today) })),
    })),
  }
}

// As the JSON API answers (forms.ts describes these shapes for the OpenAPI document).

export function caseJson(caseView: CaseView) {
  return { allocationId: caseView.id, personId: caseView.person_id }
}

export function formulationJson(section: FormulationSection) {
  const shown = section.shown
  return shown
    ? { id: shown.id, version: shown.version, formulatedOn: shown.formulated_on, createdAt: shown.created_at, authors: shown.authors.map((author) => ({ id: author.id, name: author.name })), shared: shown.shared, clinical: shown.clinical }
    : null
}

export function planJson(section: PlanSection) {
  const { plan } = section
  if (!plan) return null
  return {
    id: plan.id,
    version: plan.version,
    reviewOn: plan.review_on,
    reviewOverdue: plan.reviewOverdue,
    custodyNextService: plan.custody_next_service,
    progressionMove: plan.progression_move,
    communityPathway: plan.community_pathway,
    updatedAt: plan.updated_at,
    goals: section.goals.map((goal) => ({
      id: goal.id,
      description: goal.description,
      status: goal.status,
      actions: goal.actions.map((action) => ({
        id: action.id,
        description: action.description,
        owner: { userId: action.owner_user_id, name: action.owner_name, description: action.owner_description },
        dueOn: action.due_on,
        status: action.status,
        overdue: action.overdue,
      })),
    })),
  }
}
