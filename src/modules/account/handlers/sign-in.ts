import type { FastifyReply, FastifyRequest } from 'fastify'
import { beginSignedInSession } from '../../../platform/auth/authentication.ts'
import { verifyPassword } from '../../../platform/auth/passwords.ts'
import { loadPrincipal } from '../../../platform/auth/principal.ts'
import { addressBlockedUntil, lockAfterFailures, recordSignInAttempt } from '../../../platform/auth/throttle.ts'
import { formError, localReturnPath, parseForm } from '../../../platform/http/forms.ts'
import { clockTime } from '../clock.ts'
import { normaliseEmail, signInForm } from '../forms.ts'
import { accountPaths } from '../paths.ts'
import { findUserForSignIn } from '../repository.ts'


export async function signIn(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const { content } = request.server
  const form = parseForm(signInForm, request.body, content)
  const body = (request.body ?? {}) as Record<string, unknown>
  const values = { email: typeof body.email === 'string' ? body.email : '', returnTo: localReturnPath(body.returnTo) }
  const refuse = (status: number, problem: ReturnType<typeof formError>) => reply.code(status).view('account/views/sign-in.njk', { values, ...problem })
  if (!form.ok) return refuse(400, form)

  const now = new Date()
  const email = normaliseEmail(form.value.email)
  const address = request.ip
  const blockedUntil = await addressBlockedUntil(db, address, now)
  if (blockedUntil) return refuse(429, formError('email', content.t('account.signIn.errors.addressBlocked', { time: clockTime(blockedUntil) })))

  const user = await findUserForSignIn(db, email)
  if (user?.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    await recordSignInAttempt(request.server.database, { email, address, succeeded: false, now, userId: user.id, requestId: request.id })
    return refuse(403, formError('email', content.t('account.signIn.errors.locked', { time: clockTime(new Date(user.locked_until)) })))
  }
  const passwordMatches = await verifyPassword(user?.password_hash ?? null, form.value.password)
  if (!user || !passwordMatches || user.status !== 'active') {
    await recordSignInAttempt(request.server.database, { email, address, succeeded: false, now, userId: user?.id, requestId: request.id })
    const lockedUntil = user && !passwordMatches ? await lockAfterFailures(db, user.id, email, now) : null
    const message = lockedUntil ? content.t('account.signIn.errors.locked', { time: clockTime(lockedUntil) }) : content.t('account.signIn.errors.wrongDetails')
    return refuse(lockedUntil ? 403 : 401, formError('email', message))
  }

  const principal = await loadPrincipal(db, request.server.roles, user.id)
  // Asked when the role requires it or the user chose to set up an app; demo accounts never.
  const needsSecondFactor = Boolean(principal && !principal.isDemo && (principal.mfaRequired || user.mfa_enrolled_at !== null))
  // A pending second factor is not a success yet: recording one would reset the lockout's count of wrong codes.
  if (!needsSecondFactor) await recordSignInAttempt(request.server.database, { email, address, succeeded: true, now, userId: user.id, requestId: request.id })
  await beginSignedInSession(request, reply, user.id, { mfaPending: needsSecondFactor })
  const destination = form.value.returnTo ? localReturnPath(form.value.returnTo) : undefined
  if (needsSecondFactor) return reply.redirect(destination ? `${accountPaths.mfaChallenge()}?returnTo=${encodeURIComponent(destination)}` : accountPaths.mfaChallenge(), 303)
  return reply.redirect(destination ?? '/', 303)
}
