export { apiDocsPaths } from './paths.ts'
export { apiDocsRoutes } from './routes.ts'
