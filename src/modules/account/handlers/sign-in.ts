import type { FastifyReply, FastifyRequest } from 'fastify'
import { beginSignedInSession } from '../../../platform/auth/authentication.ts'
import { verifyPassword } from '../../../platform/auth/passwords.ts'
import { loadPrincipal } from '../../../platform/auth/principal.ts'
import { addressBlockedUntil, lockAfterFailures, recordSignInAttempt } from '../../../platform/auth/throttle.ts'
import { formError, localReturnPath, parseForm } from '../../../platform/http/forms.ts'
import { normaliseEmail, signInForm } from '../forms.ts'
import { accountPaths } from '../paths.ts'
import { findUserForSignIn } from '../repository.ts'

const clock = (instant: Date) => instant.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })

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
  if (blockedUntil) return refuse(429, formError('email', content.t('account.signIn.errors.addressBlocked', { time: clock(blockedUntil) })))

  const user = await findUserForSignIn(db, email)
  if (user?.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    await recordSignInAttempt(db, { email, address, succeeded: false, now })
    return refuse(403, formError('email', content.t('account.signIn.errors.locked', { time: clock(new Date(user.locked_until)) })))
  }
  const passwordMatches = await verifyPassword(user?.password_hash ?? null, form.value.password)
  if (!user || !passwordMatches || user.status !== 'active') {
    await recordSignInAttempt(db, { email, address, succeeded: false, now })
    const lockedUntil = user && !passwordMatches ? await lockAfterFailures(db, user.id, email, now) : null
    const message = lockedUntil ? content.t('account.signIn.errors.locked', { time: clock(lockedUntil) }) : content.t('account.signIn.errors.wrongDetails')
    return refuse(lockedUntil ? 403 : 401, formError('email', message))
  }

  await recordSignInAttempt(db, { email, address, succeeded: true, now })
  const principal = await loadPrincipal(db, request.server.roles, user.id)
  const needsSecondFactor = Boolean(principal?.mfaRequired && !principal.isDemo)
  await beginSignedInSession(request, reply, user.id, { mfaPending: needsSecondFactor })
  const destination = form.value.returnTo ? localReturnPath(form.value.returnTo) : undefined
  if (needsSecondFactor) return reply.redirect(destination ? `${accountPaths.mfaChallenge()}?returnTo=${encodeURIComponent(destination)}` : accountPaths.mfaChallenge(), 303)
  return reply.redirect(destination ?? '/', 303)
}
