export { contactsPaths } from './paths.ts'
export { contactsRoutes } from './routes.ts'
