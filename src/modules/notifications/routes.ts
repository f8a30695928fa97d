import { defineRoutes } from '../../platform/http/routes.ts'
import { listNotifications } from './handlers/list-notifications.ts'
import { markNotificationRead } from './handlers/mark-read.ts'
import { notificationsPaths as paths } from './paths.ts'

// Notifications say what happened to which service's referral and link to it; they carry no
// personal data, so neither route is audited. Every member of staff has their own.
export const notificationsRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'account:manage', audit: 'none', handler: listNotifications },
  { method: 'POST', path: paths.read.pattern, capability: 'account:manage', audit: 'none', handler: markNotificationRead },
])
