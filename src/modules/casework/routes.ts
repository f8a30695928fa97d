import { defineRoutes } from '../../platform/http/routes.ts'
import { showCase } from './handlers/show-case.ts'
import { showHistory } from './handlers/show-history.ts'
import { caseworkPaths as paths } from './paths.ts'

/**
 * A case is readable by anyone who may read case work and sees its person (scope.ts); each
 * section shows only the data categories the caller may read. Every read is audited.
 */
export const caseworkRoutes = defineRoutes([
  { method: 'GET', path: paths.overview.pattern, capability: 'casework:read', audit: 'case.view', handler: showCase },
  { method: 'GET', path: paths.history.pattern, capability: 'casework:read', audit: 'case.history.view', handler: showHistory },
])
