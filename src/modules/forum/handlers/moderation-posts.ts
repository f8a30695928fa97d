import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import type { AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { raiseConcern } from '../escalation.ts'
import { moderatorEditForm, optionalReasonForm, reasonForm } from '../forms.ts'
import { decidePost, moderationPost, moderationQueue, moderatorEdit, type ModerationDecision } from '../moderation-repository.ts'
import { paging, staffView, withHtml } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { allPolls } from '../polls-repository.ts'

/** The moderation queue: posts waiting, and published posts someone flagged. Audited: it shows what members wrote. */
export async function showQueue(request: FastifyRequest, reply: FastifyReply) {
  const { page, size, links } = paging(request)
  const { db } = request.server.database
  const { total, posts } = await inTransaction(db, async (tx) => {
    const queue = await moderationQueue(tx, page, size)
    await auditRequest(tx, request, { action: 'forum.moderation.view', outcome: 'allowed', details: { shown: queue.posts.length } })
    return queue
  })
  const done = (request.query as Record<string, unknown>).done
  return staffView(request, reply, 'forum/views/moderation-queue.njk', { posts: posts.map(withHtml), total, polls: await allPolls(db), done: typeof done === 'string' && /^\w{1,20}$/.test(done) ? done : null, pagination: links(total, (n) => `${forumPaths.moderation()}?page=${n}`) })
}

async function loadPost(request: FastifyRequest) {
  const post = await moderationPost(request.server.database.db, idParam(request, 'postId'))
  if (!post) throw notFound()
  return { ...withHtml(post), edits: post.edits.map((edit) => withHtml({ ...edit, body: edit.previous_body })) }
}

export async function showModerationPost(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  return staffView(request, reply, 'forum/views/moderation-post.njk', { post: await loadPost(request), values: {}, ...extra }, status)
}

const decisionEvents: Record<ModerationDecision, AuditEvent> = { approve: 'forum.post.approve', hide: 'forum.post.hide', restore: 'forum.post.restore' }

/** Approve, hide (a reason is required) or restore; each decision audited with the post, its outcome and the reason's presence. */
function decide(action: ModerationDecision) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const postId = idParam(request, 'postId')
    const form = parseForm(action === 'hide' ? reasonForm : optionalReasonForm, request.body, request.server.content)
    if (!form.ok) return showModerationPost(request, reply, { values: request.body, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
    const status = await inTransaction(request.server.database.db, async (tx) => {
      const decided = await decidePost(tx, { postId, action, userId: request.principal!.userId, reason: form.value.reason, now: new Date().toISOString() })
      await auditRequest(tx, request, { action: decisionEvents[action], outcome: decided ? 'allowed' : 'failed', recordType: 'forum_post', recordId: postId })
      return decided
    })
    if (!status) throw notFound()
    return reply.redirect(`${forumPaths.moderation()}?done=${action}`, 303)
  }
}

export const approvePost = decide('approve')
export const hidePost = decide('hide')
export const restorePost = decide('restore')

export async function showModeratorEdit(request: FastifyRequest, reply: FastifyReply) {
  const post = await loadPost(request)
  return staffView(request, reply, 'forum/views/moderator-edit.njk', { post, values: { body: post.body } })
}

export async function editAsModerator(request: FastifyRequest, reply: FastifyReply) {
  const post = await loadPost(request)
  const form = parseForm(moderatorEditForm, request.body, request.server.content)
  if (!form.ok) return staffView(request, reply, 'forum/views/moderator-edit.njk', { post, values: request.body, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const edited = await inTransaction(request.server.database.db, async (tx) => {
    const done = await moderatorEdit(tx, { postId: post.id, body: form.value.body, reason: form.value.reason, userId: request.principal!.userId, now: new Date().toISOString() })
    await auditRequest(tx, request, { action: 'forum.post.moderator-edit', outcome: done ? 'allowed' : 'failed', recordType: 'forum_post', recordId: post.id })
    return done
  })
  if (!edited) throw notFound()
  return reply.redirect(forumPaths.moderationPost({ postId: post.id }), 303)
}

/** A moderator judges a post a concern for someone's safety: it goes to the author's sponsor and team as a task. */
export async function raiseConcernAsModerator(request: FastifyRequest, reply: FastifyReply) {
  const post = await loadPost(request)
  const form = parseForm(reasonForm, request.body, request.server.content)
  if (!form.ok) return showModerationPost(request, reply, { values: request.body, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  await inTransaction(request.server.database.db, (tx) => raiseConcern(tx, request, { postId: post.id, source: 'moderator', reason: 'safety_concern', detail: form.value.reason, now: new Date() }))
  return reply.redirect(forumPaths.moderationPost({ postId: post.id }), 303)
}
