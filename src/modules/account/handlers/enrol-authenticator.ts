import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  authenticatorUri,
  formatRecoveryCode,
  groupedSecret,
  hashRecoveryCode,
  isAuthenticatorSecret,
  newAuthenticatorSecret,
  newRecoveryCodes,
  qrCodeSvg,
  verifyAuthenticatorCode,
} from '../../../platform/auth/mfa.ts'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import { badRequest } from '../../../platform/http/errors.ts'
import { formError, localReturnPath, parseForm, type FieldError } from '../../../platform/http/forms.ts'
import { mfaEnrolForm } from '../forms.ts'
import { accountPaths, withReturnTo } from '../paths.ts'
import { completeSignIn, pendingSignInUserId } from '../pending-sign-in.ts'
import { enrolledSecret, findSecondFactorState, saveAuthenticator } from '../repository.ts'

/** Who is setting up an authenticator, and what finishing means for them. */
interface Enrolment {
  userId: string
  email: string
  /** Where the form posts. */
  action: string
  /** An authenticator is already set up: the new one replaces it, with its recovery codes. */
  replacing: boolean
  /** The session is a sign-in waiting for its second factor: setting one up completes it. */
  completesSignIn: boolean
  /** Where "I have saved these codes" leads. */
  continueTo: string
}

type Resolution = { enrolment: Enrolment } | { redirect: string }
type Resolver = (request: FastifyRequest, returnTo: string | undefined) => Promise<Resolution>

/**
 * A signed-in user, from their account page. Replacing a working authenticator is a
 * sensitive action (whoever does it controls the second factor), so it needs a recent password.
 */
const signedInUser: Resolver = async (request) => {
  const principal = request.principal!
  const state = await findSecondFactorState(request.server.database.db, principal.userId)
  const replacing = state !== undefined && enrolledSecret(state) !== null
  if (replacing && !recentlyAuthenticated(request.session)) return { redirect: withReturnTo(accountPaths.confirmIdentity(), accountPaths.mfaEnrol()) }
  return {
    enrolment: { userId: principal.userId, email: principal.email, action: accountPaths.mfaEnrol(), replacing, completesSignIn: false, continueTo: accountPaths.account() },
  }
}

/**
 * A sign-in whose role needs a second factor, by a user who has none yet: they set one up
 * before they get in. Anyone with an authenticator already must use it instead.
 */
const userSigningIn: Resolver = async (request, returnTo) => {
  const userId = pendingSignInUserId(request)
  const state = userId ? await findSecondFactorState(request.server.database.db, userId) : undefined
  if (!userId || !state) return { redirect: withReturnTo(accountPaths.signIn(), returnTo) }
  if (enrolledSecret(state)) return { redirect: withReturnTo(accountPaths.mfaChallenge(), returnTo) }
  return {
    enrolment: { userId, email: state.email, action: accountPaths.mfaEnrolAtSignIn(), replacing: false, completesSignIn: true, continueTo: returnTo ?? '/' },
  }
}

interface EnrolmentForm {
  secret: string
  returnTo: string | undefined
  code?: string
  errors?: FieldError[]
  fieldErrors?: Record<string, { text: string }>
}

async function renderEnrolment(request: FastifyRequest, reply: FastifyReply, status: number, enrolment: Enrolment, form: EnrolmentForm) {
  const { content } = request.server
  const qrCode = await qrCodeSvg(authenticatorUri(form.secret, enrolment.email), content.t('mfa.enrol.qrCodeName'))
  // The page shows the secret: it must not stay in a browser or proxy cache.
  reply.header('cache-control', 'no-store')
  return reply.code(status).view('account/views/mfa-enrol.njk', {
    enrolment,
    qrCode,
    secret: form.secret,
    secretForTyping: groupedSecret(form.secret),
    values: { code: form.code, returnTo: form.returnTo },
    errors: form.errors,
    fieldErrors: form.fieldErrors,
  })
}

function showEnrolment(resolve: Resolver) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const returnTo = localReturnPath((request.query as Record<string, unknown>).returnTo)
    const resolution = await resolve(request, returnTo)
    if ('redirect' in resolution) return reply.redirect(resolution.redirect, 303)
    return renderEnrolment(request, reply, 200, resolution.enrolment, { secret: newAuthenticatorSecret(), returnTo })
  }
}

/**
 * Confirms the new authenticator with its first code, then shows the recovery codes: in
 * this response and never again, because only their hashes are kept.
 */
function confirmEnrolment(resolve: Resolver) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const returnTo = localReturnPath(body.returnTo)
    const resolution = await resolve(request, returnTo)
    if ('redirect' in resolution) return reply.redirect(resolution.redirect, 303)
    const { enrolment } = resolution
    // The secret travels in the form because the page already shows it; the server only
    // takes one of the shape it makes, and only with a code that proves the app has it.
    if (!isAuthenticatorSecret(body.secret)) throw badRequest('authenticator secret missing or malformed')
    const typed = { secret: body.secret, returnTo, code: typeof body.code === 'string' ? body.code : '' }
    const form = parseForm(mfaEnrolForm, body, request.server.content)
    if (!form.ok) return renderEnrolment(request, reply, 400, enrolment, { ...typed, ...form })
    if (!verifyAuthenticatorCode(typed.secret, form.value.code)) {
      return renderEnrolment(request, reply, 400, enrolment, { ...typed, ...formError('code', request.server.content.t('mfa.enrol.errors.wrongCode')) })
    }

    const recoveryCodes = newRecoveryCodes()
    await saveAuthenticator(request.server.database.db, enrolment.userId, { secret: typed.secret, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode), now: new Date() })
    if (enrolment.completesSignIn) await completeSignIn(request, reply, { id: enrolment.userId, email: enrolment.email })
    reply.header('cache-control', 'no-store')
    return reply.view('account/views/mfa-recovery-codes.njk', { recoveryCodes: recoveryCodes.map(formatRecoveryCode), continueTo: enrolment.continueTo })
  }
}

export const showAuthenticatorEnrolment = showEnrolment(signedInUser)
export const enrolAuthenticator = confirmEnrolment(signedInUser)
export const showAuthenticatorEnrolmentAtSignIn = showEnrolment(userSigningIn)
export const enrolAuthenticatorAtSignIn = confirmEnrolment(userSigningIn)
