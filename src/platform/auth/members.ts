import type { Selectable } from 'kysely'
import { recordAudit } from '../audit/audit-log.ts'
import { inTransaction, type DatabaseHandle, type Db } from '../db/database.ts'
import { newId } from '../db/ids.ts'
import type { ForumMemberRole, ForumMemberSessionTable } from '../db/schema.ts'
import { hashToken, randomToken, type SessionPolicy } from './sessions.ts'
import { throttlePolicy } from './throttle.ts'

/**
 * Forum members: the second kind of principal (ARCHITECTURE "Access and audit"), service
 * users who know each other only by pseudonym. They have their own table, their own
 * server-side sessions and their own cookie, so a member's session can never stand in for
 * a staff session or the other way round (docs/adr/0008-forum-members.md).
 */

/** A signed-in forum member, as handlers see them. Their person record and sponsor stay in the forum module's queries. */
export interface Member {
  memberId: string
  username: string
  role: ForumMemberRole
  status: 'active' | 'suspended'
}

export type MemberSession = Selectable<ForumMemberSessionTable>

export const memberCookieName = (https: boolean) => (https ? '__Host-pathways-forum-session' : 'pathways-forum-session')

export interface NewMemberSession {
  /** The cookie value; only its hash is stored. */
  token: string
  session: MemberSession
}

export async function createMemberSession(db: Db, policy: SessionPolicy, memberId: string, now: Date = new Date()): Promise<NewMemberSession> {
  const token = randomToken()
  const session: MemberSession = {
    id_hash: hashToken(token),
    member_id: memberId,
    csrf_token: randomToken(24),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
  }
  await db.insertInto('forum_member_session').values(session).execute()
  return { token, session }
}

/** last_seen_at is written at most this often, so reading a page is not always a write. */
const touchIntervalMs = 60_000

/** The live session for a cookie value; null when unknown, past its absolute end or idle too long (then it is removed). The staff policy's timeouts apply. */
export async function findMemberSession(db: Db, policy: SessionPolicy, token: string, now: Date = new Date()): Promise<MemberSession | null> {
  const idHash = hashToken(token)
  const session = await db.selectFrom('forum_member_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst()
  if (!session) return null
  const idleSince = now.getTime() - Date.parse(session.last_seen_at)
  if (Date.parse(session.expires_at) <= now.getTime() || idleSince > policy.idleMinutes * 60_000) {
    await endMemberSession(db, idHash)
    return null
  }
  if (idleSince > touchIntervalMs) {
    session.last_seen_at = now.toISOString()
    await db.updateTable('forum_member_session').set({ last_seen_at: session.last_seen_at }).where('id_hash', '=', idHash).execute()
  }
  return session
}

export async function endMemberSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('forum_member_session').where('id_hash', '=', idHash).execute()
}

/** Signs a member out everywhere: on suspension, and when a new password is set with a code. */
export async function endAllMemberSessions(db: Db, memberId: string): Promise<void> {
  await db.deleteFrom('forum_member_session').where('member_id', '=', memberId).execute()
}

/** The member behind a session, if they have joined; an invited-only member has no session to find. */
export async function loadMember(db: Db, memberId: string): Promise<Member | null> {
  const row = await db.selectFrom('forum_member').select(['id', 'username', 'role', 'status']).where('id', '=', memberId).executeTakeFirst()
  if (!row || row.username === null || (row.status !== 'active' && row.status !== 'suspended')) return null
  return { memberId: row.id, username: row.username, role: row.role, status: row.status }
}

/** Attempts are counted under this name in sign_in_attempt (beside staff e-mail addresses, which always hold an @). */
export const memberAttemptName = (usernameKey: string) => `forum:${usernameKey}`

/**
 * When a member's account may be tried again, if it has failed too often since its last
 * success (the staff policy's numbers, throttle.ts); otherwise null. Worked out from the
 * attempts themselves, so nothing needs unlocking.
 */
export async function memberLockedUntil(db: Db, usernameKey: string, now: Date): Promise<Date | null> {
  const name = memberAttemptName(usernameKey)
  const since = new Date(now.getTime() - throttlePolicy.windowMinutes * 60_000).toISOString()
  const lastSuccess = await db.selectFrom('sign_in_attempt').select('attempted_at').where('email', '=', name).where('succeeded', '=', true).orderBy('attempted_at', 'desc').limit(1).executeTakeFirst()
  const countFrom = lastSuccess && lastSuccess.attempted_at > since ? lastSuccess.attempted_at : since
  const failures = await db
    .selectFrom('sign_in_attempt')
    .select('attempted_at')
    .where('email', '=', name)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', countFrom)
    .orderBy('attempted_at', 'desc')
    .limit(throttlePolicy.accountFailures)
    .execute()
  if (failures.length < throttlePolicy.accountFailures) return null
  const until = new Date(Date.parse(failures[0]?.attempted_at ?? now.toISOString()) + throttlePolicy.lockMinutes * 60_000)
  return until > now ? until : null
}

export interface MemberSignInAttempt {
  /** The folded username typed, or a fixed name for attempts with a one-time code. */
  name: string
  address: string
  succeeded: boolean
  now: Date
  memberId?: string
  requestId?: string
}

/** Counts the attempt for throttling and writes it to the audit trail (member id only, never the username typed), in one transaction. */
export async function recordMemberSignInAttempt(database: DatabaseHandle, attempt: MemberSignInAttempt): Promise<void> {
  await inTransaction(database.db, async (tx) => {
    await tx.insertInto('sign_in_attempt').values({ id: newId(), email: attempt.name, address: attempt.address, succeeded: attempt.succeeded, attempted_at: attempt.now.toISOString() }).execute()
    await recordAudit(tx, database.dialect, {
      action: 'forum.member.sign-in',
      outcome: attempt.succeeded ? 'allowed' : 'denied',
      route: 'forum sign-in',
      requestId: attempt.requestId,
      details: attempt.memberId ? { memberId: attempt.memberId } : undefined,
    })
  })
}
