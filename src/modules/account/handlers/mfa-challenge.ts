import type { FastifyReply, FastifyRequest } from 'fastify'
import { authenticatorCodeStep, hashRecoveryCode, type SecondFactor } from '../../../platform/auth/mfa.ts'
import { addressBlockedUntil, lockAfterFailures, recordSignInAttempt } from '../../../platform/auth/throttle.ts'
import type { Db } from '../../../platform/db/database.ts'
import { formError, localReturnPath, parseForm } from '../../../platform/http/forms.ts'
import { clockTime } from '../clock.ts'
import { mfaChallengeForm } from '../forms.ts'
import { accountPaths, withReturnTo } from '../paths.ts'
import { completeSignIn, pendingSignInUserId } from '../pending-sign-in.ts'
import { enrolledSecret, findSecondFactorState, spendAuthenticatorStep, spendRecoveryCode } from '../repository.ts'

const view = 'account/views/mfa-challenge.njk'

interface Challenged {
  id: string
  email: string
  secret: string
  lockedUntil: string | null
}

/**
 * The user this session's sign-in is waiting on, or where to send the browser instead:
 * to sign in when nothing is pending, to set up an authenticator when there is none yet.
 */
async function challenged(request: FastifyRequest, returnTo: string | undefined): Promise<{ user: Challenged } | { redirect: string }> {
  const userId = pendingSignInUserId(request)
  const state = userId ? await findSecondFactorState(request.server.database.db, userId) : undefined
  if (!userId || !state) return { redirect: withReturnTo(accountPaths.signIn(), returnTo) }
  const secret = enrolledSecret(state)
  if (!secret) return { redirect: withReturnTo(accountPaths.mfaEnrolAtSignIn(), returnTo) }
  return { user: { id: userId, email: state.email, secret, lockedUntil: state.locked_until } }
}

export async function showMfaChallenge(request: FastifyRequest, reply: FastifyReply) {
  const returnTo = localReturnPath((request.query as Record<string, unknown>).returnTo)
  const found = await challenged(request, returnTo)
  if ('redirect' in found) return reply.redirect(found.redirect, 303)
  return reply.view(view, { values: { returnTo } })
}

async function proves(db: Db, user: Challenged, factor: SecondFactor, now: Date): Promise<boolean> {
  if (factor.kind === 'recovery') return spendRecoveryCode(db, user.id, hashRecoveryCode(factor.code), now)
  const step = authenticatorCodeStep(user.secret, factor.code, now)
  return step !== null && spendAuthenticatorStep(db, user.id, step)
}

/**
 * Checks the second factor. A wrong code is a failed sign-in attempt like a wrong password,
 * so the same lockout stops anyone who has the password from guessing codes.
 */
export async function answerMfaChallenge(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const { content } = request.server
  const body = (request.body ?? {}) as Record<string, unknown>
  const values = { code: typeof body.code === 'string' ? body.code : '', returnTo: localReturnPath(body.returnTo) }
  const found = await challenged(request, values.returnTo)
  if ('redirect' in found) return reply.redirect(found.redirect, 303)
  const { user } = found
  const refuse = (status: number, problem: ReturnType<typeof formError>) => reply.code(status).view(view, { values, ...problem })
  const lockedRefusal = (until: Date) => refuse(403, formError('code', content.t('account.signIn.errors.locked', { time: clockTime(until) })))
  const form = parseForm(mfaChallengeForm, request.body, content)
  if (!form.ok) return refuse(400, form)

  const now = new Date()
  const attempt = { email: user.email, address: request.ip, now, userId: user.id, requestId: request.id }
  const blockedUntil = await addressBlockedUntil(db, attempt.address, now)
  if (blockedUntil) return refuse(429, formError('code', content.t('account.signIn.errors.addressBlocked', { time: clockTime(blockedUntil) })))
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) {
    await recordSignInAttempt(request.server.database, { ...attempt, succeeded: false })
    return lockedRefusal(new Date(user.lockedUntil))
  }
  if (!(await proves(db, user, form.value.code, now))) {
    await recordSignInAttempt(request.server.database, { ...attempt, succeeded: false })
    const lockedUntil = await lockAfterFailures(db, user.id, user.email, now)
    return lockedUntil ? lockedRefusal(lockedUntil) : refuse(401, formError('code', content.t('mfa.challenge.errors.wrongCode')))
  }

  await completeSignIn(request, reply, user)
  return reply.redirect(values.returnTo ?? '/', 303)
}
