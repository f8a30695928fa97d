import { defineRoutes } from '../../platform/http/routes.ts'
import { confirmIdentity, showConfirmIdentity } from './handlers/confirm-identity.ts'
import { enrolAuthenticator, enrolAuthenticatorAtSignIn, showAuthenticatorEnrolment, showAuthenticatorEnrolmentAtSignIn } from './handlers/enrol-authenticator.ts'
import { answerMfaChallenge, showMfaChallenge } from './handlers/mfa-challenge.ts'
import { revokeOwnApiToken } from './handlers/revoke-api-token.ts'
import { showAccount } from './handlers/show-account.ts'
import { showSignIn } from './handlers/show-sign-in.ts'
import { signIn } from './handlers/sign-in.ts'
import { signOut, signOutEverywhere } from './handlers/sign-out.ts'
import { accountPaths } from './paths.ts'

export const accountRoutes = defineRoutes([
  { method: 'GET', path: accountPaths.signIn.pattern, capability: 'public', audit: 'none', handler: showSignIn },
  { method: 'POST', path: accountPaths.signIn.pattern, capability: 'public', audit: 'none', handler: signIn },
  { method: 'POST', path: accountPaths.signOut.pattern, capability: 'public', audit: 'none', handler: signOut },
  { method: 'POST', path: accountPaths.signOutEverywhere.pattern, capability: 'account:manage', audit: 'none', handler: signOutEverywhere },
  { method: 'GET', path: accountPaths.account.pattern, capability: 'account:manage', audit: 'none', handler: showAccount },
  { method: 'POST', path: accountPaths.revokeApiToken.pattern, capability: 'account:manage', audit: 'none', handler: revokeOwnApiToken },
  { method: 'GET', path: accountPaths.confirmIdentity.pattern, capability: 'account:manage', audit: 'none', handler: showConfirmIdentity },
  { method: 'POST', path: accountPaths.confirmIdentity.pattern, capability: 'account:manage', audit: 'none', handler: confirmIdentity },
  // The second sign-in step comes before there is a principal, so these pages are public
  // and check the session's pending sign-in themselves.
  { method: 'GET', path: accountPaths.mfaChallenge.pattern, capability: 'public', audit: 'none', handler: showMfaChallenge },
  { method: 'POST', path: accountPaths.mfaChallenge.pattern, capability: 'public', audit: 'none', handler: answerMfaChallenge },
  { method: 'GET', path: accountPaths.mfaEnrolAtSignIn.pattern, capability: 'public', audit: 'none', handler: showAuthenticatorEnrolmentAtSignIn },
  { method: 'POST', path: accountPaths.mfaEnrolAtSignIn.pattern, capability: 'public', audit: 'none', handler: enrolAuthenticatorAtSignIn },
  { method: 'GET', path: accountPaths.mfaEnrol.pattern, capability: 'account:manage', audit: 'none', handler: showAuthenticatorEnrolment },
  { method: 'POST', path: accountPaths.mfaEnrol.pattern, capability: 'account:manage', audit: 'none', handler: enrolAuthenticator },
])
