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
 * Object keys in code-unit order at every depth. PostgreSQL's jsonb hands `details`
 * back with its keys reordered, so the text that is hashed cannot depend on the order
 * in which a caller wrote them.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The event as JSON with sorted keys and every column present (absent values as null).
 * Fields are named one by one rather than spread so that a column added to the table
 * type fails to compile here until it is deliberately hashed, and so that the verifier
 * can pass a whole stored row without its hashes leaking into the content.
 */
export function canonicalContent(event: AuditEventContent): string {
  const content: Record<keyof AuditEventContent, unknown> = {
    sequence: event.sequence,
    id: event.id,
    occurred_at: event.occurred_at,
    user_id: event.user_id,
    organisation_id: event.organisation_id,
    person_id: event.person_id,
    record_type: event.record_type,
    record_id: event.record_id,
    action: event.action,
    purpose: event.purpose,
    route: event.route,
    request_id: event.request_id,
    outcome: event.outcome,
    details: event.details,
  }
  return JSON.stringify(content, sortedKeys)
}

export function chainHash(previousHash: string, event: AuditEventContent): string {
  return createHash('sha256').update(previousHash).update(canonicalContent(event)).digest('hex')
}
