import { createHash } from 'node:crypto'
import type { AuditEventRow } from '../db/schema.ts'

/**
 * The hash chain of the audit trail, defined once for the writer and the verifier:
 * each event's hash is SHA-256 over the previous event's hash followed by the event's
 * own content in canonical form, so changing, removing or reordering any stored event
 * breaks every link after it.
 */

/** The previous_hash of the first event: nothing comes before it. */
export const genesisHash = '0'.repeat(64)

/** What an event's hash covers: every column except the two hashes themselves. */
export type AuditEventContent = Omit<AuditEventRow, 'previous_hash' | 'hash'>

/**
 * A JSON value with object keys in code-unit order at every depth. PostgreSQL's jsonb
 * hands `details` back with its keys reordered, so the text that is hashed cannot depend on
 * the order in which a caller wrote them. (A value with toJSON, such as a Date, is hashed
 * as JSON.stringify writes it.)
 */
function sortedDeep(value: unknown): unknown {
  const plain = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value
  if (plain === null || typeof plain !== 'object') return plain
  if (Array.isArray(plain)) return plain.map(sortedDeep)
  return Object.fromEntries(
    Object.entries(plain)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, sortedDeep(inner)]),
  )
}

/**
 * The event as JSON with sorted keys and every column present (absent values as null).
 * Fields are named one by one rather than spread so that a column added to the table
 * type fails to compile here until it is deliberately hashed, and so that the verifier
 * can pass a whole stored row without its hashes leaking into the content. They are
 * written in code-unit order, so only `details` needs sorting (every request hashes one
 * event: this stays cheap).
 */
export function canonicalContent(event: AuditEventContent): string {
  const content: Record<keyof AuditEventContent, unknown> = {
    action: event.action,
    details: sortedDeep(event.details),
    id: event.id,
    occurred_at: event.occurred_at,
    organisation_id: event.organisation_id,
    outcome: event.outcome,
    person_id: event.person_id,
    purpose: event.purpose,
    record_id: event.record_id,
    record_type: event.record_type,
    request_id: event.request_id,
    route: event.route,
    sequence: event.sequence,
    user_id: event.user_id,
  }
  return JSON.stringify(content)
}

export function chainHash(previousHash: string, event: AuditEventContent): string {
  return createHash('sha256').update(previousHash).update(canonicalContent(event)).digest('hex')
}
