import { sql } from 'kysely'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { ForumPostStatus } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { foldPhrase } from './filter.ts'
import { touchTopic } from './repository.ts'

/*
 * The moderators' side: the queue, a post with its flags and history, members' records,
 * the watch lists. Moderation is partnership-wide (one forum), and shows usernames only:
 * a member's real identity is in staff-repository.ts, behind the caller's scope.
 */

type Reader = Db | Tx

/** Posts waiting for a moderator, and published ones with an open flag; concerns first, then oldest first. */
export async function moderationQueue(db: Reader, page: number, size: number) {
  const waiting = db
    .selectFrom('forum_post')
    .where((eb) => eb.or([eb('forum_post.status', '=', 'pending'), eb.exists(eb.selectFrom('forum_flag').select(sql`1`.as('one')).whereRef('forum_flag.post_id', '=', 'forum_post.id').where('forum_flag.status', '=', 'open'))]))
  const [{ total }, posts] = await Promise.all([
    waiting.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    waiting
      .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
      .leftJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
      .select((eb) => [
        'forum_post.id',
        'forum_post.body',
        'forum_post.status',
        'forum_post.hold_reasons',
        'forum_post.created_at',
        'forum_post.concern_raised_at',
        'forum_topic.title as topic_title',
        'author.username as author_username',
        eb.selectFrom('forum_flag').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('forum_flag.post_id', '=', 'forum_post.id').where('forum_flag.status', '=', 'open').as('open_flags'),
      ])
      .orderBy(sql`case when forum_post.concern_raised_at is null then 1 else 0 end`)
      .orderBy('forum_post.created_at')
      .orderBy('forum_post.id')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ])
  return { total: Number(total), posts: posts.map((post) => ({ ...post, open_flags: Number(post.open_flags) })) }
}

export async function moderationPost(db: Reader, postId: string) {
  const post = await db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .leftJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
    .leftJoin('staff_user as moderator', 'moderator.id', 'forum_post.moderated_by')
    .select([
      'forum_post.id',
      'forum_post.topic_id',
      'forum_post.body',
      'forum_post.status',
      'forum_post.hold_reasons',
      'forum_post.created_at',
      'forum_post.edited_at',
      'forum_post.moderated_at',
      'forum_post.moderation_reason',
      'forum_post.concern_raised_at',
      'forum_post.author_member_id',
      'forum_topic.title as topic_title',
      'author.username as author_username',
      'moderator.display_name as moderator_name',
    ])
    .where('forum_post.id', '=', postId)
    .executeTakeFirst()
  if (!post) return undefined
  const [flags, edits] = await Promise.all([
    db
      .selectFrom('forum_flag')
      .leftJoin('forum_member as raiser', 'raiser.id', 'forum_flag.raised_by_member_id')
      .leftJoin('staff_user as raiser_staff', 'raiser_staff.id', 'forum_flag.raised_by_user_id')
      .select(['forum_flag.id', 'forum_flag.source', 'forum_flag.reason', 'forum_flag.detail', 'forum_flag.status', 'forum_flag.created_at', 'raiser.username as raised_by_username', 'raiser_staff.display_name as raised_by_staff'])
      .where('forum_flag.post_id', '=', postId)
      .orderBy('forum_flag.created_at')
      .execute(),
    db
      .selectFrom('forum_post_edit')
      .leftJoin('staff_user as editor', 'editor.id', 'forum_post_edit.edited_by_user_id')
      .select(['forum_post_edit.id', 'forum_post_edit.previous_body', 'forum_post_edit.reason', 'forum_post_edit.edited_at', 'editor.display_name as editor_name'])
      .where('forum_post_edit.post_id', '=', postId)
      .orderBy('forum_post_edit.edited_at')
      .execute(),
  ])
  return { ...post, flags, edits }
}

export type ModerationDecision = 'approve' | 'hide' | 'restore'

/** A moderator's decision on a post: approve (publish, or keep up and close its flags), hide, or restore. Returns the new status, or null when the decision does not apply. */
export async function decidePost(tx: Tx, decision: { postId: string; action: ModerationDecision; userId: string; reason: string | null; now: string }): Promise<ForumPostStatus | null> {
  const post = await tx.selectFrom('forum_post').select(['status', 'topic_id', 'author_member_id']).where('id', '=', decision.postId).executeTakeFirst()
  if (!post || post.status === 'deleted') return null
  const allowed: Record<ModerationDecision, readonly ForumPostStatus[]> = { approve: ['pending', 'published'], hide: ['pending', 'published'], restore: ['hidden'] }
  if (!allowed[decision.action].includes(post.status)) return null
  const status: ForumPostStatus = decision.action === 'hide' ? 'hidden' : 'published'
  await tx
    .updateTable('forum_post')
    .set((eb) => ({ status, moderated_by: decision.userId, moderated_at: decision.now, moderation_reason: decision.reason, hold_reasons: jsonValue([]), published_at: status === 'published' ? eb.fn.coalesce('published_at', eb.val(decision.now)) : eb.ref('published_at') }))
    .where('id', '=', decision.postId)
    .execute()
  if (status === 'published' && post.status !== 'published') await touchTopic(tx, post.topic_id, decision.now)
  await tx.updateTable('forum_flag').set({ status: 'resolved', resolved_by: decision.userId, resolved_at: decision.now }).where('post_id', '=', decision.postId).where('status', '=', 'open').execute()
  await recordAction(tx, { action: decision.action, memberId: post.author_member_id, postId: decision.postId, reason: decision.reason, until: null, actedBy: decision.userId, now: decision.now })
  return status
}

/** A moderator's edit, with its reason; the earlier text is kept. False for a post that is gone. */
export async function moderatorEdit(tx: Tx, edit: { postId: string; body: string; reason: string; userId: string; now: string }): Promise<boolean> {
  const post = await tx.selectFrom('forum_post').select(['body', 'status', 'author_member_id']).where('id', '=', edit.postId).executeTakeFirst()
  if (!post || post.status === 'deleted') return false
  await tx.insertInto('forum_post_edit').values({ id: newId(), post_id: edit.postId, previous_body: post.body, edited_by_user_id: edit.userId, reason: edit.reason, edited_at: edit.now }).execute()
  await tx.updateTable('forum_post').set({ body: edit.body, edited_at: edit.now, moderated_by: edit.userId, moderated_at: edit.now, moderation_reason: edit.reason }).where('id', '=', edit.postId).execute()
  await recordAction(tx, { action: 'edit', memberId: post.author_member_id, postId: edit.postId, reason: edit.reason, until: null, actedBy: edit.userId, now: edit.now })
  return true
}

export async function recordAction(tx: Tx, action: { action: string; memberId: string | null; postId: string | null; reason: string | null; until: string | null; actedBy: string; now: string }): Promise<void> {
  await tx
    .insertInto('forum_moderation_action')
    .values({ id: newId(), action: action.action, member_id: action.memberId, post_id: action.postId, reason: action.reason, until: action.until, acted_by: action.actedBy, acted_at: action.now })
    .execute()
}

/** A member's record for moderators: username, standing, what was done about them, and their recent posts. */
export async function moderationMember(db: Reader, memberId: string) {
  const member = await db.selectFrom('forum_member').select(['id', 'username', 'role', 'status', 'suspended_until', 'joined_at', 'person_id']).where('id', '=', memberId).executeTakeFirst()
  if (!member) return undefined
  const [actions, posts] = await Promise.all([
    db
      .selectFrom('forum_moderation_action')
      .innerJoin('staff_user', 'staff_user.id', 'forum_moderation_action.acted_by')
      .select(['forum_moderation_action.id', 'forum_moderation_action.action', 'forum_moderation_action.reason', 'forum_moderation_action.until', 'forum_moderation_action.acted_at', 'staff_user.display_name as acted_by_name'])
      .where('forum_moderation_action.member_id', '=', memberId)
      .orderBy('forum_moderation_action.acted_at', 'desc')
      .limit(50)
      .execute(),
    db.selectFrom('forum_post').select(['id', 'body', 'status', 'created_at']).where('author_member_id', '=', memberId).orderBy('created_at', 'desc').limit(20).execute(),
  ])
  return { ...member, actions, posts }
}

/** Warnings and suspensions, for the member's own account page (who gave them is not shown to members). */
export function memberWarnings(db: Reader, memberId: string) {
  return db
    .selectFrom('forum_moderation_action')
    .select(['id', 'action', 'reason', 'until', 'acted_at'])
    .where('member_id', '=', memberId)
    .where('action', 'in', ['warn', 'suspend', 'reinstate'])
    .orderBy('acted_at', 'desc')
    .execute()
}

export type MemberAction = 'warn' | 'suspend' | 'reinstate'

/** Warns, suspends (until a time, or until reinstated) or reinstates a joined member. False for a member who has not joined. */
export async function actOnMember(tx: Tx, action: { memberId: string; action: MemberAction; reason: string | null; until: string | null; userId: string; now: string }): Promise<boolean> {
  const member = await tx.selectFrom('forum_member').select('status').where('id', '=', action.memberId).executeTakeFirst()
  if (!member || member.status === 'invited') return false
  if (action.action !== 'warn') {
    const suspended = action.action === 'suspend'
    await tx.updateTable('forum_member').set({ status: suspended ? 'suspended' : 'active', suspended_until: suspended ? action.until : null }).where('id', '=', action.memberId).execute()
  }
  await recordAction(tx, { action: action.action, memberId: action.memberId, postId: null, reason: action.reason, until: action.until, actedBy: action.userId, now: action.now })
  return true
}

export function listWatchWords(db: Reader) {
  return db.selectFrom('forum_watch_word').select(['id', 'kind', 'phrase', 'created_at']).orderBy('kind').orderBy('phrase_key').execute()
}

/** Adds a phrase to a watch list; false when it is there already. */
export async function addWatchWord(tx: Tx, word: { kind: 'name' | 'word' | 'safety'; phrase: string; userId: string }): Promise<string | null> {
  const id = newId()
  const result = await tx
    .insertInto('forum_watch_word')
    .values({ id, kind: word.kind, phrase: word.phrase, phrase_key: foldPhrase(word.phrase), created_by: word.userId })
    .onConflict((conflict) => conflict.columns(['kind', 'phrase_key']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null
}

export async function removeWatchWord(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('forum_watch_word').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Categories staff may post a "you said, we did" topic in: those where members do not start topics first. */
export function staffCategories(db: Reader) {
  return db.selectFrom('forum_category').select(['id', 'name']).where('members_start_topics', '=', false).orderBy('position').execute()
}

/** A topic started by staff, published at once (staff posts are not pre-moderated). */
export async function insertStaffTopic(tx: Tx, topic: { categoryId: string; title: string; body: string; userId: string; now: string }): Promise<string> {
  const topicId = newId()
  await tx.insertInto('forum_topic').values({ id: topicId, category_id: topic.categoryId, title: topic.title, kind: 'you_said_we_did', author_user_id: topic.userId, created_at: topic.now, last_post_at: topic.now }).execute()
  await tx.insertInto('forum_post').values({ id: newId(), topic_id: topicId, author_user_id: topic.userId, body: topic.body, status: 'published', hold_reasons: jsonValue([]), created_at: topic.now, published_at: topic.now }).execute()
  return topicId
}
