export { adminPaths } from './paths.ts'
export { adminRoutes } from './routes.ts'
