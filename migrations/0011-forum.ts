import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * The involvement forum (issue 9, docs/adr/0008-forum-members.md). Members are a principal
 * of their own — pseudonymous, signed in with their own session — privately linked to a
 * person record and a staff sponsor. Posts are never updated out of existence: an edit keeps
 * the earlier text (forum_post_edit), and a post its author deletes leaves the forum at once
 * but is kept for safeguarding (forum_post_retained) until `pathways forum purge` destroys it.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('forum_member')
    .addColumn('id', t.id, (c) => c.primaryKey())
    // Chosen by the member when they join; null until then. username_key is its folded form, so "Sky" and "sky" cannot both exist.
    .addColumn('username', t.text)
    .addColumn('username_key', t.text, (c) => c.unique())
    .addColumn('role', t.text, (c) => c.notNull())
    // The private link: never shown on a forum page; staff see it only when their scope finds the person.
    .addColumn('person_id', t.id, (c) => c.references('person.id'))
    .addColumn('sponsor_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    // How to reach the sponsor, shown to the member in the crisis banner ("call the PIPE team on …").
    .addColumn('sponsor_contact', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('password_hash', t.text)
    // A one-time code (hashed) that lets the member join, or set a new password.
    .addColumn('invitation_hash', t.text, (c) => c.unique())
    .addColumn('invitation_expires_at', t.instant)
    // A concern about the member's post was raised by someone else: their pages show the supportive message until they close it.
    .addColumn('support_notice', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('suspended_until', t.instant)
    .addColumn('created_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('joined_at', t.instant)
    .execute()
  await db.schema.createIndex('forum_member_person_idx').on('forum_member').column('person_id').execute()
  await db.schema.createIndex('forum_member_sponsor_idx').on('forum_member').column('sponsor_user_id').execute()

  await db.schema
    .createTable('forum_member_session')
    .addColumn('id_hash', t.text, (c) => c.primaryKey())
    .addColumn('member_id', t.id, (c) => c.notNull().references('forum_member.id'))
    .addColumn('csrf_token', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('forum_member_session_member_idx').on('forum_member_session').column('member_id').execute()

  await db.schema
    .createTable('forum_category')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('description', t.text, (c) => c.notNull())
    .addColumn('position', t.integer, (c) => c.notNull())
    // "You said, we did" and similar categories: staff start the topics, members reply.
    .addColumn('members_start_topics', t.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  await db.schema
    .createTable('forum_topic')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('category_id', t.id, (c) => c.notNull().references('forum_category.id'))
    // Null once the author deleted the opening post: a title can identify as much as a post.
    .addColumn('title', t.text)
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('author_member_id', t.id, (c) => c.references('forum_member.id'))
    .addColumn('author_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    // The newest published post, for ordering and unread markers; null until one is published.
    .addColumn('last_post_at', t.instant)
    .execute()
  await db.schema.createIndex('forum_topic_category_idx').on('forum_topic').columns(['category_id', 'last_post_at']).execute()

  await db.schema
    .createTable('forum_post')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('topic_id', t.id, (c) => c.notNull().references('forum_topic.id'))
    .addColumn('author_member_id', t.id, (c) => c.references('forum_member.id'))
    .addColumn('author_user_id', t.id, (c) => c.references('staff_user.id'))
    // Empty once the author deleted it (the text is then in forum_post_retained).
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    // Why a pending post waits (codes of forum_hold_reason).
    .addColumn('hold_reasons', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('edited_at', t.instant)
    .addColumn('published_at', t.instant)
    .addColumn('moderated_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('moderated_at', t.instant)
    .addColumn('moderation_reason', t.text)
    .addColumn('concern_raised_at', t.instant)
    .addColumn('deleted_at', t.instant)
    .execute()
  await db.schema.createIndex('forum_post_topic_idx').on('forum_post').columns(['topic_id', 'created_at']).execute()
  await db.schema.createIndex('forum_post_status_idx').on('forum_post').columns(['status', 'created_at']).execute()
  await db.schema.createIndex('forum_post_author_idx').on('forum_post').columns(['author_member_id', 'created_at']).execute()

  await db.schema
    .createTable('forum_post_edit')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('post_id', t.id, (c) => c.notNull().references('forum_post.id'))
    .addColumn('previous_body', t.text, (c) => c.notNull())
    .addColumn('edited_by_member_id', t.id, (c) => c.references('forum_member.id'))
    .addColumn('edited_by_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('reason', t.text)
    .addColumn('edited_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('forum_post_edit_post_idx').on('forum_post_edit').column('post_id').execute()

  await db.schema
    .createTable('forum_post_retained')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('post_id', t.id, (c) => c.notNull().references('forum_post.id'))
    .addColumn('member_id', t.id, (c) => c.notNull().references('forum_member.id'))
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('deleted_at', t.instant, (c) => c.notNull())
    .addColumn('destroy_after', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('forum_post_retained_destroy_idx').on('forum_post_retained').column('destroy_after').execute()

  await db.schema
    .createTable('forum_flag')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('post_id', t.id, (c) => c.notNull().references('forum_post.id'))
    // Who raised it: a member, a moderator, or the watch list (both null).
    .addColumn('raised_by_member_id', t.id, (c) => c.references('forum_member.id'))
    .addColumn('raised_by_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('source', t.text, (c) => c.notNull())
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('detail', t.text)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('resolved_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('resolved_at', t.instant)
    .execute()
  await db.schema.createIndex('forum_flag_status_idx').on('forum_flag').columns(['status', 'created_at']).execute()
  await db.schema.createIndex('forum_flag_post_idx').on('forum_flag').column('post_id').execute()

  await db.schema
    .createTable('forum_watch_word')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('phrase', t.text, (c) => c.notNull())
    .addColumn('phrase_key', t.text, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('forum_watch_word_unique', ['kind', 'phrase_key'])
    .execute()

  await db.schema
    .createTable('forum_topic_read')
    .addColumn('member_id', t.id, (c) => c.notNull().references('forum_member.id'))
    .addColumn('topic_id', t.id, (c) => c.notNull().references('forum_topic.id'))
    .addColumn('read_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_topic_read_pk', ['member_id', 'topic_id'])
    .execute()

  // Warnings, suspensions and post decisions, for the member's record and the moderators' history (the audit trail has them too).
  await db.schema
    .createTable('forum_moderation_action')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('member_id', t.id, (c) => c.references('forum_member.id'))
    .addColumn('post_id', t.id, (c) => c.references('forum_post.id'))
    .addColumn('reason', t.text)
    .addColumn('until', t.instant)
    .addColumn('acted_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('acted_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('forum_moderation_action_member_idx').on('forum_moderation_action').columns(['member_id', 'acted_at']).execute()

  await db.schema
    .createTable('forum_poll')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('question', t.text, (c) => c.notNull())
    .addColumn('description', t.text)
    .addColumn('created_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('closed_at', t.instant)
    .execute()
  await db.schema
    .createTable('forum_poll_option')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('poll_id', t.id, (c) => c.notNull().references('forum_poll.id'))
    .addColumn('label', t.text, (c) => c.notNull())
    .addColumn('position', t.integer, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('forum_poll_option_poll_idx').on('forum_poll_option').columns(['poll_id', 'position']).execute()
  // One vote per member per poll; the vote is not shown to anyone, only the counts.
  await db.schema
    .createTable('forum_poll_vote')
    .addColumn('poll_id', t.id, (c) => c.notNull().references('forum_poll.id'))
    .addColumn('member_id', t.id, (c) => c.notNull().references('forum_member.id'))
    .addColumn('option_id', t.id, (c) => c.notNull().references('forum_poll_option.id'))
    .addColumn('voted_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addPrimaryKeyConstraint('forum_poll_vote_pk', ['poll_id', 'member_id'])
    .execute()
}
