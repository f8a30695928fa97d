import type { FastifyReply, FastifyRequest } from 'fastify'
import { beginSignedInSession } from '../../../platform/auth/authentication.ts'
import { recordSignInAttempt } from '../../../platform/auth/throttle.ts'
import { SingleSignOnError, type VerifiedIdentity } from '../../../platform/auth/oidc.ts'
import type { Db } from '../../../platform/db/database.ts'
import { localReturnPath } from '../../../platform/http/forms.ts'
import { createUserFromIdentity, findAccount, linkSubject } from '../repository.ts'
import { matchIdentity, type IdentityMatch } from '../rules.ts'
import { refuseSignOn } from './refusal.ts'
import { asSingleSignOnError, configuredSingleSignOn } from './start-sso.ts'

export async function finishSso(request: FastifyRequest, reply: FastifyReply) {
  const singleSignOn = configuredSingleSignOn(request)
  const signedIn = await singleSignOn.finish(request, reply).catch(asSingleSignOnError)
  if (signedIn instanceof SingleSignOnError) return refuseSignOn(request, reply, signedIn.failure, signedIn.message)

  const { identity } = signedIn
  const { db } = request.server.database
  const match = matchIdentity(identity, await candidatesFor(db, identity), singleSignOn.autoCreateOrganisationId)
  if (match.kind === 'refuse') return refuseSignOn(request, reply, match.refusal, match.reason)
  const userId = await userFor(db, match, identity)
  // A fault of the installation, not of the user: they are told to try later, the log says why.
  if (!userId) return refuseSignOn(request, reply, 'unavailable', `OIDC_AUTO_CREATE_ORGANISATION ${singleSignOn.autoCreateOrganisationId}: no such organisation`)
  if (match.kind === 'create') request.log.info({ userId }, 'single sign-on created a user')

  // No second factor here, even for roles that require one: the organisation's identity
  // provider is trusted to have applied its own MFA policy before vouching for the user.
  await beginSignedInSession(request, reply, userId, { mfaPending: false })
  await recordSignInAttempt(request.server.database, { email: identity.email ?? `sso:${identity.subject}`, address: request.ip, succeeded: true, now: new Date(), userId, requestId: request.id })
  return reply.redirect(localReturnPath(signedIn.returnTo) ?? '/', 303)
}

async function candidatesFor(db: Db, identity: VerifiedIdentity) {
  const bySubject = await findAccount(db, { oidcSubject: identity.subject })
  const byEmail = !bySubject && identity.emailVerified && identity.email ? await findAccount(db, { email: identity.email }) : undefined
  return { bySubject, byEmail }
}

/** The user to sign in: linked to the provider's subject on first use, or created when the installation allows it. */
async function userFor(db: Db, match: Exclude<IdentityMatch, { kind: 'refuse' }>, identity: VerifiedIdentity): Promise<string | null> {
  const now = new Date()
  if (match.kind === 'signIn') {
    if (match.linkSubject) await linkSubject(db, match.userId, identity.subject, now)
    return match.userId
  }
  const displayName = identity.displayName ?? match.email
  return createUserFromIdentity(db, { organisationId: match.organisationId, email: match.email, displayName, oidcSubject: identity.subject, now })
}
