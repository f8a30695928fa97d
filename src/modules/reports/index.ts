export { reportsPaths } from './paths.ts'
export { reportsRoutes } from './routes.ts'
