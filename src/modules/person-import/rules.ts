/*
 * Pure rules of the cohort import: which columns a file may have, how a row becomes the
 * typed fields the people module reads, which rows of one file are the same person, and
 * how a problem is put into words. No I/O.
 */

/** The columns a file may have, in the order the documentation lists them; the people module reads each. */
export const importColumns = [
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'gender_identity',
  'pronouns',
  'nhs_number',
  'pnc_id',
  'prison_number',
  'crn',
  'preferred_language',
  'interpreter_needed',
  'communication_needs',
  'reasonable_adjustments',
  'location_kind',
  'location_establishment',
  'location_area',
] as const

export const requiredColumns = ['given_name', 'family_name', 'date_of_birth'] as const

/** A problem with a row: the column it concerns (or `row`), a content key, and the values the wording needs. */
export interface RowProblem {
  field: string
  key: string
  params?: Record<string, string | number>
}

/** A problem with the whole file: nothing in it can be read as people. */
export interface FileProblem {
  key: string
  params?: Record<string, string | number>
}

const fileProblem = (name: string, params?: Record<string, string | number>): FileProblem => ({ key: `personImport.fileProblems.${name}`, ...(params ? { params } : {}) })
export const rowProblem = (field: string, name: string, params?: Record<string, string | number>): RowProblem => ({ field, key: `personImport.problems.${name}`, ...(params ? { params } : {}) })

/** Column names as the header row has them: trimmed and in lower case, so "Given_Name " is given_name. */
export function readHeader(cells: readonly string[]): { ok: true; columns: string[] } | { ok: false; problem: FileProblem } {
  const columns = cells.map((cell) => cell.trim().toLowerCase())
  const known: readonly string[] = importColumns
  const unknown = columns.filter((column) => !known.includes(column))
  if (unknown.length > 0) return { ok: false, problem: fileProblem('unknownColumns', { columns: unknown.map((column) => column || '(blank)').join(', ') }) }
  const repeated = [...new Set(columns.filter((column, index) => columns.indexOf(column) !== index))]
  if (repeated.length > 0) return { ok: false, problem: fileProblem('repeatedColumns', { columns: repeated.join(', ') }) }
  const missing = requiredColumns.filter((column) => !columns.includes(column))
  if (missing.length > 0) return { ok: false, problem: fileProblem('missingColumns', { columns: missing.join(', ') }) }
  return { ok: true, columns }
}

/** A line with nothing on it (often the last one a spreadsheet writes): skipped, not a person. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/** The row's cells by column, or the problem when the row does not have one cell per column. */
export function rowFields(columns: readonly string[], cells: readonly string[]): { ok: true; fields: Record<string, string> } | { ok: false; problem: RowProblem } {
  if (cells.length !== columns.length) return { ok: false, problem: rowProblem('row', 'cellCount', { found: cells.length, expected: columns.length }) }
  return { ok: true, fields: Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? ''])) }
}

/** What a row says about who it is, once read: enough to spot the same person twice in one file. */
export interface RowIdentity {
  /** The name folded as duplicate detection folds it (person-matching foldName). */
  foldedName: string
  dateOfBirth: string
  identifiers: readonly { kind: string; value: string }[]
}

/**
 * Remembers the rows of one file already read, to refuse a later row with the same
 * identifier (one identifier is one person) or the same name and date of birth. Holds
 * two short keys per row: bounded by the file's length, not by its width.
 */
export class FileDuplicates {
  private readonly firstRowOf = new Map<string, number>()

  check(row: number, identity: RowIdentity): RowProblem[] {
    const problems: RowProblem[] = []
    for (const { kind, value } of identity.identifiers) {
      const earlier = this.remember(`${kind}:${value}`, row)
      if (earlier !== null) problems.push(rowProblem(kind, 'sameIdentifierInFile', { row: earlier }))
    }
    const earlier = this.remember(`person:${identity.foldedName}:${identity.dateOfBirth}`, row)
    if (earlier !== null && problems.length === 0) problems.push(rowProblem('row', 'samePersonInFile', { row: earlier }))
    return problems
  }

  /** The row that first had `key`, or null (and the key is now this row's). */
  private remember(key: string, row: number): number | null {
    const earlier = this.firstRowOf.get(key)
    if (earlier !== undefined) return earlier
    this.firstRowOf.set(key, row)
    return null
  }
}

/** What turns content keys into words; given by the caller so this stays pure. */
export interface Wording {
  t(key: string, params?: Record<string, string | number>): string
}

/** One problem in words, naming the column it concerns: "nhs_number: NHS number must be 10 digits". */
export function problemInWords(problem: RowProblem, words: Wording): string {
  const text = words.t(problem.key, problem.params)
  return problem.field === 'row' ? text : words.t('personImport.problems.inColumn', { column: problem.field, problem: text })
}

/** A row's problems in words, as the download's `reason` column has them. */
export function reasonInWords(problems: readonly RowProblem[], words: Wording): string {
  return problems.map((problem) => problemInWords(problem, words)).join('; ')
}
