export { accessPaths } from './paths.ts'
export { accessRoutes } from './routes.ts'
