import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { editPost } from '../commands.ts'
import { raiseConcern } from '../escalation.ts'
import { flagForm, postForm } from '../forms.ts'
import { memberView, withHtml } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { deleteOwnPost } from '../privacy.ts'
import { findOwnPost, findPublishedPost } from '../repository.ts'
import { mayEditOwnPost } from '../rules.ts'
import { forumSettings } from '../settings.ts'
import { afterWriting, refusalProblem } from './write.ts'

/** The member's own post that they may still edit; anyone else's, or one past its window, is "not found". */
async function editablePost(request: FastifyRequest) {
  const post = await findOwnPost(request.server.database.db, request.member!.memberId, idParam(request, 'postId'))
  if (!post || !mayEditOwnPost(post, new Date(), forumSettings(request.server.content).editWindowMinutes)) throw notFound()
  return post
}

export async function showEditPost(request: FastifyRequest, reply: FastifyReply) {
  const post = await editablePost(request)
  return memberView(request, reply, 'forum/views/edit-post.njk', { post, values: { body: post.body } })
}

export async function editOwnPost(request: FastifyRequest, reply: FastifyReply) {
  const post = await editablePost(request)
  const values = request.body as Record<string, unknown>
  const form = parseForm(postForm, request.body, request.server.content)
  if (!form.ok) return memberView(request, reply, 'forum/views/edit-post.njk', { post, values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const outcome = await editPost(request, post.id, form.value.body)
  if (!outcome) throw notFound()
  if (!outcome.ok) {
    const { status, ...problem } = refusalProblem(request, outcome.refusal)
    return memberView(request, reply, 'forum/views/edit-post.njk', { post, values, ...problem }, status)
  }
  return afterWriting(reply, outcome)
}

async function flaggablePost(request: FastifyRequest) {
  const post = await findPublishedPost(request.server.database.db, idParam(request, 'postId'))
  if (!post) throw notFound()
  return withHtml(post)
}

export async function showFlagPost(request: FastifyRequest, reply: FastifyReply) {
  return memberView(request, reply, 'forum/views/flag-post.njk', { post: await flaggablePost(request), values: {} })
}

/** A member flags a post; "worried about someone's safety" escalates it, and the member is shown where to get help. */
export async function flagPost(request: FastifyRequest, reply: FastifyReply) {
  const post = await flaggablePost(request)
  const values = request.body as Record<string, unknown>
  const form = parseForm(flagForm, request.body, request.server.content)
  if (!form.ok) return memberView(request, reply, 'forum/views/flag-post.njk', { post, values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  await inTransaction(request.server.database.db, async (tx) => {
    const flagId = await raiseConcern(tx, request, { postId: post.id, source: 'member', reason: form.value.reason, detail: form.value.detail, now: new Date() })
    await auditRequest(tx, request, { action: 'forum.post.flag', outcome: 'allowed', recordType: 'forum_post', recordId: post.id, details: { memberId: request.member!.memberId, flagId, reason: form.value.reason } })
  })
  if (form.value.reason === 'safety_concern') return reply.redirect(`${forumPaths.support()}?after=flag`, 303)
  return reply.redirect(`${forumPaths.topic({ topicId: post.topic_id })}?flagged=1#post-${post.id}`, 303)
}

async function deletablePost(request: FastifyRequest) {
  const post = await findOwnPost(request.server.database.db, request.member!.memberId, idParam(request, 'postId'))
  if (!post || post.status === 'deleted') throw notFound()
  return withHtml(post)
}

export async function showDeletePost(request: FastifyRequest, reply: FastifyReply) {
  return memberView(request, reply, 'forum/views/delete-post.njk', { post: await deletablePost(request), retentionDays: forumSettings(request.server.content).retentionDays })
}

export async function deletePost(request: FastifyRequest, reply: FastifyReply) {
  await deletablePost(request)
  const deleted = await deleteOwnPost(request, idParam(request, 'postId'))
  if (!deleted) throw notFound()
  return reply.redirect(`${forumPaths.account()}?deleted=1`, 303)
}
