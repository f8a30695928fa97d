export { peoplePaths } from './paths.ts'
export { peopleRoutes } from './routes.ts'
