import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'

/*
 * Co-production (issue 9, 7): short polls about services that staff put to members. A
 * member votes once; everyone sees only the counts.
 */

type Reader = Db | Tx

export function openPolls(db: Reader, memberId: string) {
  return db
    .selectFrom('forum_poll')
    .select((eb) => ['forum_poll.id', 'forum_poll.question', eb.exists(eb.selectFrom('forum_poll_vote').select('forum_poll_vote.poll_id').whereRef('forum_poll_vote.poll_id', '=', 'forum_poll.id').where('forum_poll_vote.member_id', '=', memberId)).as('voted')])
    .where('forum_poll.closed_at', 'is', null)
    .orderBy('forum_poll.created_at', 'desc')
    .execute()
}

/** A poll with its options, their vote counts, and the member's own choice (if they voted). */
export async function findPoll(db: Reader, pollId: string, memberId: string | null) {
  const poll = await db.selectFrom('forum_poll').select(['id', 'question', 'description', 'created_at', 'closed_at']).where('id', '=', pollId).executeTakeFirst()
  if (!poll) return undefined
  const options = await db
    .selectFrom('forum_poll_option')
    .select((eb) => ['forum_poll_option.id', 'forum_poll_option.label', eb.selectFrom('forum_poll_vote').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('forum_poll_vote.option_id', '=', 'forum_poll_option.id').as('votes')])
    .where('forum_poll_option.poll_id', '=', pollId)
    .orderBy('forum_poll_option.position')
    .execute()
  const mine = memberId ? await db.selectFrom('forum_poll_vote').select('option_id').where('poll_id', '=', pollId).where('member_id', '=', memberId).executeTakeFirst() : undefined
  return { ...poll, options: options.map((option) => ({ ...option, votes: Number(option.votes) })), votedFor: mine?.option_id ?? null }
}

/** Records the member's vote; false when they had voted already or the option is not the poll's. */
export async function castVote(tx: Tx, vote: { pollId: string; memberId: string; optionId: string; now: string }): Promise<boolean> {
  const option = await tx.selectFrom('forum_poll_option').select('id').where('id', '=', vote.optionId).where('poll_id', '=', vote.pollId).executeTakeFirst()
  if (!option) return false
  const result = await tx
    .insertInto('forum_poll_vote')
    .values({ poll_id: vote.pollId, member_id: vote.memberId, option_id: vote.optionId, voted_at: vote.now })
    .onConflict((conflict) => conflict.columns(['poll_id', 'member_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function insertPoll(tx: Tx, poll: { question: string; description: string | null; options: readonly string[]; createdBy: string }): Promise<string> {
  const id = newId()
  await tx.insertInto('forum_poll').values({ id, question: poll.question, description: poll.description, created_by: poll.createdBy }).execute()
  await tx.insertInto('forum_poll_option').values(poll.options.map((label, index) => ({ id: newId(), poll_id: id, label, position: index + 1 }))).execute()
  return id
}

export async function closePoll(tx: Tx, pollId: string, now: string): Promise<boolean> {
  const result = await tx.updateTable('forum_poll').set({ closed_at: now }).where('id', '=', pollId).where('closed_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export function allPolls(db: Reader) {
  return db.selectFrom('forum_poll').select(['id', 'question', 'created_at', 'closed_at']).orderBy('created_at', 'desc').limit(50).execute()
}
