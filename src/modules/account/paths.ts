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
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInReturningTo(returnTo: string): string {
  return `${accountPaths.signIn()}?returnTo=${encodeURIComponent(returnTo)}`
}
