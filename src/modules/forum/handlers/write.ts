import type { FastifyReply, FastifyRequest } from 'fastify'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { writePost, type Refusal, type WriteOutcome } from '../commands.ts'
import { postForm, topicForm } from '../forms.ts'
import { memberView } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { findCategory, findTopic } from '../repository.ts'
import { showTopic } from './browse.ts'

/** A refused post keeps what was typed and says why, in the form's error summary. */
export function refusalProblem(request: FastifyRequest, refusal: Refusal) {
  return { status: refusal === 'rate_limited' ? 429 : 403, ...formError('body', request.server.content.t(`forum.post.errors.${refusal}`)) }
}

/**
 * Where a member goes after writing: a safety concern to the supportive message with the
 * crisis contacts; otherwise back to the thread, told whether the post is up or waiting.
 */
export function afterWriting(reply: FastifyReply, outcome: Extract<WriteOutcome, { ok: true }>) {
  if (outcome.decision.concern) return reply.redirect(`${forumPaths.support()}?after=post`, 303)
  const posted = outcome.decision.status === 'published' ? 'published' : 'held'
  return reply.redirect(`${forumPaths.topic({ topicId: outcome.topicId })}?posted=${posted}#post-${outcome.postId}`, 303)
}

export async function postReply(request: FastifyRequest, reply: FastifyReply) {
  const topicId = idParam(request, 'topicId')
  const topic = await findTopic(request.server.database.db, request.member!.memberId, topicId)
  if (!topic) throw notFound()
  const values = request.body as Record<string, unknown>
  const form = parseForm(postForm, request.body, request.server.content)
  if (!form.ok) return showTopic(request, reply, { values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const outcome = await writePost(request, { topicId, body: form.value.body })
  if (!outcome.ok) {
    const { status, ...problem } = refusalProblem(request, outcome.refusal)
    return showTopic(request, reply, { values, ...problem }, status)
  }
  return afterWriting(reply, outcome)
}

async function startableCategory(request: FastifyRequest) {
  const category = await findCategory(request.server.database.db, idParam(request, 'categoryId'))
  // "You said, we did" and the like are started by staff.
  if (!category || !category.members_start_topics) throw notFound()
  return category
}

export async function showNewTopic(request: FastifyRequest, reply: FastifyReply) {
  return memberView(request, reply, 'forum/views/new-topic.njk', { category: await startableCategory(request), values: {} })
}

export async function createTopic(request: FastifyRequest, reply: FastifyReply) {
  const category = await startableCategory(request)
  const values = request.body as Record<string, unknown>
  const form = parseForm(topicForm, request.body, request.server.content)
  if (!form.ok) return memberView(request, reply, 'forum/views/new-topic.njk', { category, values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const outcome = await writePost(request, { newTopic: { categoryId: category.id, title: form.value.title }, body: form.value.body })
  if (!outcome.ok) {
    const { status, ...problem } = refusalProblem(request, outcome.refusal)
    return memberView(request, reply, 'forum/views/new-topic.njk', { category, values, ...problem }, status)
  }
  return afterWriting(reply, outcome)
}
