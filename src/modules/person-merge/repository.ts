import { sql } from 'kysely'
import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Dialect, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { IdentifierKind } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { personLinkedTables, type MergeCandidate, type MovedRows, type PersonLinkedTable } from './rules.ts'

export interface MergeablePerson extends MergeCandidate {
  given_name: string
  family_name: string
  date_of_birth: string
  sex: string | null
}

/** The person, if the caller's scope reaches them (inside the SQL); merged records too, so the rules can name the problem. */
export function findVisiblePerson(tx: Tx, scope: Scope, personId: string): Promise<MergeablePerson | undefined> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth', 'person.sex', 'person.is_restricted', 'person.merged_into_id'])
    .where('person.id', '=', personId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

/**
 * Both records of a merge as they are now, read again under a row lock on PostgreSQL (in id
 * order, so two merges of the same pair queue instead of deadlocking); SQLite transactions
 * already hold the write lock. The caller has checked the scope.
 */
export function lockPeople(tx: Tx, dialect: Dialect, personIds: readonly string[]): Promise<MergeCandidate[]> {
  return tx
    .selectFrom('person')
    .select(['id', 'merged_into_id', 'is_restricted'])
    .where('id', 'in', personIds)
    .orderBy('id')
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .execute()
}

export interface RecordSummary {
  identifiers: Array<{ kind: IdentifierKind; value: string }>
  aliases: Array<{ given_name: string; family_name: string }>
  /** Rows that a merge would move, by table. */
  counts: Record<PersonLinkedTable, number>
}

/** What the confirmation page shows of each record: current identifiers and other names, and how many rows each linked table holds. */
export async function summarise(tx: Tx, personId: string): Promise<RecordSummary> {
  const identifiers = await tx.selectFrom('person_identifier').select(['kind', 'value']).where('person_id', '=', personId).where('ended_at', 'is', null).orderBy('kind').orderBy('value').execute()
  const aliases = await tx.selectFrom('person_alias').select(['given_name', 'family_name']).where('person_id', '=', personId).where('removed_at', 'is', null).orderBy('family_name').orderBy('given_name').execute()
  const counts = {} as Record<PersonLinkedTable, number>
  for (const table of personLinkedTables) {
    const row = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)} where person_id = ${personId}`.execute(tx)
    counts[table] = Number(row.rows[0]?.count ?? 0)
  }
  return { identifiers, aliases, counts }
}

function changeRow(personId: string, userId: string, now: string, changes: Record<string, unknown>) {
  return { id: newId(), person_id: personId, section: 'merge', changes: jsonValue(changes), changed_at: now, changed_by: userId }
}

export interface NewMerge {
  survivorId: string
  duplicateId: string
  userId: string
  reason: string
  now: string
}

/**
 * Re-points every person-linked row of the duplicate to the survivor, records which rows
 * moved, marks the duplicate as merged and notes the merge in both records' history. The
 * caller has checked scope and rules, and writes the audit row after.
 */
export async function mergePeople(tx: Tx, merge: NewMerge): Promise<{ mergeId: string; moved: MovedRows }> {
  const moved: MovedRows = {}
  for (const table of personLinkedTables) {
    const rows = await sql<{ id: string }>`update ${sql.table(table)} set person_id = ${merge.survivorId} where person_id = ${merge.duplicateId} returning id`.execute(tx)
    moved[table] = rows.rows.map((row) => row.id).sort()
  }
  const mergeId = newId()
  await tx
    .insertInto('person_merge')
    .values({ id: mergeId, survivor_id: merge.survivorId, merged_id: merge.duplicateId, merged_by: merge.userId, merged_at: merge.now, reason: merge.reason, moved_rows: jsonValue(moved) })
    .execute()
  await tx
    .updateTable('person')
    .set((eb) => ({ merged_into_id: merge.survivorId, version: eb('version', '+', 1), updated_at: merge.now }))
    .where('id', '=', merge.duplicateId)
    .execute()
  // Written after the move, so each record keeps its own note of the merge.
  await tx
    .insertInto('person_change')
    .values([
      changeRow(merge.survivorId, merge.userId, merge.now, { merged: { personId: merge.duplicateId, mergeId } }),
      changeRow(merge.duplicateId, merge.userId, merge.now, { mergedInto: { personId: merge.survivorId, mergeId } }),
    ])
    .execute()
  return { mergeId, moved }
}

export interface MergeHistoryEntry {
  id: string
  merged_id: string
  merged_given_name: string
  merged_family_name: string
  merged_at: string
  merged_by_name: string
  reason: string
  reversed_at: string | null
  reversed_by_name: string | null
  moved_rows: MovedRows
}

/** The merges into the survivor, newest first, with the names of the merged records and of the staff who merged and reversed them. */
export function mergesInto(tx: Tx, survivorId: string): Promise<MergeHistoryEntry[]> {
  return tx
    .selectFrom('person_merge')
    .innerJoin('person as merged', 'merged.id', 'person_merge.merged_id')
    .innerJoin('staff_user as merger', 'merger.id', 'person_merge.merged_by')
    .leftJoin('staff_user as reverser', 'reverser.id', 'person_merge.reversed_by')
    .select([
      'person_merge.id',
      'person_merge.merged_id',
      'merged.given_name as merged_given_name',
      'merged.family_name as merged_family_name',
      'person_merge.merged_at',
      'merger.display_name as merged_by_name',
      'person_merge.reason',
      'person_merge.reversed_at',
      'reverser.display_name as reversed_by_name',
      'person_merge.moved_rows',
    ])
    .where('person_merge.survivor_id', '=', survivorId)
    .orderBy('person_merge.merged_at', 'desc')
    .orderBy('person_merge.id', 'desc')
    .execute()
}

export interface StoredMerge {
  id: string
  survivor_id: string
  merged_id: string
  merged_at: string
  reversed_at: string | null
  moved_rows: MovedRows
}

/** One merge into the survivor, locked on PostgreSQL so that two reversals queue. */
export function findMerge(tx: Tx, dialect: Dialect, survivorId: string, mergeId: string): Promise<StoredMerge | undefined> {
  return tx
    .selectFrom('person_merge')
    .select(['id', 'survivor_id', 'merged_id', 'merged_at', 'reversed_at', 'moved_rows'])
    .where('id', '=', mergeId)
    .where('survivor_id', '=', survivorId)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst()
}

/** Ids per statement: well under both dialects' limits on bound parameters. */
const idsPerStatement = 500

function chunks(ids: readonly string[]): string[][] {
  return Array.from({ length: Math.ceil(ids.length / idsPerStatement) }, (_, index) => ids.slice(index * idsPerStatement, (index + 1) * idsPerStatement))
}

/** Whether every row the merge moved still belongs to the survivor (nothing has passed them on since). */
export async function movedRowsStillWithSurvivor(tx: Tx, merge: StoredMerge): Promise<boolean> {
  for (const table of personLinkedTables) {
    for (const chunk of chunks(merge.moved_rows[table] ?? [])) {
      const found = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)} where person_id = ${merge.survivor_id} and id in (${sql.join(chunk)})`.execute(tx)
      if (Number(found.rows[0]?.count ?? 0) !== chunk.length) return false
    }
  }
  return true
}

/**
 * Moves back exactly the rows the merge moved (the caller has checked they are all still
 * the survivor's) and makes the merged record a record of its own again, noting the
 * reversal in both records' history.
 */
export async function reverseMerge(tx: Tx, merge: StoredMerge, userId: string, now: string): Promise<void> {
  for (const table of personLinkedTables) {
    for (const chunk of chunks(merge.moved_rows[table] ?? [])) {
      await sql`update ${sql.table(table)} set person_id = ${merge.merged_id} where id in (${sql.join(chunk)})`.execute(tx)
    }
  }
  await tx
    .updateTable('person')
    .set((eb) => ({ merged_into_id: null, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', merge.merged_id)
    .execute()
  await tx.updateTable('person_merge').set({ reversed_at: now, reversed_by: userId }).where('id', '=', merge.id).execute()
  await tx
    .insertInto('person_change')
    .values([
      changeRow(merge.survivor_id, userId, now, { mergeReversed: { personId: merge.merged_id, mergeId: merge.id } }),
      changeRow(merge.merged_id, userId, now, { mergeReversed: { personId: merge.survivor_id, mergeId: merge.id } }),
    ])
    .execute()
}
