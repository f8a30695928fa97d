import { defineRoutes } from '../../platform/http/routes.ts'
import { finishSso } from './handlers/finish-sso.ts'
import { startSso } from './handlers/start-sso.ts'
import { ssoPaths } from './paths.ts'

export const ssoRoutes = defineRoutes([
  { method: 'GET', path: ssoPaths.start.pattern, capability: 'public', audit: 'none', handler: startSso },
  { method: 'GET', path: ssoPaths.callback.pattern, capability: 'public', audit: 'none', handler: finishSso },
])
