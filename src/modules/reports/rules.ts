// Small-number suppression for aggregate tables (DOMAIN.md "Equality monitoring"): no cell
// may show, or let a reader work out, a count of people under the threshold. Pure: the
// repository counts, these rules decide what may be shown.

/**
 * Why a cell is hidden. `small`: its count is under the threshold (shown as "<5").
 * `complementary`: it is not small itself, but hiding a small cell alone in its row or
 * column would let the cell be worked out from the total, so this one is hidden too.
 */
export type Suppression = 'small' | 'complementary'

export interface ReportCell {
  /** The count, or null when it is hidden. */
  count: number | null
  suppressed: Suppression | null
}

export interface SuppressedTable {
  /** Cells by row, then column. */
  cells: ReportCell[][]
  rowTotals: ReportCell[]
  columnTotals: ReportCell[]
  grandTotal: ReportCell
}

export interface CountTable {
  /** Counts by row, then column; every row as long as the first. */
  counts: readonly (readonly number[])[]
  rowTotals: readonly number[]
  columnTotals: readonly number[]
  grandTotal: number
}

/**
 * Hides every count from 1 to threshold − 1 (zero is shown: it discloses no one), then
 * applies the usual complementary rule: each row and each column — the totals row and
 * column included, each line being its cells plus its total — must hide either none or at
 * least two of its members, so no hidden count is the difference between a total and the
 * counts shown. The second member hidden is the line's smallest non-zero shown cell (the
 * least information lost), else its total. Repeated until no line has a lone hidden member.
 *
 * Totals may count people once where cells count them per service (not additive); the rule
 * treats every line as if its total were the sum, which hides at least as much as needed.
 */
export function suppressSmallNumbers(table: CountTable, threshold: number): SuppressedTable {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a whole number ≥ 1, not ${threshold}`)
  const rows = table.counts.length
  const columns = table.columnTotals.length
  if (table.rowTotals.length !== rows || table.counts.some((row) => row.length !== columns)) throw new RangeError('every row needs a count per column and a total')

  // One grid with the totals as its last row and column, so every line is treated alike.
  const grid: number[][] = [...table.counts.map((row, index) => [...row, table.rowTotals[index]!]), [...table.columnTotals, table.grandTotal]]
  const hidden: (Suppression | null)[][] = grid.map((row) => row.map((count) => (count > 0 && count < threshold ? 'small' : null)))

  // Each line: its member cells as [row, column], the total last.
  const lines: Array<Array<[number, number]>> = [
    ...grid.map((row, r) => row.map((_, c): [number, number] => [r, c])),
    ...grid[0]!.map((_, c) => grid.map((_, r): [number, number] => [r, c])),
  ]
  for (let changed = true; changed; ) {
    changed = false
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r]![c] !== null).length !== 1) continue
      const members = line.slice(0, -1)
      const candidates = members.filter(([r, c]) => hidden[r]![c] === null && grid[r]![c]! > 0)
      const [r, c] = candidates.reduce<[number, number] | undefined>((smallest, cell) => (smallest && grid[smallest[0]]![smallest[1]]! <= grid[cell[0]]![cell[1]]! ? smallest : cell), undefined) ?? line.at(-1)!
      if (hidden[r]![c] !== null) continue
      hidden[r]![c] = 'complementary'
      changed = true
    }
  }

  const cell = (r: number, c: number): ReportCell => ({ count: hidden[r]![c] === null ? grid[r]![c]! : null, suppressed: hidden[r]![c]! })
  return {
    cells: table.counts.map((row, r) => row.map((_, c) => cell(r, c))),
    rowTotals: table.counts.map((_, r) => cell(r, columns)),
    columnTotals: table.columnTotals.map((_, c) => cell(rows, c)),
    grandTotal: cell(rows, columns),
  }
}
