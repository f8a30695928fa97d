import type { FastifyReply, FastifyRequest } from 'fastify'
import { beginMemberSession, endCurrentMemberSession, ensureSession } from '../../../platform/auth/authentication.ts'
import { memberAttemptName, memberLockedUntil, recordMemberSignInAttempt } from '../../../platform/auth/members.ts'
import { verifyPassword } from '../../../platform/auth/passwords.ts'
import { addressBlockedUntil } from '../../../platform/auth/throttle.ts'
import { formError, localReturnPath, parseForm } from '../../../platform/http/forms.ts'
import { foldPhrase } from '../filter.ts'
import { signInForm } from '../forms.ts'
import { bannerFor } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { findMemberForSignIn } from '../staff-repository.ts'

/** Only forum pages are somewhere to come back to: a member has nowhere else to be. */
function forumReturnPath(value: unknown): string | undefined {
  const local = localReturnPath(value)
  return local && (local === forumPaths.home() || local.startsWith(`${forumPaths.home()}/`)) ? local : undefined
}

export async function showSignIn(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, unknown>
  if (request.member) return reply.redirect(forumReturnPath(query.returnTo) ?? forumPaths.home(), 303)
  await ensureSession(request, reply)
  return reply.view('forum/views/sign-in.njk', { values: { returnTo: forumReturnPath(query.returnTo) }, signedOut: query.signedOut === '1', banner: bannerFor(request.server.content, null) })
}

export async function signIn(request: FastifyRequest, reply: FastifyReply) {
  const { database, content } = request.server
  const body = (request.body ?? {}) as Record<string, unknown>
  const values = { username: typeof body.username === 'string' ? body.username : '', returnTo: forumReturnPath(body.returnTo) }
  const refuse = (status: number, problem: ReturnType<typeof formError>) => reply.code(status).view('forum/views/sign-in.njk', { values, ...problem, banner: bannerFor(content, null) })
  const form = parseForm(signInForm, request.body, content)
  if (!form.ok) return refuse(400, form)

  const now = new Date()
  const usernameKey = foldPhrase(form.value.username)
  const blockedUntil = (await addressBlockedUntil(database.db, request.ip, now)) ?? (await memberLockedUntil(database.db, usernameKey, now))
  if (blockedUntil) return refuse(429, formError('username', content.t('forum.signIn.errors.locked', { time: blockedUntil.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }) })))
  const member = await findMemberForSignIn(database.db, usernameKey)
  const passwordMatches = await verifyPassword(member?.password_hash ?? null, form.value.password)
  const succeeded = Boolean(member && passwordMatches && (member.status === 'active' || member.status === 'suspended'))
  await recordMemberSignInAttempt(database, { name: memberAttemptName(usernameKey), address: request.ip, succeeded, now, memberId: member?.id, requestId: request.id })
  if (!member || !succeeded) return refuse(401, formError('username', content.t('forum.signIn.errors.wrongDetails')))
  await beginMemberSession(request, reply, member.id)
  return reply.redirect(forumReturnPath(form.value.returnTo) ?? forumPaths.home(), 303)
}

export async function signOut(request: FastifyRequest, reply: FastifyReply) {
  await endCurrentMemberSession(request, reply)
  return reply.redirect(`${forumPaths.signIn()}?signedOut=1`, 303)
}
