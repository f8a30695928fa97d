import { sql } from 'kysely'
import type { Dialect, Tx } from '../db/database.ts'
import { newId } from '../db/ids.ts'
import type { AuditEventRow } from '../db/schema.ts'
import { jsonValue } from '../db/values.ts'
import { chainHash, genesisHash, type AuditEventContent } from './chain.ts'

export type AuditOutcome = AuditEventRow['outcome']

/** One access to, or change of, person-level data: who, for which organisation, what, why and how it went. */
export interface AuditEntry {
  /** An audit event name (events.ts) or the name of the command that ran. */
  action: string
  outcome: AuditOutcome
  userId?: string
  organisationId?: string
  personId?: string
  recordType?: string
  recordId?: string
  purpose?: string
  route?: string
  requestId?: string
  /** Ids, codes and counts only: the trail must not become a second copy of personal data. */
  details?: Record<string, unknown>
}

/**
 * The PostgreSQL advisory lock that queues appends (the bytes of "audit"). Any constant
 * works as long as nothing else in the database takes the same one.
 */
const chainLock = 418_581_342_580

/** PostgreSQL's uuid type gives ids back in lower case; storing them so keeps the hashed text equal to the stored text. */
function storedId(id: string | undefined): string | null {
  return id === undefined ? null : id.toLowerCase()
}

/**
 * Appends one event to the audit trail inside the caller's transaction, so the event
 * commits or rolls back with the work it describes.
 *
 * The chain must never fork, so appends queue: PostgreSQL takes a transaction-scoped
 * advisory lock before reading the last event (held until commit); SQLite transactions
 * begin IMMEDIATE (sqlite-driver.ts) and already hold the write lock. The writer numbers
 * the event itself (last sequence + 1) rather than leaving it to the identity column:
 * rolled-back appends then leave no gap for the verifier to mistake for a deletion, and
 * the primary key refuses a second event with the same predecessor even if a caller
 * ever bypassed the lock. Because the lock is held until commit, call this as the last
 * statement of the transaction.
 */
export async function recordAudit(tx: Tx, dialect: Dialect, entry: AuditEntry): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${chainLock})`.execute(tx)
  const last = await tx.selectFrom('audit_event').select(['sequence', 'hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst()
  const event: AuditEventContent = {
    sequence: (last?.sequence ?? 0) + 1,
    id: newId(),
    occurred_at: new Date().toISOString(),
    user_id: storedId(entry.userId),
    organisation_id: storedId(entry.organisationId),
    person_id: storedId(entry.personId),
    record_type: entry.recordType ?? null,
    record_id: entry.recordId ?? null,
    action: entry.action,
    purpose: entry.purpose ?? null,
    route: entry.route ?? null,
    request_id: entry.requestId ?? null,
    outcome: entry.outcome,
    details: entry.details ?? null,
  }
  const previousHash = last?.hash ?? genesisHash
  await append(tx, dialect, { ...event, previous_hash: previousHash, hash: chainHash(previousHash, event) })
}

/**
 * The insert, written out because the table types leave `sequence` to the database and
 * PostgreSQL accepts an explicit value for an identity column only when told to override it.
 */
async function append(tx: Tx, dialect: Dialect, row: AuditEventRow): Promise<void> {
  const columns = Object.keys(row) as Array<keyof AuditEventRow>
  // A SQL null, not the JSON text "null", when there are no details.
  const values = columns.map((column) => (column === 'details' ? (row.details === null ? null : jsonValue(row.details)) : row[column]))
  const override = dialect === 'postgres' ? sql`overriding system value` : sql``
  await sql`insert into audit_event (${sql.join(columns.map((column) => sql.ref(column)))}) ${override} values (${sql.join(values)})`.execute(tx)
}
