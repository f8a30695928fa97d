export { formulationPaths } from './paths.ts'
export { formulationRoutes } from './routes.ts'
// For the tasks page (casework): plan reviews and plan actions falling due in the caller's cases.
export { planReviewsDue, type PlanItemDue } from './repository.ts'
