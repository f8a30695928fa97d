import { path } from '../../platform/http/paths.ts'

/**
 * The case (an allocation) and its own sections. The other sections of a case page belong
 * to their modules (formulation, contacts, case-notes, risk-plans, outcomes), under the
 * same `/cases/:allocationId` prefix.
 */
export const caseworkPaths = {
  overview: path('/cases/:allocationId'),
  history: path('/cases/:allocationId/history'),
  /** POST: the case moves into a community-pathway tier (training, consultation, co-working). */
  tiers: path('/cases/:allocationId/tiers'),
  /** The caller's tasks and reminders; `?show=teams` for their teams'. (A case is closed by ending its place: allocationsPaths.end.) */
  tasks: path('/tasks'),
  /** POST: a stored task is done. */
  completeTask: path('/tasks/:taskId/done'),
  api: {
    case: path('/api/v1/cases/:allocationId'),
    tasks: path('/api/v1/tasks'),
  },
}
