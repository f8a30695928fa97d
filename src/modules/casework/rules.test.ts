import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addDays, byDueDate, dayBefore, isOverdue, taskViewOf, tierChangeProblem } from './rules.ts'

describe('community-pathway tiers', () => {
  const at = { current: { tier: 'consultation', started_on: '2026-02-10' }, caseStartedOn: '2026-01-05', today: '2026-03-01' }

  it('ends a tier the day before the next starts, across months and leap days', () => {
    assert.equal(dayBefore('2026-03-01'), '2026-02-28')
    assert.equal(dayBefore('2028-03-01'), '2028-02-29')
    assert.equal(dayBefore('2026-01-01'), '2025-12-31')
    assert.equal(addDays('2026-02-20', 14), '2026-03-06')
  })

  it('allows a move into another tier from after the current one started up to today', () => {
    assert.equal(tierChangeProblem({ tier: 'co_working', startsOn: '2026-02-11' }, at), null)
    assert.equal(tierChangeProblem({ tier: 'co_working', startsOn: '2026-03-01' }, at), null)
    assert.equal(tierChangeProblem({ tier: 'training', startsOn: '2026-01-05' }, { ...at, current: undefined }), null, 'the first tier may start on the day the case did')
  })

  it('refuses a day to come, a day before the case, the same tier, and a day not after the current tier started', () => {
    assert.equal(tierChangeProblem({ tier: 'co_working', startsOn: '2026-03-02' }, at), 'in_future')
    assert.equal(tierChangeProblem({ tier: 'co_working', startsOn: '2026-01-04' }, at), 'before_case')
    assert.equal(tierChangeProblem({ tier: 'consultation', startsOn: '2026-02-20' }, at), 'same_tier')
    assert.equal(tierChangeProblem({ tier: 'co_working', startsOn: '2026-02-10' }, at), 'not_after_current')
  })
})

describe('reminders', () => {
  it('is overdue once the day has passed, for dates and instants alike', () => {
    assert.equal(isOverdue('2026-02-28', '2026-03-01'), true)
    assert.equal(isOverdue('2026-03-01', '2026-03-01'), false)
    assert.equal(isOverdue('2026-02-28T23:30:00.000Z', '2026-03-01'), true)
    assert.equal(isOverdue(null, '2026-03-01'), false)
  })

  it('puts missing records first, then the earliest due', () => {
    const sorted = byDueDate([{ due: '2026-03-05' }, { due: null }, { due: '2026-02-01T10:00:00.000Z' }, { due: '2026-02-01' }])
    assert.deepEqual(sorted.map((reminder) => reminder.due), [null, '2026-02-01', '2026-02-01T10:00:00.000Z', '2026-03-05'])
  })

  it('shows the caller’s own tasks unless their teams’ are asked for', () => {
    assert.equal(taskViewOf({ show: 'teams' }), 'teams')
    assert.equal(taskViewOf({ show: 'everyone' }), 'mine')
    assert.equal(taskViewOf(undefined), 'mine')
  })
})
