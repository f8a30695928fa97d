import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { raiseConcern } from './escalation.ts'
import { findIdentifyingDetails } from './filter.ts'
import { editOwnPost, findOwnPost, insertPost, insertTopic, posterStanding, watchLists } from './repository.ts'
import { decidePosting, mayEditOwnPost, mayTakePart, moderationStatus, overPostingLimit, type PostingDecision } from './rules.ts'
import { bankHolidays, forumSettings } from './settings.ts'

/*
 * A member writing: a new topic, a reply, or an edit of their own post. One transaction
 * checks they may take part and are under the posting limit, runs the filter, decides
 * whether the post goes up or waits, writes it, escalates a safety concern, and audits.
 */

export type Refusal = 'suspended' | 'rate_limited' | 'not_editable'
export type WriteOutcome = { ok: true; postId: string; topicId: string; decision: PostingDecision } | { ok: false; refusal: Refusal }

interface Draft {
  /** A reply goes into this topic; a new topic names its category and title instead. */
  topicId?: string
  newTopic?: { categoryId: string; title: string }
  body: string
}

async function decide(request: FastifyRequest, tx: Parameters<typeof posterStanding>[0], text: string, now: Date) {
  const settings = forumSettings(request.server.content)
  const memberId = request.member!.memberId
  const since = new Date(now.getTime() - settings.rateLimit.minutes * 60_000).toISOString()
  const standing = await posterStanding(tx, memberId, since)
  if (!mayTakePart(standing, now)) return { refusal: 'suspended' as const }
  if (overPostingLimit(standing.postsInWindow, settings.rateLimit)) return { refusal: 'rate_limited' as const }
  const findings = findIdentifyingDetails(text, await watchLists(tx, settings.safetyPhrases))
  const moderatedNow = moderationStatus(now, settings.moderationHours, bankHolidays(request.server.content)).onDuty
  return { decision: decidePosting({ findings, publishedBefore: standing.publishedBefore, moderatedNow, settings }) }
}

export async function writePost(request: FastifyRequest, draft: Draft, now: Date = new Date()): Promise<WriteOutcome> {
  const memberId = request.member!.memberId
  return inTransaction(request.server.database.db, async (tx) => {
    const checked = await decide(request, tx, `${draft.newTopic?.title ?? ''}\n${draft.body}`, now)
    if (!checked.decision) return { ok: false, refusal: checked.refusal }
    const { decision } = checked
    const at = now.toISOString()
    const topicId = draft.topicId ?? (await insertTopic(tx, { categoryId: draft.newTopic!.categoryId, title: draft.newTopic!.title, memberId, userId: null, kind: 'discussion', now: at }))
    const postId = await insertPost(tx, { topicId, memberId, body: draft.body, status: decision.status, holdReasons: decision.holdReasons, now: at })
    if (decision.concern) await raiseConcern(tx, request, { postId, source: 'watch_word', reason: 'safety_concern', detail: null, now })
    await auditRequest(tx, request, { action: 'forum.post.create', outcome: 'allowed', recordType: 'forum_post', recordId: postId, details: { memberId, status: decision.status, holdReasons: decision.holdReasons } })
    return { ok: true, postId, topicId, decision }
  })
}

/** The author's edit, within the editing window: the new text goes through the filter again. */
export async function editPost(request: FastifyRequest, postId: string, body: string, now: Date = new Date()): Promise<WriteOutcome | null> {
  const memberId = request.member!.memberId
  const windowMinutes = forumSettings(request.server.content).editWindowMinutes
  return inTransaction(request.server.database.db, async (tx) => {
    const post = await findOwnPost(tx, memberId, postId)
    if (!post) return null
    if (!mayEditOwnPost(post, now, windowMinutes)) return { ok: false, refusal: 'not_editable' }
    const checked = await decide(request, tx, body, now)
    if (!checked.decision) return { ok: false, refusal: checked.refusal }
    // An edit cannot make a waiting post skip its wait.
    const decision = post.status === 'pending' && checked.decision.status === 'published' ? { ...checked.decision, status: 'pending' as const } : checked.decision
    await editOwnPost(tx, { postId, memberId, previousBody: post.body, body, status: decision.status, holdReasons: decision.holdReasons, now: now.toISOString() })
    if (decision.concern) await raiseConcern(tx, request, { postId, source: 'watch_word', reason: 'safety_concern', detail: null, now })
    await auditRequest(tx, request, { action: 'forum.post.edit', outcome: 'allowed', recordType: 'forum_post', recordId: postId, details: { memberId, status: decision.status, holdReasons: decision.holdReasons } })
    return { ok: true, postId, topicId: post.topic_id, decision }
  })
}
