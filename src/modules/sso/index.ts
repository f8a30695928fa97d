export { ssoPaths } from './paths.ts'
export { ssoRoutes } from './routes.ts'
