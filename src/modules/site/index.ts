export { sitePaths } from './paths.ts'
export { siteRoutes } from './routes.ts'
