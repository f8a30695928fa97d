import { path } from '../../platform/http/paths.ts'

export const accountPaths = {
  signIn: path('/sign-in'),
  signOut: path('/sign-out'),
  signOutEverywhere: path('/account/sign-out-everywhere'),
  account: path('/account'),
  confirmIdentity: path('/account/confirm'),
  /** The second step of sign-in: a code from the authenticator app, or a recovery code. */
  mfaChallenge: path('/sign-in/code'),
  mfaEnrol: path('/account/authenticator'),
  revokeApiToken: path('/account/api-tokens/:tokenId/revoke'),
  /** Setting up an authenticator in the middle of signing in, for a role that needs one and a user who has none yet. */
  mfaEnrolAtSignIn: path('/sign-in/authenticator'),
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInReturningTo(returnTo: string): string {
  return withReturnTo(accountPaths.signIn(), returnTo)
}

/** A page that sends the user on to `returnTo` when it is done, if there is one. */
export function withReturnTo(page: string, returnTo: string | undefined): string {
  return returnTo ? `${page}?returnTo=${encodeURIComponent(returnTo)}` : page
}

/** The password check before a sensitive action (role changes, break-glass, exports), coming back to `returnTo`. */
export function confirmIdentityReturningTo(returnTo: string): string {
  return withReturnTo(accountPaths.confirmIdentity(), returnTo)
}
