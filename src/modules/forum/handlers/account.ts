import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { memberView, withHtml } from '../page.ts'
import { memberWarnings } from '../moderation-repository.ts'
import { ownPosts } from '../privacy.ts'
import { forumSettings } from '../settings.ts'

/** The member's own account: their sponsor, any warning, and everything they wrote (to read, download or delete). */
export async function showAccount(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const memberId = request.member!.memberId
  const [posts, warnings] = await Promise.all([ownPosts(db, memberId), memberWarnings(db, memberId)])
  return memberView(request, reply, 'forum/views/account.njk', {
    posts: posts.reverse().map((post) => withHtml({ ...post, body: post.text })),
    warnings,
    deleted: (request.query as Record<string, unknown>).deleted === '1',
    retentionDays: forumSettings(request.server.content).retentionDays,
  })
}

/** Everything the member wrote, as JSON to keep (the right of access and portability). */
export async function downloadPosts(request: FastifyRequest, reply: FastifyReply) {
  const memberId = request.member!.memberId
  const posts = await inTransaction(request.server.database.db, async (tx) => {
    const found = await ownPosts(tx, memberId)
    await auditRequest(tx, request, { action: 'forum.posts.download', outcome: 'allowed', recordType: 'forum_member', recordId: memberId, details: { memberId, posts: found.length } })
    return found
  })
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="forum-posts-${request.member!.username.replace(/[^\p{L}\p{N}_-]/gu, '')}.json"`)
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ username: request.member!.username, downloadedAt: new Date().toISOString(), posts }, null, 2))
}
