export { formulationPaths } from './paths.ts'
export { formulationRoutes } from './routes.ts'
