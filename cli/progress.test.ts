import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { progressLine, ProgressReporter } from './progress.ts'

function capture(isTTY: boolean) {
  const written: string[] = []
  let clock = 0
  const reporter = new ProgressReporter({ isTTY, write: (text: string) => written.push(text) }, () => clock)
  return { written, reporter, advance: (ms: number) => (clock += ms) }
}

describe('progressLine', () => {
  it('shows the label, a bar for a terminal, the percentage, rows and rate', () => {
    assert.equal(progressLine({ label: 'Checking rows', fraction: 0.5, rows: 125_000, elapsedMs: 5000 }, true), 'Checking rows [############............] 50% · 125,000 rows · 25,000 rows/s')
    assert.equal(progressLine({ label: 'Importing', fraction: 1, rows: 10, elapsedMs: 0 }, false), 'Importing 100% · 10 rows · 0 rows/s')
  })
})

describe('ProgressReporter', () => {
  it('redraws one line in place on a terminal, at most ten times a second, and ends it with the last state', () => {
    const { written, reporter, advance } = capture(true)
    reporter.begin('Checking rows')
    reporter.update(0.1, 10)
    advance(50)
    reporter.update(0.2, 20)
    advance(100)
    reporter.update(0.3, 30)
    advance(10)
    reporter.update(1, 40)
    reporter.finishLine()
    assert.equal(written.length, 4)
    assert.ok(written.slice(0, 3).every((text) => text.startsWith('\r') && text.includes('[')))
    assert.match(written[2] ?? '', /100% · 40 rows/)
    assert.equal(written[3], '\n')
  })

  it('writes a plain line at each tenth when not on a terminal, and the last state of each phase', () => {
    const { written, reporter, advance } = capture(false)
    reporter.begin('Checking rows')
    reporter.update(1, 500)
    reporter.update(1, 1200)
    reporter.update(1, 1200)
    reporter.begin('Importing')
    advance(1000)
    for (let rows = 0; rows <= 100; rows += 5) reporter.update(rows / 100, rows)
    reporter.finishLine()
    assert.deepEqual(written.slice(0, 2), ['Checking rows 100% · 500 rows · 0 rows/s\n', 'Checking rows 100% · 1,200 rows · 0 rows/s\n'])
    assert.equal(written.length, 2 + 11)
    assert.equal(written.at(-1), 'Importing 100% · 100 rows · 100 rows/s\n')
    assert.ok(written.every((line) => line.endsWith('\n') && !line.includes('[')))
  })

  it('counts the rate from the start of the phase', () => {
    const { written, reporter, advance } = capture(false)
    reporter.begin('Importing')
    advance(2000)
    reporter.update(0.5, 1000)
    assert.equal(written[0], 'Importing 50% · 1,000 rows · 500 rows/s\n')
  })
})
