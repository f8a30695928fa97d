import { sql, type ExpressionBuilder } from 'kysely'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database, ForumPostStatus } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { foldPhrase, type WatchLists } from './filter.ts'

/*
 * The members' side of the forum: what a member may read (published posts, and their own
 * waiting ones), and what they write. Every query takes the member's id, so "visible to
 * this member" is decided in SQL.
 */

type Reader = Db | Tx

/** A topic a member may see: one with a published post, or their own while it waits. */
function topicVisibleTo(memberId: string) {
  return (eb: ExpressionBuilder<Database, 'forum_topic'>) =>
    eb.or([
      eb.exists(eb.selectFrom('forum_post').select(sql`1`.as('one')).whereRef('forum_post.topic_id', '=', 'forum_topic.id').where('forum_post.status', '=', 'published')),
      eb('forum_topic.author_member_id', '=', memberId),
    ])
}

/** The member's own record with their sponsor, for the crisis banner and their account page. */
export function memberAccount(db: Reader, memberId: string) {
  return db
    .selectFrom('forum_member')
    .innerJoin('staff_user as sponsor', 'sponsor.id', 'forum_member.sponsor_user_id')
    .select(['forum_member.id', 'forum_member.username', 'forum_member.role', 'forum_member.status', 'forum_member.suspended_until', 'forum_member.support_notice', 'forum_member.joined_at', 'forum_member.sponsor_contact', 'sponsor.display_name as sponsor_name'])
    .where('forum_member.id', '=', memberId)
    .executeTakeFirstOrThrow()
}

export type MemberAccount = Awaited<ReturnType<typeof memberAccount>>

export function listCategories(db: Reader, memberId: string) {
  return db
    .selectFrom('forum_category')
    .select((eb) => [
      'forum_category.id',
      'forum_category.name',
      'forum_category.description',
      eb.selectFrom('forum_topic').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('forum_topic.category_id', '=', 'forum_category.id').where(topicVisibleTo(memberId)).as('topic_count'),
      eb.selectFrom('forum_topic').select((inner) => inner.fn.max('forum_topic.last_post_at').as('latest')).whereRef('forum_topic.category_id', '=', 'forum_category.id').as('last_post_at'),
    ])
    .orderBy('forum_category.position')
    .execute()
}

export function findCategory(db: Reader, categoryId: string) {
  return db.selectFrom('forum_category').selectAll().where('id', '=', categoryId).executeTakeFirst()
}

export async function listTopics(db: Reader, memberId: string, categoryId: string, page: number, size: number) {
  const visible = db.selectFrom('forum_topic').where('forum_topic.category_id', '=', categoryId).where(topicVisibleTo(memberId))
  const [{ total }, topics] = await Promise.all([
    visible.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    visible
      .leftJoin('forum_topic_read', (join) => join.onRef('forum_topic_read.topic_id', '=', 'forum_topic.id').on('forum_topic_read.member_id', '=', memberId))
      .leftJoin('forum_member as author', 'author.id', 'forum_topic.author_member_id')
      .select((eb) => [
        'forum_topic.id',
        'forum_topic.title',
        'forum_topic.kind',
        'forum_topic.created_at',
        'forum_topic.last_post_at',
        'author.username as author_username',
        'forum_topic_read.read_at',
        eb.selectFrom('forum_post').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('forum_post.topic_id', '=', 'forum_topic.id').where('forum_post.status', '=', 'published').as('post_count'),
      ])
      .orderBy(sql`coalesce(forum_topic.last_post_at, forum_topic.created_at)`, 'desc')
      .orderBy('forum_topic.id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ])
  return {
    total: Number(total),
    topics: topics.map((topic) => ({ ...topic, post_count: Number(topic.post_count), unread: topic.last_post_at !== null && (topic.read_at === null || topic.read_at < topic.last_post_at) })),
  }
}

export function findTopic(db: Reader, memberId: string, topicId: string) {
  return db
    .selectFrom('forum_topic')
    .innerJoin('forum_category', 'forum_category.id', 'forum_topic.category_id')
    .select(['forum_topic.id', 'forum_topic.title', 'forum_topic.kind', 'forum_topic.category_id', 'forum_category.name as category_name'])
    .where('forum_topic.id', '=', topicId)
    .where(topicVisibleTo(memberId))
    .executeTakeFirst()
}

/** Posts in the thread: everyone's published ones, the member's own waiting ones, and a placeholder where one was removed. */
export async function listPosts(db: Reader, memberId: string, topicId: string, page: number, size: number) {
  const shown = db
    .selectFrom('forum_post')
    .where('forum_post.topic_id', '=', topicId)
    .where((eb) => eb.or([eb('forum_post.status', 'in', ['published', 'hidden', 'deleted']), eb.and([eb('forum_post.status', '=', 'pending'), eb('forum_post.author_member_id', '=', memberId)])]))
  const [{ total }, posts] = await Promise.all([
    shown.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    shown
      .leftJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
      .select(['forum_post.id', 'forum_post.author_member_id', 'forum_post.author_user_id', 'forum_post.body', 'forum_post.status', 'forum_post.created_at', 'forum_post.edited_at', 'author.username as author_username', 'author.role as author_role'])
      .orderBy('forum_post.created_at')
      .orderBy('forum_post.id')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ])
  // Removed text never leaves the database for a member's page.
  return { total: Number(total), posts: posts.map((post) => ({ ...post, body: post.status === 'hidden' || post.status === 'deleted' ? '' : post.body })) }
}

export async function markTopicRead(db: Reader, memberId: string, topicId: string, now: string): Promise<void> {
  await db
    .insertInto('forum_topic_read')
    .values({ member_id: memberId, topic_id: topicId, read_at: now })
    .onConflict((conflict) => conflict.columns(['member_id', 'topic_id']).doUpdateSet({ read_at: now }))
    .execute()
}

/** A post the member wrote, with what an edit or deletion needs to know. */
export function findOwnPost(db: Reader, memberId: string, postId: string) {
  return db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .select(['forum_post.id', 'forum_post.topic_id', 'forum_post.body', 'forum_post.status', 'forum_post.created_at', 'forum_topic.title as topic_title'])
    .select((eb) => eb.not(eb.exists(eb.selectFrom('forum_post as earlier').select(sql`1`.as('one')).whereRef('earlier.topic_id', '=', 'forum_post.topic_id').whereRef('earlier.created_at', '<', 'forum_post.created_at'))).as('opens_topic'))
    .where('forum_post.id', '=', postId)
    .where('forum_post.author_member_id', '=', memberId)
    .executeTakeFirst()
}

/** A published post anyone in the forum can read (and so flag). */
export function findPublishedPost(db: Reader, postId: string) {
  return db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .leftJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
    .select(['forum_post.id', 'forum_post.topic_id', 'forum_post.body', 'forum_post.author_member_id', 'forum_topic.title as topic_title', 'author.username as author_username'])
    .where('forum_post.id', '=', postId)
    .where('forum_post.status', '=', 'published')
    .executeTakeFirst()
}

/** The member as posting needs them: may they take part, and how new are they. */
export async function posterStanding(db: Reader, memberId: string, since: string) {
  const member = await db.selectFrom('forum_member').select(['status', 'suspended_until']).where('id', '=', memberId).executeTakeFirstOrThrow()
  const counts = await db
    .selectFrom('forum_post')
    .select((eb) => [
      eb.fn.count<number>('forum_post.published_at').as('published_before'),
      eb.fn.sum<number>(eb.case().when('forum_post.created_at', '>', since).then(1).else(0).end()).as('recent'),
    ])
    .where('author_member_id', '=', memberId)
    .executeTakeFirstOrThrow()
  return { ...member, publishedBefore: Number(counts.published_before), postsInWindow: Number(counts.recent ?? 0) }
}

export async function watchLists(db: Reader, safetyPhrases: readonly string[]): Promise<WatchLists> {
  const rows = await db.selectFrom('forum_watch_word').select(['kind', 'phrase']).execute()
  const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.phrase)
  return { names: of('name'), words: of('word'), safety: [...safetyPhrases, ...of('safety')] }
}

export interface NewPost {
  topicId: string
  memberId: string
  body: string
  status: 'published' | 'pending'
  holdReasons: readonly string[]
  now: string
}

export async function insertPost(tx: Tx, post: NewPost): Promise<string> {
  const id = newId()
  await tx
    .insertInto('forum_post')
    .values({ id, topic_id: post.topicId, author_member_id: post.memberId, body: post.body, status: post.status, hold_reasons: jsonValue(post.holdReasons), created_at: post.now, published_at: post.status === 'published' ? post.now : null })
    .execute()
  if (post.status === 'published') await touchTopic(tx, post.topicId, post.now)
  return id
}

export async function insertTopic(tx: Tx, topic: { categoryId: string; title: string; memberId: string | null; userId: string | null; kind: 'discussion' | 'you_said_we_did'; now: string }): Promise<string> {
  const id = newId()
  await tx.insertInto('forum_topic').values({ id, category_id: topic.categoryId, title: topic.title, kind: topic.kind, author_member_id: topic.memberId, author_user_id: topic.userId, created_at: topic.now }).execute()
  return id
}

/** A post was published in the topic at `at`: the topic moves up and shows as unread. */
export async function touchTopic(tx: Tx, topicId: string, at: string): Promise<void> {
  await tx.updateTable('forum_topic').set({ last_post_at: at }).where('id', '=', topicId).where((eb) => eb.or([eb('last_post_at', 'is', null), eb('last_post_at', '<', at)])).execute()
}

/** The member's edit: the earlier text is kept beside the post. */
export async function editOwnPost(tx: Tx, edit: { postId: string; memberId: string; previousBody: string; body: string; status: ForumPostStatus; holdReasons: readonly string[]; now: string }): Promise<void> {
  await tx.insertInto('forum_post_edit').values({ id: newId(), post_id: edit.postId, previous_body: edit.previousBody, edited_by_member_id: edit.memberId, edited_at: edit.now }).execute()
  await tx.updateTable('forum_post').set({ body: edit.body, status: edit.status, hold_reasons: jsonValue(edit.holdReasons), edited_at: edit.now }).where('id', '=', edit.postId).execute()
}

export async function insertFlag(tx: Tx, flag: { postId: string; memberId: string | null; userId: string | null; source: 'member' | 'moderator' | 'watch_word'; reason: string; detail: string | null; now: string }): Promise<string> {
  const id = newId()
  await tx
    .insertInto('forum_flag')
    .values({ id, post_id: flag.postId, raised_by_member_id: flag.memberId, raised_by_user_id: flag.userId, source: flag.source, reason: flag.reason, detail: flag.detail, status: 'open', created_at: flag.now })
    .execute()
  return id
}

/** Published posts whose text or topic title contains `query` (any case), newest first. */
export async function searchPosts(db: Reader, query: string, page: number, size: number) {
  const pattern = `%${foldPhrase(query).replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  const matching = db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .where('forum_post.status', '=', 'published')
    .where((eb) => eb.or([sql<boolean>`lower(forum_post.body) like ${pattern} escape '\\'`, sql<boolean>`lower(forum_topic.title) like ${pattern} escape '\\'`]))
  const [{ total }, posts] = await Promise.all([
    matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    matching
      .leftJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
      .select(['forum_post.id', 'forum_post.topic_id', 'forum_post.body', 'forum_post.created_at', 'forum_topic.title as topic_title', 'author.username as author_username'])
      .orderBy('forum_post.created_at', 'desc')
      .orderBy('forum_post.id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ])
  return { total: Number(total), posts }
}

export async function clearSupportNotice(db: Reader, memberId: string): Promise<void> {
  await db.updateTable('forum_member').set({ support_notice: false }).where('id', '=', memberId).execute()
}
