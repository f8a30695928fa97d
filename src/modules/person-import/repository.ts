import type { Db, Tx } from '../../platform/db/database.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { RejectedRow } from './import-people.ts'

/** The teams a user belongs to, by name: the choice of who will hold the imported people. */
export function teamsOf(db: Db, teamIds: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  if (teamIds.length === 0) return Promise.resolve([])
  return db.selectFrom('team').select(['id', 'name']).where('id', 'in', teamIds).orderBy('name').execute()
}

export interface ImportRecord {
  id: string
  requestedBy: string
  teamId: string
  status: 'imported' | 'rejected'
  checksum: string
  columns: string[]
  rows: number
  imported: number
  rejected: number
}

export async function recordImport(tx: Tx, record: ImportRecord): Promise<void> {
  await tx
    .insertInto('person_import')
    .values({
      id: record.id,
      requested_by: record.requestedBy,
      team_id: record.teamId,
      status: record.status,
      file_checksum: record.checksum,
      columns: jsonValue(record.columns),
      row_count: record.rows,
      imported_count: record.imported,
      rejected_count: record.rejected,
    })
    .execute()
}

const rowsPerInsert = 500

export async function recordRejections(tx: Tx, importId: string, rows: readonly RejectedRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await tx
      .insertInto('person_import_rejection')
      .values(rows.slice(start, start + rowsPerInsert).map((row) => ({ import_id: importId, row_number: row.row, cells: jsonValue(row.cells), problems: jsonValue(row.problems) })))
      .execute()
  }
}

/** Rejected rows are what someone typed about people: kept for a week for the uploader to fix them, then deleted. */
export const rejectionsKeptDays = 7

export async function deleteOldRejections(tx: Tx, now: Date): Promise<void> {
  const before = new Date(now.getTime() - rejectionsKeptDays * 86_400_000).toISOString()
  await tx.deleteFrom('person_import_rejection').where('import_id', 'in', tx.selectFrom('person_import').select('id').where('created_at', '<', before)).execute()
}

export interface ImportSummary {
  id: string
  status: 'imported' | 'rejected'
  team_name: string
  columns: string[]
  row_count: number
  imported_count: number
  rejected_count: number
  created_at: string
}

/** An import, only for the user who ran it: anyone else's is not found. */
export function findOwnImport(db: Db, userId: string, importId: string): Promise<ImportSummary | undefined> {
  return db
    .selectFrom('person_import')
    .innerJoin('team', 'team.id', 'person_import.team_id')
    .select(['person_import.id', 'person_import.status', 'team.name as team_name', 'person_import.columns', 'person_import.row_count', 'person_import.imported_count', 'person_import.rejected_count', 'person_import.created_at'])
    .where('person_import.id', '=', importId)
    .where('person_import.requested_by', '=', userId)
    .executeTakeFirst()
}

export interface StoredRejection {
  row_number: number
  cells: string[]
  problems: RejectedRow['problems']
}

export function rejectionsPage(db: Db, importId: string, options: { limit: number; offset: number }): Promise<StoredRejection[]> {
  return db
    .selectFrom('person_import_rejection')
    .select(['row_number', 'cells', 'problems'])
    .where('import_id', '=', importId)
    .orderBy('row_number')
    .limit(options.limit)
    .offset(options.offset)
    .execute()
}

/** Every rejected row of an import in file order, a page of rows per query, for the download. */
export async function* eachRejection(db: Db, importId: string): AsyncGenerator<StoredRejection> {
  let after = 0
  for (;;) {
    const rows = await db.selectFrom('person_import_rejection').select(['row_number', 'cells', 'problems']).where('import_id', '=', importId).where('row_number', '>', after).orderBy('row_number').limit(rowsPerInsert).execute()
    yield* rows
    const last = rows.at(-1)
    if (!last || rows.length < rowsPerInsert) return
    after = last.row_number
  }
}
