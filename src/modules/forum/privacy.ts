import type { FastifyRequest } from 'fastify'
import { auditRequest, recordAudit } from '../../platform/audit/index.ts'
import { inTransaction, type DatabaseHandle, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { findOwnPost } from './repository.ts'
import { forumSettings } from './settings.ts'

/*
 * A member's own data (issue 9, 6): they may download everything they wrote, and delete a
 * post. A deleted post leaves every page at once; its text, with its earlier versions, is
 * kept for safeguarding for `retentionDays` (content/forum-settings.yml) in
 * forum_post_retained, where no page shows it, and is then destroyed by `pathways forum purge`.
 */

/** Everything the member wrote that is still theirs to see (a deleted post is not), oldest first. */
export function ownPosts(db: Db, memberId: string) {
  return db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .select(['forum_post.id', 'forum_topic.title as topic', 'forum_post.body as text', 'forum_post.status', 'forum_post.created_at as written_at', 'forum_post.edited_at', 'forum_post.moderation_reason'])
    .where('forum_post.author_member_id', '=', memberId)
    .where('forum_post.status', '!=', 'deleted')
    .orderBy('forum_post.created_at')
    .execute()
}

/** Takes the member's post down and keeps its text (and earlier versions, and a title it opened) for safeguarding. False when it is not theirs. */
export async function deleteOwnPost(request: FastifyRequest, postId: string, now: Date = new Date()): Promise<{ topicId: string } | null> {
  const memberId = request.member!.memberId
  const destroyAfter = new Date(now.getTime() + forumSettings(request.server.content).retentionDays * 86_400_000).toISOString()
  return inTransaction(request.server.database.db, async (tx) => {
    const post = await findOwnPost(tx, memberId, postId)
    if (!post || post.status === 'deleted') return null
    const earlier = await tx.selectFrom('forum_post_edit').select('previous_body').where('post_id', '=', postId).orderBy('edited_at').execute()
    const texts = [...(post.opens_topic && post.topic_title ? [post.topic_title] : []), ...earlier.map((edit) => edit.previous_body), post.body]
    const at = now.toISOString()
    await tx.insertInto('forum_post_retained').values(texts.map((body) => ({ id: newId(), post_id: postId, member_id: memberId, body, deleted_at: at, destroy_after: destroyAfter }))).execute()
    await tx.deleteFrom('forum_post_edit').where('post_id', '=', postId).execute()
    await tx.updateTable('forum_post').set({ status: 'deleted', body: '', deleted_at: at }).where('id', '=', postId).execute()
    if (post.opens_topic) await tx.updateTable('forum_topic').set({ title: null }).where('id', '=', post.topic_id).execute()
    await auditRequest(tx, request, { action: 'forum.post.delete', outcome: 'allowed', recordType: 'forum_post', recordId: postId, details: { memberId, kept: texts.length } })
    return { topicId: post.topic_id }
  })
}

/** Destroys the safeguarding copies whose time is up; returns how many. Audited (a count, no text). */
export async function purgeRetainedPosts(database: DatabaseHandle, now: Date = new Date()): Promise<number> {
  return inTransaction(database.db, async (tx) => {
    const result = await tx.deleteFrom('forum_post_retained').where('destroy_after', '<=', now.toISOString()).executeTakeFirst()
    const destroyed = Number(result.numDeletedRows)
    await recordAudit(tx, database.dialect, { action: 'forum.retained.purge', outcome: 'allowed', route: 'pathways forum purge', details: { destroyed } })
    return destroyed
  })
}
