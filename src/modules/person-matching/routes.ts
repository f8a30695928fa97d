import { defineRoutes } from '../../platform/http/routes.ts'
import { accessRequestApiBody, accessRequestApiProblem, accessRequestApiResponse } from './forms.ts'
import { fileAccessRequest, fileAccessRequestForApi, showAccessRequestSent } from './handlers/request-access.ts'
import { decideAccessRequest, listAccessRequests, showAccessRequest } from './handlers/received-requests.ts'
import { personMatchingPaths as paths } from './paths.ts'

/**
 * "A possible match exists elsewhere — request access": filing a request with the team
 * that holds the record, and that team's list of requests and decisions.
 */
export const personMatchingRoutes = defineRoutes([
  { method: 'POST', path: paths.accessRequests.pattern, capability: 'person:read', audit: 'person-matching.access-request', handler: fileAccessRequest },
  {
    method: 'POST',
    path: paths.api.accessRequests.pattern,
    capability: 'person:read',
    audit: 'person-matching.access-request',
    handler: fileAccessRequestForApi,
    api: {
      summary: 'Ask the teams holding a possible match outside your scope for access',
      tag: 'People',
      body: accessRequestApiBody,
      responses: {
        202: { description: 'Filed with each team holding a match, if any: the same answer whatever was found.', body: accessRequestApiResponse },
        422: { description: 'The reason is too short or too long, or the details are not a person’s.', body: accessRequestApiProblem },
      },
    },
  },
  { method: 'GET', path: paths.accessRequestSent.pattern, capability: 'person:read', audit: 'none', handler: showAccessRequestSent },
  { method: 'GET', path: paths.accessRequests.pattern, capability: 'person:read', audit: 'person-matching.access-request.view', handler: listAccessRequests },
  { method: 'GET', path: paths.accessRequest.pattern, capability: 'person:read', audit: 'person-matching.access-request.view', handler: showAccessRequest },
  { method: 'POST', path: paths.accessRequest.pattern, capability: 'person:read', audit: 'person-matching.access-request.decide', handler: decideAccessRequest },
])
