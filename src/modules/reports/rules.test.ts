import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { suppressSmallNumbers, type CountTable, type SuppressedTable } from './rules.ts'

/** An additive table: totals are the sums of the counts. */
function additive(counts: number[][]): CountTable {
  const rowTotals = counts.map((row) => row.reduce((sum, count) => sum + count, 0))
  const columnTotals = counts[0]!.map((_, column) => counts.reduce((sum, row) => sum + row[column]!, 0))
  return { counts, rowTotals, columnTotals, grandTotal: rowTotals.reduce((sum, count) => sum + count, 0) }
}

/** The table as a reader sees it: counts, "<" for a small cell, "c" for a complementary one; totals last. */
function shown(table: SuppressedTable): string[][] {
  const text = (cell: { count: number | null; suppressed: string | null }) => (cell.suppressed === 'small' ? '<' : cell.suppressed === 'complementary' ? 'c' : String(cell.count))
  return [...table.cells.map((row, r) => [...row.map(text), text(table.rowTotals[r]!)]), [...table.columnTotals.map(text), text(table.grandTotal)]]
}

/** Every row and column (totals included) hides none or at least two of its members. */
function noLoneHiddenCell(view: string[][]): boolean {
  const hiddenIn = (line: string[]) => line.filter((value) => value === '<' || value === 'c').length
  const columns = view[0]!.map((_, c) => view.map((row) => row[c]!))
  return [...view, ...columns].every((line) => hiddenIn(line) !== 1)
}

describe('suppressSmallNumbers', () => {
  it('shows every count when none is small', () => {
    assert.deepEqual(shown(suppressSmallNumbers(additive([[10, 20], [30, 40]]), 5)), [['10', '20', '30'], ['30', '40', '70'], ['40', '60', '100']])
  })

  it('shows zero, which discloses no one', () => {
    assert.deepEqual(shown(suppressSmallNumbers(additive([[0, 20], [30, 0]]), 5)), [['0', '20', '20'], ['30', '0', '30'], ['30', '20', '50']])
  })

  it('hides counts from 1 to threshold − 1 and a second cell in each line, so none can be worked out from the totals', () => {
    // Without the complementary cells, 3 = 23 − 20 and 3 = 33 − 30.
    const view = shown(suppressSmallNumbers(additive([[3, 20, 40], [30, 50, 60], [35, 45, 55]]), 5))
    assert.deepEqual(view, [
      ['<', 'c', '40', '63'],
      ['c', 'c', '60', '140'],
      ['c', 'c', '55', '135'],
      ['68', '115', '155', '338'],
    ])
    assert.equal(noLoneHiddenCell(view), true)
  })

  it('picks the smallest shown cell of the line as the complementary one', () => {
    const view = shown(suppressSmallNumbers(additive([[2, 50, 9, 30], [40, 40, 40, 40], [40, 40, 40, 40]]), 5))
    // 9 is the smallest other cell of the first row; 40 the smallest of the first and third columns.
    assert.equal(view[0]![2], 'c')
    assert.equal(view[0]![1], '50')
    assert.equal(noLoneHiddenCell(view), true)
  })

  it('hides a small total, and a second member beside it', () => {
    const view = shown(suppressSmallNumbers(additive([[1, 1, 0], [20, 30, 40]]), 5))
    assert.deepEqual(view[0], ['<', '<', '0', '<'])
    assert.equal(noLoneHiddenCell(view), true)
  })

  it('falls back to the total when the line has no other cell to hide', () => {
    // The second row's only non-zero cell is hidden to protect the 3 above it; its total must go too.
    const view = shown(suppressSmallNumbers(additive([[3, 20], [10, 0]]), 5))
    assert.deepEqual(view[1], ['c', '0', 'c'])
    assert.equal(noLoneHiddenCell(view), true)
  })

  it('takes the threshold as configured', () => {
    const table = additive([[6, 12], [12, 12]])
    assert.equal(shown(suppressSmallNumbers(table, 5))[0]![0], '6')
    assert.equal(shown(suppressSmallNumbers(table, 10))[0]![0], '<')
    assert.equal(shown(suppressSmallNumbers(table, 1))[0]![0], '6')
  })

  it('leaves no lone hidden cell in any line of many generated tables', () => {
    let state = 7
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
    for (let run = 0; run < 200; run += 1) {
      const columns = 2 + Math.floor(next() * 5)
      const counts = Array.from({ length: 2 + Math.floor(next() * 6) }, () => Array.from({ length: columns }, () => (next() < 0.3 ? 0 : Math.floor(next() * (next() < 0.5 ? 8 : 60)))))
      const view = shown(suppressSmallNumbers(additive(counts), 5))
      assert.equal(noLoneHiddenCell(view), true, JSON.stringify(counts))
      // Nothing from 1 to 4 is ever shown.
      assert.equal(view.flat().some((value) => /^[1-4]$/.test(value)), false)
    }
  })

  it('refuses a threshold that is not a whole number of at least 1, and a ragged table', () => {
    assert.throws(() => suppressSmallNumbers(additive([[1]]), 0), RangeError)
    assert.throws(() => suppressSmallNumbers(additive([[1]]), 2.5), RangeError)
    assert.throws(() => suppressSmallNumbers({ counts: [[1, 2], [3]], rowTotals: [3, 3], columnTotals: [4, 2], grandTotal: 6 }, 5), RangeError)
  })
})
