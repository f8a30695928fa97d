import type { FastifyReply, FastifyRequest } from 'fastify'
import { memberView } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { clearSupportNotice } from '../repository.ts'

/**
 * Where to get help now: the sponsor, 999 and Samaritans. After a member's post raised a
 * concern, or they flagged one, the page first says what happens next, kindly.
 */
export async function showSupport(request: FastifyRequest, reply: FastifyReply) {
  const after = (request.query as Record<string, unknown>).after
  return memberView(request, reply, 'forum/views/support.njk', { after: after === 'post' || after === 'flag' ? after : null })
}

/** The member has read the supportive message shown after someone raised a concern about their post. */
export async function dismissSupport(request: FastifyRequest, reply: FastifyReply) {
  await clearSupportNotice(request.server.database.db, request.member!.memberId)
  return reply.redirect(forumPaths.home(), 303)
}
