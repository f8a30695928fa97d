import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { londonInstant, londonWallClock, nextDay, startOfUkDay, ukDateTime, ukTimestamp, ukToday } from './london.ts'

describe('UK time', () => {
  it('starts a UK day at UTC midnight in winter and an hour before in summer', () => {
    assert.equal(startOfUkDay('2025-01-15'), '2025-01-15T00:00:00.000Z')
    assert.equal(startOfUkDay('2025-07-01'), '2025-06-30T23:00:00.000Z')
  })

  it('starts the days the clocks change on at UK midnight', () => {
    assert.equal(startOfUkDay('2025-03-30'), '2025-03-30T00:00:00.000Z', 'clocks go forward at 01:00 GMT')
    assert.equal(startOfUkDay('2025-03-31'), '2025-03-30T23:00:00.000Z')
    assert.equal(startOfUkDay('2025-10-26'), '2025-10-25T23:00:00.000Z', 'clocks go back at 02:00 BST')
    assert.equal(startOfUkDay('2025-10-27'), '2025-10-27T00:00:00.000Z')
  })

  it('moves to the next calendar day across months and years', () => {
    assert.equal(nextDay('2024-02-28'), '2024-02-29')
    assert.equal(nextDay('2025-12-31'), '2026-01-01')
  })

  it('turns UK wall-clock time into UTC in winter and in summer', () => {
    assert.equal(londonInstant('2026-01-15', '14:30'), '2026-01-15T14:30:00.000Z')
    assert.equal(londonInstant('2026-07-15', '14:30'), '2026-07-15T13:30:00.000Z')
    assert.equal(londonInstant('2026-07-15', '00:30'), '2026-07-14T23:30:00.000Z')
  })

  it('gets both sides of the clock changes right', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    assert.equal(londonInstant('2026-03-29', '00:30'), '2026-03-29T00:30:00.000Z')
    assert.equal(londonInstant('2026-03-29', '03:00'), '2026-03-29T02:00:00.000Z')
    assert.equal(londonInstant('2026-10-25', '00:30'), '2026-10-24T23:30:00.000Z')
    assert.equal(londonInstant('2026-10-25', '03:00'), '2026-10-25T03:00:00.000Z')
  })

  it('reads an instant back as the UK date and time it was typed as', () => {
    assert.deepEqual(londonWallClock('2026-07-14T23:30:00.000Z'), { date: '2026-07-15', time: '00:30' })
    assert.deepEqual(londonWallClock(londonInstant('2026-11-02', '09:15')), { date: '2026-11-02', time: '09:15' })
  })

  it('shows instants in UK time', () => {
    assert.equal(ukDateTime('2025-06-30T23:30:05.000Z'), '1 Jul 2025, 00:30:05')
    assert.equal(ukTimestamp('2025-01-15T09:05:00.000Z'), '2025-01-15 09:05:00')
    assert.equal(ukToday(new Date('2025-06-30T23:30:00Z')), '2025-07-01')
  })
})
