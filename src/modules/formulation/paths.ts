import { path } from '../../platform/http/paths.ts'

export const formulationPaths = {
  /** The latest version of the case's formulation, with links to the earlier ones. */
  formulation: path('/cases/:allocationId/formulation'),
  version: path('/cases/:allocationId/formulation/versions/:formulationId'),
  /** GET the form, pre-filled from the latest version; POST saves a new version. */
  newVersion: path('/cases/:allocationId/formulation/new'),
  /** GET the plan; POST saves the recommended pathway and review date (the form is `changePathway`). */
  plan: path('/cases/:allocationId/plan'),
  changePathway: path('/cases/:allocationId/plan/pathway'),
  /** GET the form to add a goal; POST to `goals` adds it. */
  newGoal: path('/cases/:allocationId/plan/goals/new'),
  goals: path('/cases/:allocationId/plan/goals'),
  /** GET/POST: a goal's status. */
  goalStatus: path('/cases/:allocationId/plan/goals/:goalId/status'),
  /** GET the form to add an action to a goal; POST to `actions` adds it. */
  newAction: path('/cases/:allocationId/plan/goals/:goalId/actions/new'),
  actions: path('/cases/:allocationId/plan/goals/:goalId/actions'),
  /** GET/POST: an action's status. */
  actionStatus: path('/cases/:allocationId/plan/actions/:actionId/status'),
  api: {
    formulation: path('/api/v1/cases/:allocationId/formulation'),
    plan: path('/api/v1/cases/:allocationId/plan'),
    goals: path('/api/v1/cases/:allocationId/plan/goals'),
    actions: path('/api/v1/cases/:allocationId/plan/goals/:goalId/actions'),
  },
}
