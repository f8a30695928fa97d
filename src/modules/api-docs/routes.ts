import { defineRoutes } from '../../platform/http/routes.ts'
import { showApiGuide, showOpenApiDocument } from './handlers/show-api-docs.ts'
import { apiDocsPaths } from './paths.ts'

// The document describes the API's shape, not anyone's data, so it is public.
export const apiDocsRoutes = defineRoutes([
  { method: 'GET', path: apiDocsPaths.guide.pattern, capability: 'public', audit: 'none', handler: showApiGuide },
  { method: 'GET', path: apiDocsPaths.document.pattern, capability: 'public', audit: 'none', handler: showOpenApiDocument },
])
