import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { optionalReasonForm, reasonForm, suspendForm } from '../forms.ts'
import { actOnMember, moderationMember, type MemberAction } from '../moderation-repository.ts'
import { staffView, withHtml } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { memberIdentity } from '../staff-repository.ts'

async function loadMember(request: FastifyRequest) {
  const member = await moderationMember(request.server.database.db, idParam(request, 'memberId'))
  if (!member) throw notFound()
  return { ...member, posts: member.posts.map(withHtml) }
}

export async function showModerationMember(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  return staffView(request, reply, 'forum/views/moderation-member.njk', { forumMember: await loadMember(request), values: {}, ...extra }, status)
}

/**
 * Who a member really is — shown only when the caller's own scope finds the linked person
 * (decided in SQL), and audited either way, with the person when shown.
 */
export async function showIdentity(request: FastifyRequest, reply: FastifyReply) {
  const member = await loadMember(request)
  const person = await inTransaction(request.server.database.db, async (tx) => {
    const found = await memberIdentity(tx, request.scope!, member.id)
    await auditRequest(tx, request, { action: 'forum.member.identity.view', outcome: found ? 'allowed' : 'denied', personId: found?.id, recordType: 'forum_member', recordId: member.id })
    return found
  })
  return staffView(request, reply, 'forum/views/member-identity.njk', { forumMember: member, person: person ?? null })
}

const memberEvents: Record<MemberAction, AuditEvent> = { warn: 'forum.member.warn', suspend: 'forum.member.suspend', reinstate: 'forum.member.reinstate' }

function act(action: MemberAction) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const memberId = idParam(request, 'memberId')
    const schema = action === 'suspend' ? suspendForm : action === 'warn' ? reasonForm : optionalReasonForm
    const form = parseForm(schema, request.body, request.server.content)
    if (!form.ok) return showModerationMember(request, reply, { values: request.body, errors: form.errors, fieldErrors: form.fieldErrors, failedAction: action }, 400)
    const now = new Date()
    const value: { reason: string | null; days?: unknown } = form.value
    const days = typeof value.days === 'number' ? value.days : null
    const until = action === 'suspend' && days ? new Date(now.getTime() + days * 86_400_000).toISOString() : null
    const done = await inTransaction(request.server.database.db, async (tx) => {
      const acted = await actOnMember(tx, { memberId, action, reason: form.value.reason, until, userId: request.principal!.userId, now: now.toISOString() })
      await auditRequest(tx, request, { action: memberEvents[action], outcome: acted ? 'allowed' : 'failed', recordType: 'forum_member', recordId: memberId, details: until ? { until } : undefined })
      return acted
    })
    if (!done) throw notFound()
    return reply.redirect(forumPaths.moderationMember({ memberId }), 303)
  }
}

export const warnMember = act('warn')
export const suspendMember = act('suspend')
export const reinstateMember = act('reinstate')
