export { forumPaths } from './paths.ts'
export { forumRoutes } from './routes.ts'
