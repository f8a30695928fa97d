import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import type { MatrixBase, ModuleMatrixFixtures } from './index.ts'

/**
 * The forum's records: a member (the home person, the home user their sponsor), a category,
 * a topic with a published post, a watch word and a poll. None is listed as a home record:
 * the forum is the partnership's one forum, moderated partnership-wide, and its member pages
 * answer only to member sessions (every staff caller gets 403). The staff pages that reach a
 * member's person (the member list, new codes, a concern post, a member's identity) decide
 * in SQL by the caller's scope; their own tests cover the stranger.
 */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: [],
  async create(db: Db, base: MatrixBase) {
    const [memberId, categoryId, topicId, postId, watchWordId, pollId] = [newId(), newId(), newId(), newId(), newId(), newId()]
    const now = new Date().toISOString()
    await db.insertInto('forum_member').values({ id: memberId, username: 'MatrixMember', username_key: 'matrixmember', role: 'member', person_id: base.personId, sponsor_user_id: base.userId, sponsor_contact: 'Matrix contact', status: 'active', created_by: base.userId }).execute()
    await db.insertInto('forum_category').values({ id: categoryId, name: 'Matrix category', description: 'Matrix', position: 1, members_start_topics: true }).execute()
    await db.insertInto('forum_topic').values({ id: topicId, category_id: categoryId, title: 'Matrix topic', kind: 'discussion', author_member_id: memberId, created_at: now, last_post_at: now }).execute()
    await db.insertInto('forum_post').values({ id: postId, topic_id: topicId, author_member_id: memberId, body: 'Matrix post', status: 'published', hold_reasons: '[]', created_at: now, published_at: now }).execute()
    await db.insertInto('forum_watch_word').values({ id: watchWordId, kind: 'word', phrase: 'matrixword', phrase_key: 'matrixword', created_by: base.userId }).execute()
    await db.insertInto('forum_poll').values({ id: pollId, question: 'Matrix poll?', created_by: base.userId }).execute()
    await db.insertInto('forum_poll_option').values({ id: newId(), poll_id: pollId, label: 'Yes', position: 1 }).execute()
    return { memberId, categoryId, topicId, postId, watchWordId, pollId }
  },
}
