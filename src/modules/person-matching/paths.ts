import { path } from '../../platform/http/paths.ts'

export const personMatchingPaths = {
  /** POST: ask the team(s) holding a possible match outside the caller's scope for access; GET: the requests a team has received. */
  accessRequests: path('/people/access-requests'),
  /** Where the requester lands afterwards: the same words whatever was found. */
  accessRequestSent: path('/people/access-requests/sent'),
  /** One received request; POST records the team's decision. */
  accessRequest: path('/people/access-requests/:accessRequestId'),
  api: {
    accessRequests: path('/api/v1/people/access-requests'),
  },
}

/** One page of the received requests; the first page has no query. */
export function accessRequestsPage(page: number): string {
  return page > 1 ? `${personMatchingPaths.accessRequests()}?page=${page}` : personMatchingPaths.accessRequests()
}
