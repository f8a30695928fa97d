import type { Db } from '../db/database.ts'
import type { AuditEventRow } from '../db/schema.ts'
import { chainHash, genesisHash } from './chain.ts'

export interface BrokenAuditEvent {
  sequence: number
  id: string
  problem: string
}

/** `rows` counts the events found intact: all of them, or those before the first broken one. */
export type AuditChainReport = { ok: true; rows: number } | { ok: false; rows: number; firstBroken: BrokenAuditEvent }

export interface VerifyOptions {
  /** Events read per query; the trail can hold millions, so it is never read whole. */
  pageSize?: number
}

type Link = Pick<AuditEventRow, 'sequence' | 'hash'>

const chainStart: Link = { sequence: 0, hash: genesisHash }

/** What is wrong with `event` given the intact event before it, or undefined when it is intact. */
function problemWith(event: AuditEventRow, previous: Link): string | undefined {
  const expected = previous.sequence + 1
  if (event.sequence !== expected) {
    return event.sequence === expected + 1 ? `sequence ${expected} missing` : `sequences ${expected} to ${event.sequence - 1} missing`
  }
  if (event.previous_hash !== previous.hash) {
    return previous === chainStart ? 'previous_hash is not the start of the chain' : `previous_hash does not match row ${previous.sequence}`
  }
  if (event.hash !== chainHash(event.previous_hash, event)) return 'hash does not match content'
  return undefined
}

/**
 * Walks the audit trail in sequence order, recomputing every hash and link, and names
 * the first event that was changed, or that follows a removed one. Appends during the
 * walk are harmless: they only ever add to the end.
 */
export async function verifyAuditChain(db: Db, { pageSize = 5000 }: VerifyOptions = {}): Promise<AuditChainReport> {
  let previous = chainStart
  let rows = 0
  for (;;) {
    const page = await db.selectFrom('audit_event').selectAll().where('sequence', '>', previous.sequence).orderBy('sequence').limit(pageSize).execute()
    for (const event of page) {
      const problem = problemWith(event, previous)
      if (problem) return { ok: false, rows, firstBroken: { sequence: event.sequence, id: event.id, problem } }
      rows += 1
      previous = event
    }
    if (page.length < pageSize) return { ok: true, rows }
  }
}
