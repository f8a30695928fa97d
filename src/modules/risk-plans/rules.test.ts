import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addMonths, contingencyProblems, contingencyRowCount, filledContingencies, isStale, latestReviewDate, maxContingencies, nextVersion, reviewDateProblem, reviewStatus } from './rules.ts'

describe('review status', () => {
  const today = '2026-03-10'

  it('is overdue once the review date has passed', () => {
    assert.equal(reviewStatus('2026-03-09', today), 'overdue')
    assert.equal(reviewStatus('2025-12-01', today), 'overdue')
  })

  it('is due soon from today until 14 days ahead', () => {
    assert.equal(reviewStatus('2026-03-10', today), 'due_soon')
    assert.equal(reviewStatus('2026-03-24', today), 'due_soon')
  })

  it('is current beyond 14 days', () => {
    assert.equal(reviewStatus('2026-03-25', today), 'current')
  })

  it('counts days across a month end', () => {
    assert.equal(reviewStatus('2026-02-11', '2026-01-28'), 'due_soon')
    assert.equal(reviewStatus('2026-02-12', '2026-01-28'), 'current')
  })
})

describe('review date', () => {
  it('must be after today', () => {
    assert.equal(reviewDateProblem('2026-03-10', '2026-03-10'), 'notFuture')
    assert.equal(reviewDateProblem('2026-03-01', '2026-03-10'), 'notFuture')
    assert.equal(reviewDateProblem('2026-03-11', '2026-03-10'), null)
  })

  it('may be at most 12 months ahead', () => {
    assert.equal(latestReviewDate('2026-03-10'), '2027-03-10')
    assert.equal(reviewDateProblem('2027-03-10', '2026-03-10'), null)
    assert.equal(reviewDateProblem('2027-03-11', '2026-03-10'), 'tooFar')
  })

  it('adds months to the month’s last day when the day does not exist', () => {
    assert.equal(addMonths('2028-02-29', 12), '2029-02-28')
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28')
    assert.equal(addMonths('2026-12-15', 1), '2027-01-15')
  })
})

describe('contingency rows', () => {
  it('refuses a row with only one half filled, naming the row and the empty half', () => {
    const rows = [
      { action: 'Call the crisis team', contact: 'Crisis team 0300 000 0000' },
      { action: '', contact: 'Offender manager' },
      { action: '', contact: '' },
      { action: 'Remove ligature risks', contact: '' },
    ]
    assert.deepEqual(contingencyProblems(rows), [
      { row: 2, missing: 'action' },
      { row: 4, missing: 'contact' },
    ])
  })

  it('keeps only filled rows, in order', () => {
    const rows = [
      { action: '', contact: '' },
      { action: 'A', contact: 'B' },
      { action: '', contact: '' },
      { action: 'C', contact: 'D' },
    ]
    assert.deepEqual(filledContingencies(rows), [
      { action: 'A', contact: 'B' },
      { action: 'C', contact: 'D' },
    ])
  })

  it('offers three blank rows below the filled ones, never more than the limit', () => {
    assert.equal(contingencyRowCount(0), 3)
    assert.equal(contingencyRowCount(2), 5)
    assert.equal(contingencyRowCount(9), maxContingencies)
  })
})

describe('versions', () => {
  it('numbers the first version 1 and each next one after the latest', () => {
    assert.equal(nextVersion(null), 1)
    assert.equal(nextVersion(4), 5)
  })

  it('is stale when another version was saved after the one the writer started from', () => {
    assert.equal(isStale(2, 2), false)
    assert.equal(isStale(0, 1), true)
    assert.equal(isStale(1, 2), true)
  })
})
