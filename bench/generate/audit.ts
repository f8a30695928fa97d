import { CompiledQuery } from 'kysely'
import { chainHash, genesisHash, type AuditEventContent } from '../../src/platform/audit/chain.ts'
import type { Dialect, Tx } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'

/*
 * The audit trail of the generated records, chained exactly as recordAudit chains it (so
 * `pathways audit verify` passes), written many rows per statement. Events are numbered in
 * the order they are written, a batch of people at a time, each batch in time order.
 */

export interface AuditLine {
  at: string
  action: string
  userId: string | null
  organisationId: string | null
  personId: string
  recordType: string | null
  recordId: string | null
}

/** What the app audits when it writes each kind of timeline event. */
const actionOfTimelineKind: Readonly<Record<string, string>> = {
  'contact.recorded': 'contact.create',
  'contact.outcome_recorded': 'contact.outcome',
  'case_note.added': 'case-note.create',
  'case_note.amended': 'case-note.amend',
  'risk_plan.version_added': 'risk-plan.create',
  'outcome.measured': 'outcome.record',
  'formulation.version_added': 'formulation.create',
  'plan.created': 'plan.change',
  'plan.changed': 'plan.change',
  'case.tier_started': 'case.tier.record',
  'case.closed': 'case.close',
  'case.transferred': 'case.close',
}

export function auditActionOf(timelineKind: string): string {
  return timelineKind.startsWith('referral.') ? 'referral.transition' : (actionOfTimelineKind[timelineKind] ?? 'person.change')
}

const columns = ['sequence', 'id', 'occurred_at', 'user_id', 'organisation_id', 'person_id', 'record_type', 'record_id', 'action', 'purpose', 'route', 'request_id', 'outcome', 'details', 'previous_hash', 'hash'] as const
const rowsPerStatement = 250

export class AuditChainWriter {
  private readonly statements = new Map<number, string>()

  constructor(private readonly dialect: Dialect) {}

  /** The INSERT of `count` events, written out: PostgreSQL takes a value for an identity column only when told to override it. */
  private statement(count: number): string {
    const cached = this.statements.get(count)
    if (cached) return cached
    const tuples = Array.from({ length: count }, (_, row) => `(${columns.map((_column, index) => (this.dialect === 'postgres' ? `$${row * columns.length + index + 1}` : '?')).join(', ')})`)
    const text = `insert into audit_event (${columns.join(', ')}) ${this.dialect === 'postgres' ? 'overriding system value ' : ''}values ${tuples.join(', ')}`
    this.statements.set(count, text)
    return text
  }

  /** Appends the lines, oldest first, after the last event already written. Returns how many. */
  async append(tx: Tx, lines: AuditLine[]): Promise<number> {
    const last = await tx.selectFrom('audit_event').select(['sequence', 'hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst()
    let sequence = last?.sequence ?? 0
    let hash = last?.hash ?? genesisHash
    const ordered = [...lines].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    for (let start = 0; start < ordered.length; start += rowsPerStatement) {
      const slice = ordered.slice(start, start + rowsPerStatement)
      const values = slice.flatMap((line) => {
        const event: AuditEventContent = {
          sequence: (sequence += 1),
          id: newId(),
          occurred_at: line.at,
          user_id: line.userId,
          organisation_id: line.organisationId,
          person_id: line.personId,
          record_type: line.recordType,
          record_id: line.recordId,
          action: line.action,
          purpose: 'direct_care',
          route: null,
          request_id: null,
          outcome: 'allowed',
          details: null,
        }
        const previousHash = hash
        hash = chainHash(previousHash, event)
        const row = { ...event, previous_hash: previousHash, hash }
        return columns.map((column) => row[column])
      })
      await tx.executeQuery(CompiledQuery.raw(this.statement(slice.length), values))
    }
    return ordered.length
  }
}
