export { auditReviewPaths } from './paths.ts'
export { auditReviewRoutes } from './routes.ts'
