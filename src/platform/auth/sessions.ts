import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { SessionTable } from '../db/schema.ts'
import type { Selectable } from 'kysely'

export type Session = Selectable<SessionTable>

export interface SessionPolicy {
  idleMinutes: number
  absoluteHours: number
}

/** Anonymous sessions only carry the sign-in form's CSRF token. */
const anonymousLifetimeMinutes = 60
/** last_seen_at is written at most this often, so reading a page is not always a write. */
const touchIntervalMs = 60_000

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string
  session: Session
}

export async function createSession(db: Db, policy: SessionPolicy, options: { userId: string | null; mfaPending?: boolean; now?: Date }): Promise<NewSession> {
  const now = options.now ?? new Date()
  const token = randomToken()
  const lifetimeMs = options.userId === null ? anonymousLifetimeMinutes * 60_000 : policy.absoluteHours * 3_600_000
  const session: Session = {
    id_hash: hashToken(token),
    user_id: options.userId,
    csrf_token: randomToken(24),
    mfa_pending: options.mfaPending ?? false,
    reauthenticated_at: options.userId === null ? null : now.toISOString(),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
  }
  await db.insertInto('session').values(session).execute()
  return { token, session }
}

/** The live session for a cookie value, or null when unknown, past its absolute end, or idle too long (then it is removed). */
export async function findSession(db: Db, policy: SessionPolicy, token: string, now: Date = new Date()): Promise<Session | null> {
  const idHash = hashToken(token)
  const session = await db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst()
  if (!session) return null
  const idleLimit = session.user_id === null ? anonymousLifetimeMinutes : policy.idleMinutes
  const idleSince = now.getTime() - Date.parse(session.last_seen_at)
  if (Date.parse(session.expires_at) <= now.getTime() || idleSince > idleLimit * 60_000) {
    await db.deleteFrom('session').where('id_hash', '=', idHash).execute()
    return null
  }
  if (idleSince > touchIntervalMs) {
    const lastSeen = now.toISOString()
    await db.updateTable('session').set({ last_seen_at: lastSeen }).where('id_hash', '=', idHash).execute()
    session.last_seen_at = lastSeen
  }
  return session
}

export async function endSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute()
}

/** Signs a user out on every device: used by "sign out everywhere", deactivation and password reset. */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function markReauthenticated(db: Db, idHash: string, now: Date = new Date()): Promise<void> {
  await db.updateTable('session').set({ reauthenticated_at: now.toISOString() }).where('id_hash', '=', idHash).execute()
}
