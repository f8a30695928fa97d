export { riskPlansPaths } from './paths.ts'
export { riskPlansRoutes } from './routes.ts'
