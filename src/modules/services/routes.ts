import { defineRoutes } from '../../platform/http/routes.ts'
import { listServices } from './handlers/list-services.ts'
import { showService } from './handlers/show-service.ts'
import { servicesPaths } from './paths.ts'

export const servicesRoutes = defineRoutes([
  { method: 'GET', path: servicesPaths.list.pattern, capability: 'public', audit: 'none', handler: listServices },
  { method: 'GET', path: servicesPaths.service.pattern, capability: 'public', audit: 'none', handler: showService },
])
