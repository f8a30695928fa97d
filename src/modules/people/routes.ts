import { defineRoutes } from '../../platform/http/routes.ts'
import { requestBreakGlass, showBreakGlass } from './handlers/break-glass.ts'
import { listPeople } from './handlers/list-people.ts'
import { personForApi, showPerson } from './handlers/show-person.ts'
import { peoplePaths } from './paths.ts'

export const peopleRoutes = defineRoutes([
  { method: 'GET', path: peoplePaths.list.pattern, capability: 'person:read', audit: 'person.search', handler: listPeople },
  { method: 'GET', path: peoplePaths.person.pattern, capability: 'person:read', audit: 'person.view', handler: showPerson },
  { method: 'GET', path: peoplePaths.api.person.pattern, capability: 'person:read', audit: 'person.view', handler: personForApi },
  { method: 'GET', path: peoplePaths.breakGlass.pattern, capability: 'breakglass:use', audit: 'none', handler: showBreakGlass },
  { method: 'POST', path: peoplePaths.breakGlass.pattern, capability: 'breakglass:use', audit: 'person.break-glass', handler: requestBreakGlass },
])
