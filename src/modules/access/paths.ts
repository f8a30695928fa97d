import { path } from '../../platform/http/paths.ts'
import { accountPaths } from '../account/index.ts'

export const accessPaths = {
  /** Sharing agreements owned by the IG lead's organisation; POST adds one. */
  agreements: path('/access/agreements'),
  newAgreement: path('/access/agreements/new'),
  agreement: path('/access/agreements/:agreementId'),
  endAgreement: path('/access/agreements/:agreementId/end'),
  /** Break-glass uses waiting for review, oldest first. */
  breakGlassQueue: path('/access/break-glass'),
  reviewedBreakGlass: path('/access/break-glass/reviewed'),
  /** One use: its details and, until reviewed, the review form (POST records the review). */
  breakGlassUse: path('/access/break-glass/:breakGlassId'),
  findRestricted: path('/access/restricted'),
  /** Whether a person's record is restricted, and who is named on it (POST changes the restriction). */
  restricted: path('/access/restricted/:personId'),
  namedGrants: path('/access/restricted/:personId/grants'),
  revokeGrant: path('/access/restricted/:personId/grants/:userId/revoke'),
}

/** One page of a long list; the first page has no query. */
export function pageOf(list: string, page: number): string {
  return page > 1 ? `${list}?page=${page}` : list
}

/** The password check before a sensitive action, coming back to `returnTo` afterwards. */
export function confirmIdentityReturningTo(returnTo: string): string {
  return `${accountPaths.confirmIdentity()}?returnTo=${encodeURIComponent(returnTo)}`
}
