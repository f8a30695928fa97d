import { defineRoutes } from '../../platform/http/routes.ts'
import { searchApiProblem, searchApiQuery, searchApiResponse } from './forms.ts'
import { searchForApi, showSearch } from './handlers/search-people.ts'
import { personSearchPaths as paths } from './paths.ts'

/** Finding people in the caller's scope by name, identifier or date of birth. `/people/search` and `/api/v1/people/search` are static paths, so they win over `…/:personId`. */
export const personSearchRoutes = defineRoutes([
  { method: 'GET', path: paths.search.pattern, capability: 'person:read', audit: 'person.search', handler: showSearch },
  {
    method: 'GET',
    path: paths.api.search.pattern,
    capability: 'person:read',
    audit: 'person.search',
    handler: searchForApi,
    api: {
      summary: 'Find people in your scope by name, identifier or date of birth',
      tag: 'People',
      query: searchApiQuery,
      responses: {
        200: { description: 'A page of matching people, best match first.', body: searchApiResponse },
        400: { description: 'The query is empty, too short, too long, or a number that is neither an identifier nor a date.', body: searchApiProblem },
      },
    },
  },
])
