export { notificationsPaths } from './paths.ts'
export { notificationsRoutes } from './routes.ts'
// For the count in the header.
export { unreadNotificationCount } from './repository.ts'
