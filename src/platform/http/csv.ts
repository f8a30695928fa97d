/**
 * CSV as RFC 4180 describes it (CRLF line ends; a field holding a comma, quote or line
 * break is quoted, its quotes doubled), made safe to open in a spreadsheet.
 */

/**
 * A cell a spreadsheet would run as a formula (CSV injection): text starting with one of
 * these is prefixed with a single quote, which spreadsheets show as text. Tab and carriage
 * return are included because some spreadsheets skip them before looking for a formula.
 */
const formulaStart = /^[=+\-@\t\r]/

export type CsvValue = string | number | null

export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  const text = typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
