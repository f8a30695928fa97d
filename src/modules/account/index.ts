export { accountPaths, confirmIdentityReturningTo, signInReturningTo } from './paths.ts'
export { accountRoutes } from './routes.ts'
