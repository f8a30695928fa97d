export { outcomesPaths } from './paths.ts'
export { outcomesRoutes } from './routes.ts'
