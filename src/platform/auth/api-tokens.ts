import type { Db } from '../db/database.ts'
import { newId } from '../db/ids.ts'
import { hashToken, randomToken } from './sessions.ts'

/** Tokens are recognisable in logs and secret scanners by their prefix; the rest is 32 random bytes. */
const tokenPrefix = 'pwt_'
/** last_used_at is written at most this often, so an API client's every call is not a write. */
const touchIntervalMs = 60_000

export interface IssuedApiToken {
  id: string
  /** Shown once; only its hash is stored. */
  token: string
  expiresAt: string
}

export async function issueApiToken(db: Db, options: { userId: string; name: string; expiresAt: Date }): Promise<IssuedApiToken> {
  const token = `${tokenPrefix}${randomToken()}`
  const id = newId()
  const expiresAt = options.expiresAt.toISOString()
  await db.insertInto('api_token').values({ id, user_id: options.userId, name: options.name, token_hash: hashToken(token), expires_at: expiresAt }).execute()
  return { id, token, expiresAt }
}

/** The user a bearer token acts for, when the token is known, unexpired and not revoked. */
export async function userForApiToken(db: Db, token: string, now: Date = new Date()): Promise<string | null> {
  if (!token.startsWith(tokenPrefix)) return null
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.revoked_at !== null || Date.parse(row.expires_at) <= now.getTime()) return null
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > touchIntervalMs) {
    await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute()
  }
  return row.user_id
}

export async function revokeApiToken(db: Db, tokenId: string, userId?: string): Promise<boolean> {
  let query = db.updateTable('api_token').set({ revoked_at: new Date().toISOString() }).where('id', '=', tokenId).where('revoked_at', 'is', null)
  if (userId !== undefined) query = query.where('user_id', '=', userId)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export interface ApiTokenListing {
  id: string
  name: string
  created_at: string
  expires_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export function listApiTokens(db: Db, userId: string): Promise<ApiTokenListing[]> {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
}

/** "90d", "12h" or "30m" → milliseconds; null for anything else. */
export function parseLifetime(text: string): number | null {
  const match = /^(\d{1,4})([dhm])$/.exec(text.trim())
  if (!match) return null
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm']
  return Number(match[1]) * unit
}
