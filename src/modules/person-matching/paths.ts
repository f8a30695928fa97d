import { path } from '../../platform/http/paths.ts'

export const personMatchingPaths = {
  /** POST: ask the team(s) holding a possible match outside the caller's scope for access; GET: the requests a team has received. */
  accessRequests: path('/people/access-requests'),
}
