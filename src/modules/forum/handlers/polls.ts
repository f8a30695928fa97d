import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { pollForm, voteForm } from '../forms.ts'
import { memberView, staffView } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { castVote, closePoll as closeOpenPoll, findPoll, insertPoll } from '../polls-repository.ts'
import { posterStanding } from '../repository.ts'
import { mayTakePart } from '../rules.ts'

async function pollFor(request: FastifyRequest) {
  const poll = await findPoll(request.server.database.db, idParam(request, 'pollId'), request.member?.memberId ?? null)
  if (!poll) throw notFound()
  return poll
}

export async function showPoll(request: FastifyRequest, reply: FastifyReply) {
  return memberView(request, reply, 'forum/views/poll.njk', { poll: await pollFor(request), values: {} })
}

export async function vote(request: FastifyRequest, reply: FastifyReply) {
  const poll = await pollFor(request)
  const memberId = request.member!.memberId
  const form = parseForm(voteForm, request.body, request.server.content)
  if (!form.ok) return memberView(request, reply, 'forum/views/poll.njk', { poll, values: {}, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const now = new Date()
  const problem = await inTransaction(request.server.database.db, async (tx) => {
    if (poll.closed_at !== null) return 'closed'
    if (!mayTakePart(await posterStanding(tx, memberId, now.toISOString()), now)) return 'suspended'
    if (!(await castVote(tx, { pollId: poll.id, memberId, optionId: form.value.option, now: now.toISOString() }))) return 'already'
    await auditRequest(tx, request, { action: 'forum.poll.vote', outcome: 'allowed', recordType: 'forum_poll', recordId: poll.id, details: { memberId } })
    return null
  })
  if (problem) return memberView(request, reply, 'forum/views/poll.njk', { poll, values: {}, ...formError('option', request.server.content.t(`forum.poll.errors.${problem}`)) }, 409)
  return reply.redirect(`${forumPaths.poll({ pollId: poll.id })}?voted=1`, 303)
}

export async function showNewPoll(request: FastifyRequest, reply: FastifyReply) {
  return staffView(request, reply, 'forum/views/new-poll.njk', { values: {} })
}

export async function createPoll(request: FastifyRequest, reply: FastifyReply) {
  const values = request.body as Record<string, unknown>
  const form = parseForm(pollForm, request.body, request.server.content)
  if (!form.ok) return staffView(request, reply, 'forum/views/new-poll.njk', { values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  await inTransaction(request.server.database.db, async (tx) => {
    const pollId = await insertPoll(tx, { ...form.value, createdBy: request.principal!.userId })
    await auditRequest(tx, request, { action: 'forum.poll.create', outcome: 'allowed', recordType: 'forum_poll', recordId: pollId })
  })
  return reply.redirect(`${forumPaths.moderation()}?done=poll`, 303)
}

export async function closePoll(request: FastifyRequest, reply: FastifyReply) {
  const pollId = idParam(request, 'pollId')
  await inTransaction(request.server.database.db, async (tx) => {
    const closed = await closeOpenPoll(tx, pollId, new Date().toISOString())
    await auditRequest(tx, request, { action: 'forum.poll.close', outcome: closed ? 'allowed' : 'failed', recordType: 'forum_poll', recordId: pollId })
  })
  return reply.redirect(`${forumPaths.moderation()}?done=pollClosed`, 303)
}
