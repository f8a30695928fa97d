import { defineRoutes } from '../../platform/http/routes.ts'
import { allocationApiBody, allocationResponse, caseloadResponse, moveApiBody, noFreePlaceResponse, ownCaseloadQuery, waitingListQuery, waitingListResponse } from './forms.ts'
import { allocate, showAllocate, waitForPlace } from './handlers/allocate.ts'
import { allocateFromApi, caseloadForApi, moveFromApi, waitingListForApi } from './handlers/api.ts'
import { endAllocation, showEnd } from './handlers/end-allocation.ts'
import { moveAllocation, showMove } from './handlers/move-allocation.ts'
import { showCaseload, showTeamCaseload } from './handlers/show-caseload.ts'
import { showWaitingList } from './handlers/show-waiting-list.ts'
import { allocationsPaths as paths } from './paths.ts'

/**
 * Waiting lists and places belong to the service side: members of a team delivering the
 * service (checked in SQL; anyone else gets "not found", audited). Caseloads are the
 * caller's own, or a team's for its members. Every read names people, so every route audits.
 */
export const allocationsRoutes = defineRoutes([
  { method: 'GET', path: paths.waitingList.pattern, capability: 'allocation:manage', audit: 'allocation.waiting-list.view', handler: showWaitingList },
  { method: 'GET', path: paths.allocate.pattern, capability: 'allocation:manage', audit: 'allocation.view', handler: showAllocate },
  { method: 'POST', path: paths.allocate.pattern, capability: 'allocation:manage', audit: 'allocation.create', handler: allocate },
  { method: 'POST', path: paths.addToWaitingList.pattern, capability: 'allocation:manage', audit: 'referral.transition', handler: waitForPlace },
  { method: 'GET', path: paths.move.pattern, capability: 'allocation:manage', audit: 'allocation.view', handler: showMove },
  { method: 'POST', path: paths.move.pattern, capability: 'allocation:manage', audit: 'allocation.move', handler: moveAllocation },
  { method: 'GET', path: paths.end.pattern, capability: 'allocation:manage', audit: 'allocation.view', handler: showEnd },
  { method: 'POST', path: paths.end.pattern, capability: 'allocation:manage', audit: 'allocation.end', handler: endAllocation },
  { method: 'GET', path: paths.caseload.pattern, capability: 'casework:read', audit: 'caseload.view', handler: showCaseload },
  { method: 'GET', path: paths.teamCaseload.pattern, capability: 'casework:read', audit: 'caseload.view', handler: showTeamCaseload },

  {
    method: 'GET',
    path: paths.api.waitingList.pattern,
    capability: 'allocation:manage',
    audit: 'allocation.waiting-list.view',
    handler: waitingListForApi,
    api: {
      summary: "A service's waiting list, in the order places are offered (for members of a team delivering the service)",
      tag: 'Allocations',
      query: waitingListQuery,
      responses: { 200: { description: 'One page of the waiting list, with each entry’s place in its element’s list', body: waitingListResponse }, 404: { description: 'No service the caller’s teams deliver has this id' } },
    },
  },
  {
    method: 'POST',
    path: paths.api.allocations.pattern,
    capability: 'allocation:manage',
    audit: 'allocation.create',
    handler: allocateFromApi,
    api: {
      summary: 'Allocate a place to an accepted or waiting referral, with a keyworker and/or lead clinician',
      tag: 'Allocations',
      body: allocationApiBody,
      responses: {
        201: { description: 'The allocation; the referral is now allocated', body: allocationResponse },
        404: { description: 'No referral the caller’s teams receive has this id' },
        409: { description: 'No free place in the element (error "no_free_places"), or the referral is not accepted or waiting', body: noFreePlaceResponse },
        422: { description: 'A field is missing or wrong: { errors: [{ field, message }] }' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.move.pattern,
    capability: 'allocation:manage',
    audit: 'allocation.move',
    handler: moveFromApi,
    api: {
      summary: 'Move a place to another element of the same service; the old place ends and frees',
      tag: 'Allocations',
      body: moveApiBody,
      responses: {
        201: { description: 'The new allocation', body: allocationResponse },
        404: { description: 'No allocation of a service the caller’s teams deliver has this id' },
        409: { description: 'No free place in the element (error "no_free_places"), or the allocation has ended', body: noFreePlaceResponse },
        422: { description: 'A field is missing or wrong: { errors: [{ field, message }] }' },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.caseload.pattern,
    capability: 'casework:read',
    audit: 'caseload.view',
    handler: caseloadForApi,
    api: { summary: 'The places the caller holds as keyworker or lead clinician', tag: 'Allocations', query: ownCaseloadQuery, responses: { 200: { description: 'One page of the caseload, and places per element', body: caseloadResponse } } },
  },
])
