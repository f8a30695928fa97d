import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { beginMemberSession, ensureSession } from '../../../platform/auth/authentication.ts'
import { endAllMemberSessions, recordMemberSignInAttempt } from '../../../platform/auth/members.ts'
import { hashPassword } from '../../../platform/auth/passwords.ts'
import { addressBlockedUntil } from '../../../platform/auth/throttle.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { memberCodeHash } from '../codes.ts'
import { findIdentifyingDetails, foldPhrase } from '../filter.ts'
import { joinForm } from '../forms.ts'
import { bannerFor } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { watchLists } from '../repository.ts'
import { forumSettings } from '../settings.ts'
import { completeJoin, findMemberByCode, usernameTaken } from '../staff-repository.ts'

/** Failed codes count against the address like failed sign-ins, under one name. */
const codeAttempts = 'forum:code'

function render(request: FastifyRequest, reply: FastifyReply, status: number, context: Record<string, unknown>) {
  return reply.code(status).view('forum/views/join.njk', { ...context, banner: bannerFor(request.server.content, null) })
}

export async function showJoin(request: FastifyRequest, reply: FastifyReply) {
  await ensureSession(request, reply)
  return render(request, reply, 200, { values: {} })
}

/**
 * With the code from staff: a new member chooses a username and password; a member who
 * lost their password types their username (as a check) and a new password.
 */
export async function join(request: FastifyRequest, reply: FastifyReply) {
  const { database, content } = request.server
  const body = (request.body ?? {}) as Record<string, unknown>
  const values = { code: typeof body.code === 'string' ? body.code : '', username: typeof body.username === 'string' ? body.username : '' }
  const refuse = (status: number, problem: ReturnType<typeof formError>) => render(request, reply, status, { values, ...problem })
  const form = parseForm(joinForm, request.body, content)
  if (!form.ok) return refuse(400, form)
  const now = new Date()
  if (await addressBlockedUntil(database.db, request.ip, now)) return refuse(429, formError('code', content.t('forum.join.errors.tooManyTries')))
  const member = await findMemberByCode(database.db, memberCodeHash(form.value.code), now.toISOString())
  const usernameKey = foldPhrase(form.value.username)
  if (!member || (member.username_key !== null && member.username_key !== usernameKey)) {
    await recordMemberSignInAttempt(database, { name: codeAttempts, address: request.ip, succeeded: false, now, requestId: request.id })
    return refuse(400, formError('code', content.t('forum.join.errors.codeWrong')))
  }
  const choosing = member.username === null
  if (choosing) {
    // A username is seen by everyone: it must not identify anyone either.
    if (findIdentifyingDetails(form.value.username, await watchLists(database.db, forumSettings(content).safetyPhrases)).length > 0) return refuse(400, formError('username', content.t('forum.join.errors.usernameIdentifying')))
    if (await usernameTaken(database.db, usernameKey)) return refuse(400, formError('username', content.t('forum.join.errors.usernameTaken')))
  }
  const passwordHash = await hashPassword(form.value.password)
  await inTransaction(database.db, async (tx) => {
    await completeJoin(tx, { memberId: member.id, username: choosing ? form.value.username : null, usernameKey: choosing ? usernameKey : null, passwordHash, now: now.toISOString() })
    await auditRequest(tx, request, { action: 'forum.member.join', outcome: 'allowed', recordType: 'forum_member', recordId: member.id, details: { memberId: member.id, newPassword: !choosing } })
  })
  await endAllMemberSessions(database.db, member.id)
  await beginMemberSession(request, reply, member.id)
  return reply.redirect(forumPaths.home(), 303)
}
