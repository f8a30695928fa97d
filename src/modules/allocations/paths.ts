import { path } from '../../platform/http/paths.ts'

export const allocationsPaths = {
  /** A service's waiting list, for members of the teams delivering it. */
  waitingList: path('/services/:serviceId/waiting-list'),
  /** GET the allocation form for a referral; POST allocates a place. */
  allocate: path('/referrals/:referralId/allocate'),
  /** POST: an accepted referral joins the waiting list (when no place is free yet). */
  addToWaitingList: path('/referrals/:referralId/waiting-list'),
  /** GET the form; POST moves the person to another element of the service. */
  move: path('/allocations/:allocationId/move'),
  /** GET the form; POST ends the place as the referral completes, ends early or transfers. */
  end: path('/allocations/:allocationId/end'),
  caseload: path('/caseload'),
  teamCaseload: path('/teams/:teamId/caseload'),
  api: {
    waitingList: path('/api/v1/services/:serviceId/waiting-list'),
    allocations: path('/api/v1/referrals/:referralId/allocations'),
    move: path('/api/v1/allocations/:allocationId/move'),
    caseload: path('/api/v1/caseload'),
  },
}

/** `list` with the non-empty `query` values as its query string, in the order given. */
export function withQuery(list: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).flatMap(([name, value]) => (value === undefined || value === '' ? [] : [[name, String(value)]]))).toString()
  return search ? `${list}?${search}` : list
}
