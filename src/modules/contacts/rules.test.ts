import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { codeList } from '../../platform/content/code-lists.ts'
import { readTime } from './clock.ts'
import { cancelledByCodes, caseContactKinds, contactKinds, contactOutcomes, durationProblem, keptOutcome, kindFitsTier, outcomeProblems, reasonListOf, tierOfKind, type OutcomeAnswer } from './rules.ts'

const now = '2026-03-10T12:00:00.000Z'
const past = '2026-03-09T10:00:00.000Z'
const future = '2026-03-11T10:00:00.000Z'
const answer = (outcome: OutcomeAnswer['outcome'], cancelledBy: OutcomeAnswer['cancelledBy'] = null, reason: string | null = null): OutcomeAnswer => ({ outcome, cancelledBy, reason })

describe('contact rules', () => {
  it('keeps its codes in step with the code lists', () => {
    assert.deepEqual(codeList('contact_kind').codes.map((code) => code.code), [...contactKinds])
    assert.deepEqual(codeList('contact_outcome').codes.map((code) => code.code), [...contactOutcomes])
    assert.deepEqual(codeList('cancelled_by').codes.map((code) => code.code), [...cancelledByCodes])
    assert.ok(codeList(reasonListOf.did_not_attend).codes.length > 0)
    assert.ok(codeList(reasonListOf.cancelled).codes.length > 0)
    assert.equal((caseContactKinds as readonly string[]).includes('group_session'), false)
  })

  it('needs an outcome for a contact in the past, and none for one still to come', () => {
    assert.deepEqual(outcomeProblems(answer(null), { occursAt: past, now, required: false }), [{ part: 'outcome', problem: 'needed_for_past' }])
    assert.deepEqual(outcomeProblems(answer(null), { occursAt: future, now, required: false }), [])
    assert.deepEqual(outcomeProblems(answer(null), { occursAt: future, now, required: true }), [{ part: 'outcome', problem: 'missing' }])
    assert.deepEqual(outcomeProblems(answer('attended'), { occursAt: past, now, required: true }), [])
  })

  it('treats the very moment a contact starts as having happened', () => {
    assert.deepEqual(outcomeProblems(answer('attended'), { occursAt: now, now, required: true }), [])
  })

  it('refuses attended or did not attend before the contact, but allows cancelling it', () => {
    assert.deepEqual(outcomeProblems(answer('attended'), { occursAt: future, now, required: false }), [{ part: 'outcome', problem: 'not_yet' }])
    assert.deepEqual(outcomeProblems(answer('did_not_attend'), { occursAt: future, now, required: true }), [{ part: 'outcome', problem: 'not_yet' }])
    assert.deepEqual(outcomeProblems(answer('cancelled', 'service', 'room_unavailable'), { occursAt: future, now, required: false }), [])
  })

  it('needs who cancelled and why for a cancellation, whenever it is', () => {
    assert.deepEqual(outcomeProblems(answer('cancelled'), { occursAt: past, now, required: true }), [
      { part: 'cancelledBy', problem: 'cancelled_by_missing' },
      { part: 'reason', problem: 'cancellation_reason_missing' },
    ])
    assert.deepEqual(outcomeProblems(answer('cancelled', 'person'), { occursAt: null, now, required: false }), [{ part: 'reason', problem: 'cancellation_reason_missing' }])
  })

  it('lets did not attend go without a reason', () => {
    assert.deepEqual(outcomeProblems(answer('did_not_attend'), { occursAt: past, now, required: true }), [])
  })

  it('leaves the time-bound checks until the time is readable', () => {
    assert.deepEqual(outcomeProblems(answer(null), { occursAt: null, now, required: false }), [])
    assert.deepEqual(outcomeProblems(answer('attended'), { occursAt: null, now, required: false }), [])
  })

  it('keeps by whom only for a cancellation and a reason only where the outcome takes one', () => {
    assert.deepEqual(keptOutcome(answer('attended', 'person', 'unwell')), answer('attended'))
    assert.deepEqual(keptOutcome(answer('did_not_attend', 'person', 'unwell')), answer('did_not_attend', null, 'unwell'))
    assert.deepEqual(keptOutcome(answer('cancelled', 'service', 'room_unavailable')), answer('cancelled', 'service', 'room_unavailable'))
  })

  it('takes whole minutes from 1 to 600', () => {
    assert.equal(durationProblem(1), null)
    assert.equal(durationProblem(600), null)
    assert.equal(durationProblem(0), 'out_of_range')
    assert.equal(durationProblem(601), 'out_of_range')
    assert.equal(durationProblem(30.5), 'out_of_range')
  })

  it('ties consultation to tier 2 and co-working to tier 3 of the community pathway', () => {
    assert.deepEqual(tierOfKind, { consultation: 'consultation', co_working: 'co_working' })
    const tiers = codeList('community_tier').codes.map((code) => code.code)
    for (const tier of Object.values(tierOfKind)) assert.ok(tiers.includes(tier))
    assert.equal(kindFitsTier('consultation', 'consultation'), true)
    assert.equal(kindFitsTier('consultation', 'co_working'), false)
    assert.equal(kindFitsTier('co_working', null), false)
    assert.equal(kindFitsTier('co_working', 'co_working'), true)
    assert.equal(kindFitsTier('keywork', null), true)
    assert.equal(kindFitsTier('one_to_one_therapy', 'training'), true)
  })
})

describe('contact times', () => {
  it('reads the usual ways of writing a time of day', () => {
    assert.deepEqual(readTime('14:30'), { state: 'time', time: '14:30' })
    assert.deepEqual(readTime(' 9.05 '), { state: 'time', time: '09:05' })
    assert.deepEqual(readTime('2:30pm'), { state: 'time', time: '14:30' })
    assert.deepEqual(readTime('12 AM'), { state: 'time', time: '00:00' })
    assert.deepEqual(readTime('12pm'), { state: 'time', time: '12:00' })
    assert.deepEqual(readTime('14'), { state: 'time', time: '14:00' })
    assert.deepEqual(readTime(''), { state: 'empty' })
    for (const typed of ['24:00', '14:60', '13pm', 'noon', '1430', '0am']) assert.deepEqual(readTime(typed), { state: 'notReal' }, typed)
  })
})
