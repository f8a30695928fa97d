import { path } from '../../platform/http/paths.ts'

export const apiDocsPaths = {
  /** A readable list of the API's operations. */
  guide: path('/api/docs'),
  /** The OpenAPI 3.1 document itself. */
  document: path('/api/docs/openapi.json'),
}
