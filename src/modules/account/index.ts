export { accountPaths, signInReturningTo } from './paths.ts'
export { accountRoutes } from './routes.ts'
