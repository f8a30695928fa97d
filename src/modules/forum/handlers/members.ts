import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { ForumMemberRole } from '../../../platform/db/schema.ts'
import { memberCodeHash, newMemberCode } from '../codes.ts'
import { inviteForm } from '../forms.ts'
import { staffView, withHtml } from '../page.ts'
import { forumSettings } from '../settings.ts'
import { concernPost, insertInvitation, issueCode, memberFor, membersFor, sponsorChoices, visiblePeople, visiblePerson } from '../staff-repository.ts'

/** The members the caller sponsors or whose person they can see, with names only where scope allows. Audited: it names people. */
export async function showMembers(request: FastifyRequest, reply: FastifyReply) {
  const members = await inTransaction(request.server.database.db, async (tx) => {
    const found = await membersFor(tx, request.scope!)
    await auditRequest(tx, request, { action: 'forum.member.list', outcome: 'allowed', details: { shown: found.length } })
    return found
  })
  return staffView(request, reply, 'forum/views/members.njk', { members })
}

/** Invitation, in two steps without JavaScript: find the person (in scope) by name, then the member's role and sponsor. */
export async function showInvite(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const query = request.query as Record<string, unknown>
  const body = (request.body ?? {}) as Record<string, unknown>
  const personId = typeof body.personId === 'string' ? body.personId : typeof query.personId === 'string' ? query.personId : ''
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : ''
  const { db } = request.server.database
  const scope = request.scope!
  const [person, people, sponsors] = await Promise.all([
    isId(personId) ? visiblePerson(db, scope, personId) : undefined,
    search.length >= 2 ? visiblePeople(db, scope, search) : null,
    sponsorChoices(db, scope),
  ])
  return staffView(request, reply, 'forum/views/invite.njk', { person: person ?? null, search, people, sponsors, values: { sponsorUserId: scope.userId, ...body }, ...extra }, status)
}

export async function invite(request: FastifyRequest, reply: FastifyReply) {
  const { content, database } = request.server
  const form = parseForm(inviteForm, request.body, content)
  if (!form.ok) return showInvite(request, reply, { errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const scope = request.scope!
  const [person, sponsors] = await Promise.all([visiblePerson(database.db, scope, form.value.personId), sponsorChoices(database.db, scope)])
  if (!person) throw notFound()
  if (!sponsors.some((sponsor) => sponsor.id === form.value.sponsorUserId)) return showInvite(request, reply, formError('sponsorUserId', content.t('forum.invite.errors.sponsorMissing')), 400)
  const code = newMemberCode()
  const expiresAt = new Date(Date.now() + forumSettings(content).invitationDays * 86_400_000).toISOString()
  await inTransaction(database.db, async (tx) => {
    const memberId = await insertInvitation(tx, { personId: person.id, role: form.value.role as ForumMemberRole, sponsorUserId: form.value.sponsorUserId, sponsorContact: form.value.sponsorContact, codeHash: memberCodeHash(code), expiresAt, createdBy: scope.userId })
    await auditRequest(tx, request, { action: 'forum.member.invite', outcome: 'allowed', personId: person.id, recordType: 'forum_member', recordId: memberId })
  })
  // Shown once, never stored in clear: the page is the only place the code exists.
  return staffView(request, reply, 'forum/views/code.njk', { code, expiresAt, person, joining: true })
}

/** A new one-time code for a member the caller manages: to join, or to set a new password. */
export async function newCode(request: FastifyRequest, reply: FastifyReply) {
  const memberId = idParam(request, 'memberId')
  const { content, database } = request.server
  const code = newMemberCode()
  const expiresAt = new Date(Date.now() + forumSettings(content).invitationDays * 86_400_000).toISOString()
  const member = await inTransaction(database.db, async (tx) => {
    const found = await memberFor(tx, request.scope!, memberId)
    if (found) await issueCode(tx, memberId, memberCodeHash(code), expiresAt)
    await auditRequest(tx, request, { action: 'forum.member.code', outcome: found ? 'allowed' : 'denied', personId: found?.person_id ?? undefined, recordType: 'forum_member', recordId: memberId })
    return found
  })
  if (!member) throw notFound()
  return staffView(request, reply, 'forum/views/code.njk', { code, expiresAt, joining: member.username === null })
}

/** The post a concern task links to, for the author's sponsor or anyone who can see the author's person; audited. */
export async function showConcern(request: FastifyRequest, reply: FastifyReply) {
  const postId = idParam(request, 'postId')
  const post = await inTransaction(request.server.database.db, async (tx) => {
    const found = await concernPost(tx, request.scope!, postId)
    await auditRequest(tx, request, { action: 'forum.concern.view', outcome: found ? 'allowed' : 'denied', personId: found?.person_id ?? undefined, recordType: 'forum_post', recordId: postId })
    return found
  })
  if (!post) throw notFound()
  return staffView(request, reply, 'forum/views/concern.njk', { post: withHtml(post) })
}
