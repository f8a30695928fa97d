/**
 * CSV rows as RFC 4180 writes them (CRLF line ends; a field holding a comma, quote or line
 * break quoted, its quotes doubled), safe to open in a spreadsheet: text a spreadsheet would
 * run as a formula (=, +, -, @, or a tab or carriage return before one) gets a leading single
 * quote, which spreadsheets show as text. The same rules as the audit export
 * (audit-review/csv.ts); a shared platform/csv would serve both.
 */
const formulaStart = /^[=+\-@\t\r]/

export function csvCell(value: string | number): string {
  const text = typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(values: readonly (string | number)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
