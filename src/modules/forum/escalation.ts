import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import type { Tx } from '../../platform/db/database.ts'
import { createCaseTask } from '../casework/index.ts'
import { insertFlag } from './repository.ts'

/*
 * Safety escalation (issue 9, 5): a post that suggests a risk to someone's safety — flagged
 * so by a member or a moderator, or caught by a safety watch word — becomes a task in case
 * work for the author's sponsor and team, carrying the post's text and a link to it, in the
 * same transaction as the flag and its audit row. The task goes to the team holding the
 * author's case when they have one (so it reaches the people who hold the risk plan), and
 * otherwise to the sponsor's team.
 */

export interface Concern {
  postId: string
  source: 'member' | 'moderator' | 'watch_word'
  /** A flag reason code (forum_flag_reason); only safety_concern escalates. */
  reason: string
  detail: string | null
  now: Date
}

async function taskTeam(tx: Tx, personId: string | null, sponsorUserId: string) {
  const caseHeld = personId
    ? await tx
        .selectFrom('allocation')
        .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
        .innerJoin('team', 'team.service_id', 'service_element.service_id')
        .select(['allocation.id as allocation_id', 'team.id as team_id'])
        .where('allocation.person_id', '=', personId)
        .where('allocation.status', '=', 'active')
        .orderBy('allocation.started_at', 'desc')
        .orderBy('team.id')
        .limit(1)
        .executeTakeFirst()
    : undefined
  if (caseHeld) return { allocationId: caseHeld.allocation_id, teamId: caseHeld.team_id }
  const sponsorTeam = await tx.selectFrom('team_membership').select('team_id').where('user_id', '=', sponsorUserId).orderBy('team_id').limit(1).executeTakeFirst()
  return { allocationId: null, teamId: sponsorTeam?.team_id ?? null }
}

/** Records a flag on the post; a safety concern (the first on the post) also becomes a case-work task, audited. Returns the flag's id. */
export async function raiseConcern(tx: Tx, request: FastifyRequest, concern: Concern): Promise<string> {
  const at = concern.now.toISOString()
  const flagId = await insertFlag(tx, {
    postId: concern.postId,
    memberId: concern.source === 'member' ? (request.member?.memberId ?? null) : null,
    userId: concern.source === 'moderator' ? (request.principal?.userId ?? null) : null,
    source: concern.source,
    reason: concern.reason,
    detail: concern.detail,
    now: at,
  })
  if (concern.reason !== 'safety_concern') return flagId
  const post = await tx
    .selectFrom('forum_post')
    .innerJoin('forum_member as author', 'author.id', 'forum_post.author_member_id')
    .select(['forum_post.body', 'forum_post.concern_raised_at', 'author.id as member_id', 'author.username', 'author.person_id', 'author.sponsor_user_id'])
    .where('forum_post.id', '=', concern.postId)
    .executeTakeFirst()
  // A staff post has no sponsor to tell; a post already escalated has its task.
  if (!post || post.concern_raised_at !== null) return flagId
  await tx.updateTable('forum_post').set({ concern_raised_at: at }).where('id', '=', concern.postId).execute()
  // Someone else raised it: the author sees the supportive message on their next page (after their own post they see it at once).
  if (concern.source !== 'watch_word') await tx.updateTable('forum_member').set({ support_notice: true }).where('id', '=', post.member_id).execute()
  const { allocationId, teamId } = await taskTeam(tx, post.person_id, post.sponsor_user_id)
  const { content } = request.server
  const taskId = await createCaseTask(tx, {
    kind: 'forum_concern',
    title: content.t('forum.concern.taskTitle', { username: post.username ?? '' }),
    detail: `${post.body}\n\n${content.t(`forum.concern.raisedBy.${concern.source}`)}${concern.detail ? `: ${concern.detail}` : ''}`,
    assignedUserId: post.sponsor_user_id,
    assignedTeamId: teamId,
    personId: post.person_id,
    allocationId,
    sourceType: 'forum_post',
    sourceId: concern.postId,
  })
  await auditRequest(tx, request, {
    action: 'forum.concern.raise',
    outcome: 'allowed',
    personId: post.person_id ?? undefined,
    recordType: 'forum_post',
    recordId: concern.postId,
    details: { source: concern.source, taskId, flagId, ...(request.member ? { memberId: request.member.memberId } : {}) },
  })
  return flagId
}
