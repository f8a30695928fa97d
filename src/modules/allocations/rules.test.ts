import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { availableTransitions, type ReferralStatus } from '../referrals/index.ts'
import { allocatableStatuses, daysSince, decideCapacity, endingStatuses, freePlaces, startDateProblem, stepsToAllocated, waitingTime, workerRole } from './rules.ts'

/** Where the service side's allocators (clinicians, service managers) may move a referral from `from`. */
const allocatorMoves = (from: ReferralStatus): ReferralStatus[] => availableTransitions(from, ['clinician', 'service_manager'], ['service']).map((transition) => transition.to)

describe('allocation rules', () => {
  it('allows a place while one is free, and never limits an element without places', () => {
    assert.deepEqual(decideCapacity({ capacity: 30, active: 29, mayOverride: false, overCapacityReason: null }), { allowed: true, overCapacity: false })
    assert.deepEqual(decideCapacity({ capacity: null, active: 500, mayOverride: false, overCapacityReason: null }), { allowed: true, overCapacity: false })
  })

  it('refuses the place after the last, whatever reason someone without the override gives', () => {
    assert.deepEqual(decideCapacity({ capacity: 30, active: 30, mayOverride: false, overCapacityReason: 'Urgent risk' }), { allowed: false, problem: 'full' })
    assert.deepEqual(decideCapacity({ capacity: 0, active: 0, mayOverride: false, overCapacityReason: null }), { allowed: false, problem: 'full' })
  })

  it('goes over capacity only for someone with the override who says why', () => {
    assert.deepEqual(decideCapacity({ capacity: 5, active: 5, mayOverride: true, overCapacityReason: '  ' }), { allowed: false, problem: 'reason_required' })
    assert.deepEqual(decideCapacity({ capacity: 5, active: 6, mayOverride: true, overCapacityReason: 'Release tomorrow, nowhere safe to go' }), { allowed: true, overCapacity: true })
  })

  it('counts free places down to zero, not below, and none for an unlimited element', () => {
    assert.equal(freePlaces(30, 28), 2)
    assert.equal(freePlaces(5, 6), 0)
    assert.equal(freePlaces(null, 12), null)
  })

  it('takes an accepted referral through the waiting list to allocated, by moves the status machine has', () => {
    assert.deepEqual(stepsToAllocated('accepted'), ['waiting', 'allocated'])
    assert.deepEqual(stepsToAllocated('waiting'), ['allocated'])
    for (const status of allocatableStatuses) {
      let from: ReferralStatus = status
      for (const to of stepsToAllocated(status)) {
        assert.ok(allocatorMoves(from).includes(to), `${from} → ${to}`)
        from = to
      }
    }
  })

  it('ends a place only by statuses the status machine reaches from allocated or started', () => {
    for (const status of endingStatuses) assert.ok([...allocatorMoves('allocated'), ...allocatorMoves('started')].includes(status), status)
  })

  it('says waiting time in days for two weeks, then in whole weeks', () => {
    const now = new Date('2026-11-25T09:00:00.000Z')
    assert.equal(daysSince('2026-11-25T08:00:00.000Z', now), 0)
    assert.equal(daysSince('2026-11-24T09:00:00.000Z', now), 1)
    assert.equal(daysSince('2026-12-01T09:00:00.000Z', now), 0, 'never negative')
    assert.deepEqual(waitingTime(0), { unit: 'day', count: 0 })
    assert.deepEqual(waitingTime(13), { unit: 'day', count: 13 })
    assert.deepEqual(waitingTime(14), { unit: 'week', count: 2 })
    assert.deepEqual(waitingTime(52), { unit: 'week', count: 7 })
  })

  it('starts a place no earlier than the referral and no more than 90 days ahead', () => {
    assert.equal(startDateProblem('2026-11-25', '2026-10-01', '2026-11-25'), null)
    assert.equal(startDateProblem('2026-09-30', '2026-10-01', '2026-11-25'), 'before_referral')
    assert.equal(startDateProblem('2027-02-23', '2026-10-01', '2026-11-25'), null)
    assert.equal(startDateProblem('2027-02-24', '2026-10-01', '2026-11-25'), 'too_far_ahead')
  })

  it('names the role a worker holds on an allocation', () => {
    assert.equal(workerRole({ keyworker_user_id: 'a', lead_clinician_user_id: 'b' }, 'a'), 'keyworker')
    assert.equal(workerRole({ keyworker_user_id: 'a', lead_clinician_user_id: 'b' }, 'b'), 'lead_clinician')
    assert.equal(workerRole({ keyworker_user_id: 'a', lead_clinician_user_id: 'a' }, 'a'), 'both')
    assert.equal(workerRole({ keyworker_user_id: null, lead_clinician_user_id: 'b' }, 'c'), null)
  })
})
