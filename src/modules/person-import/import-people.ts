import { createHash } from 'node:crypto'
import type { Scope } from '../../platform/auth/scope.ts'
import { inTransaction, type Db, type Tx } from '../../platform/db/database.ts'
import { insertPersonRecords, readPersonFields, type NewPersonRecord } from '../people/index.ts'
import { findPossibleMatchesForMany, foldName, type MatchCandidate } from '../person-matching/index.ts'
import { NotUtf8Error, readCsv, type CsvRecord, type CsvRecordProblem } from './csv-reader.ts'
import { FileDuplicates, isBlankRow, readHeader, rowFields, rowProblem, type FileProblem, type RowProblem } from './rules.ts'

/*
 * The cohort import, shared by the upload page and `pathways import people`: two passes
 * over the file. The first reads and checks every row and looks for duplicates (in the
 * file and among existing records), writing nothing; only when no row was rejected does
 * the second read the file again and insert everyone in one transaction. Neither pass
 * holds more than a batch of rows, so a file of any length is read in bounded memory.
 */

/** The file: `open()` gives its bytes from the start, once per pass. */
export interface ImportSource {
  open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>
}

export interface RejectedRow {
  row: number
  cells: string[]
  problems: RowProblem[]
}

export type ImportProgress = { phase: 'validating'; rows: number; bytes: number } | { phase: 'inserting'; rows: number; of: number }

export interface CheckedFile {
  ok: true
  /** The file's column names, in its order. */
  columns: string[]
  /** Rows of people (blank lines not counted). */
  rows: number
  rejected: number
  /** SHA-256 of the file's bytes: names the file in the audit trail without copying its contents. */
  checksum: string
  /** The day dates of birth were checked against, so the second pass reads every row the same way. */
  today: string
}

export type FileCheck = CheckedFile | { ok: false; problem: FileProblem }

/** Rows looked up together: one round of duplicate-detection queries, one multi-row insert. */
export const rowsPerBatch = 500

const csvProblems: Record<CsvRecordProblem, string> = { strayQuote: 'strayQuote', unterminatedQuote: 'unterminatedQuote', tooLong: 'rowTooLong' }

/** The file's bytes, hashed on the way through. */
async function* hashed(source: ImportSource, hash: ReturnType<typeof createHash>, onBytes: (count: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source.open()) {
    hash.update(chunk)
    onBytes(chunk.byteLength)
    yield chunk
  }
}

interface ReadRow {
  row: number
  cells: string[]
  result: { ok: true; record: NewPersonRecord } | { ok: false; problems: RowProblem[] }
}

/** The data rows of the file, each read by the people module, after a header that names known columns. */
async function* readRows(records: AsyncIterable<CsvRecord>, onHeader: (header: ReturnType<typeof readHeader>) => void, today: string): AsyncGenerator<ReadRow> {
  let columns: string[] | null = null
  for await (const record of records) {
    if (columns === null) {
      const header = readHeader(record.cells)
      onHeader(header)
      if (!header.ok) return
      columns = header.columns
      continue
    }
    if (isBlankRow(record.cells)) continue
    if (record.problem !== null) {
      yield { row: record.row, cells: record.cells, result: { ok: false, problems: [rowProblem('row', csvProblems[record.problem])] } }
      continue
    }
    const fields = rowFields(columns, record.cells)
    if (!fields.ok) {
      yield { row: record.row, cells: record.cells, result: { ok: false, problems: [fields.problem] } }
      continue
    }
    const reading = readPersonFields(fields.fields, { today })
    yield { row: record.row, cells: record.cells, result: reading.ok ? { ok: true, record: reading.value } : { ok: false, problems: reading.errors } }
  }
}

const candidateOf = (record: NewPersonRecord): MatchCandidate => ({ givenName: record.givenName, familyName: record.familyName, dateOfBirth: record.dateOfBirth, identifiers: record.identifiers })

/**
 * First pass: reads every row, reports each rejected one through `onRejected` in file
 * order, and writes nothing. A row is rejected when the people module refuses a value,
 * when it repeats an identifier (or a name and date of birth) of an earlier row, or when
 * it possibly matches someone already recorded, in the caller's scope or elsewhere.
 */
export async function checkFile(
  db: Db,
  scope: Scope,
  source: ImportSource,
  options: { onRejected: (row: RejectedRow) => void | Promise<void>; onProgress?: (progress: ImportProgress) => void; today?: string },
): Promise<FileCheck> {
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  const hash = createHash('sha256')
  let bytes = 0
  const file: { header: ReturnType<typeof readHeader> | null } = { header: null }
  let rows = 0
  let rejected = 0
  const duplicates = new FileDuplicates()
  let batch: ReadRow[] = []
  let readableInBatch = 0

  // Rows wait in `batch` until enough have read well to look them up together, and leave in file order.
  const flush = async () => {
    const readable = batch.flatMap((row) => (row.result.ok ? [{ row: row.row, candidate: candidateOf(row.result.record) }] : []))
    const matches = readable.length === 0 ? [] : await inTransaction(db, (tx) => findPossibleMatchesForMany(tx, scope, readable.map((row) => row.candidate)))
    const matchOf = new Map(readable.map((row, index) => [row.row, matches[index]]))
    for (const row of batch) {
      const match = matchOf.get(row.row)
      const problems = !row.result.ok
        ? row.result.problems
        : match?.inScope.length
          ? [rowProblem('row', 'possibleDuplicate')]
          : match?.elsewhere
            ? [rowProblem('row', 'possibleDuplicateElsewhere')]
            : []
      if (problems.length === 0) continue
      rejected += 1
      await options.onRejected({ row: row.row, cells: row.cells, problems })
    }
    batch = []
    readableInBatch = 0
    options.onProgress?.({ phase: 'validating', rows, bytes })
  }

  try {
    const records = readCsv(hashed(source, hash, (count) => (bytes += count)))
    for await (const row of readRows(records, (read) => (file.header = read), today)) {
      rows += 1
      if (row.result.ok) {
        const { record } = row.result
        const inFile = duplicates.check(row.row, { foldedName: foldName(record.givenName + record.familyName), dateOfBirth: record.dateOfBirth, identifiers: record.identifiers })
        if (inFile.length > 0) row.result = { ok: false, problems: inFile }
      }
      batch.push(row)
      if (row.result.ok) readableInBatch += 1
      // A file of mostly bad rows is reported in batches too, so memory stays bounded.
      if (readableInBatch >= rowsPerBatch || batch.length >= 4 * rowsPerBatch) await flush()
    }
    await flush()
  } catch (error) {
    if (error instanceof NotUtf8Error) return { ok: false, problem: { key: 'personImport.fileProblems.notUtf8' } }
    throw error
  }
  const { header } = file
  if (header === null) return { ok: false, problem: { key: 'personImport.fileProblems.empty' } }
  if (!header.ok) return { ok: false, problem: header.problem }
  if (rows === 0) return { ok: false, problem: { key: 'personImport.fileProblems.noRows' } }
  return { ok: true, columns: header.columns, rows, rejected, checksum: hash.digest('hex'), today }
}

/** The file changed between the two passes: nothing is imported. */
export class FileChangedError extends Error {
  override name = 'FileChangedError'
}

/**
 * Second pass, for a file whose check rejected nothing: reads the rows again and inserts
 * them all, with an open involvement with `teamId` each, in ONE transaction that
 * `finish` closes (it writes the import's own record and its audit row, last). A file
 * that is no longer the one checked (another checksum) rolls everything back.
 */
export async function insertPeople(
  db: Db,
  source: ImportSource,
  checked: CheckedFile,
  options: { actorUserId: string; teamId: string; onProgress?: (progress: ImportProgress) => void; finish: (tx: Tx, imported: number) => Promise<void> },
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const hash = createHash('sha256')
    let inserted = 0
    let batch: NewPersonRecord[] = []
    const insertBatch = async () => {
      if (batch.length === 0) return
      await insertPersonRecords(tx, options.actorUserId, batch, options.teamId)
      inserted += batch.length
      batch = []
      options.onProgress?.({ phase: 'inserting', rows: inserted, of: checked.rows })
    }
    for await (const row of readRows(readCsv(hashed(source, hash, () => undefined)), () => undefined, checked.today)) {
      if (!row.result.ok) throw new FileChangedError('a row that was checked no longer reads')
      batch.push(row.result.record)
      if (batch.length >= rowsPerBatch) await insertBatch()
    }
    await insertBatch()
    if (hash.digest('hex') !== checked.checksum || inserted !== checked.rows) throw new FileChangedError('the file is not the one that was checked')
    await options.finish(tx, inserted)
    return inserted
  })
}
