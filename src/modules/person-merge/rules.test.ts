import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mergeProblem, movedCounts, reversalProblem, reversibleForDays, reversibleUntil, type MergeCandidate } from './rules.ts'

const record = (id: string, changes: Partial<MergeCandidate> = {}): MergeCandidate => ({ id, merged_into_id: null, is_restricted: false, ...changes })

describe('whether two records may be merged', () => {
  it('allows two separate, unmerged records', () => {
    assert.equal(mergeProblem(record('a'), record('b')), null)
    assert.equal(mergeProblem(record('a', { is_restricted: true }), record('b')), null, 'into a restricted record')
    assert.equal(mergeProblem(record('a', { is_restricted: true }), record('b', { is_restricted: true })), null)
  })

  it('refuses a record merged into itself, or into or from a record already merged', () => {
    assert.equal(mergeProblem(record('a'), record('a')), 'samePerson')
    assert.equal(mergeProblem(record('a', { merged_into_id: 'c' }), record('b')), 'survivorMerged')
    assert.equal(mergeProblem(record('a'), record('b', { merged_into_id: 'c' })), 'duplicateMerged')
  })

  it('refuses a restricted record merged into an unrestricted one, which would open it to more people', () => {
    assert.equal(mergeProblem(record('a'), record('b', { is_restricted: true })), 'restrictedIntoUnrestricted')
  })
})

describe('whether a merge may be reversed', () => {
  const mergedAt = '2026-03-01T10:00:00.000Z'

  it(`allows it for ${reversibleForDays} days, to the millisecond`, () => {
    assert.equal(reversibleUntil(mergedAt), '2026-03-31T10:00:00.000Z')
    assert.equal(reversalProblem({ merged_at: mergedAt, reversed_at: null }, { merged_into_id: null }, '2026-03-31T10:00:00.000Z'), null)
    assert.equal(reversalProblem({ merged_at: mergedAt, reversed_at: null }, { merged_into_id: null }, '2026-03-31T10:00:00.001Z'), 'tooLate')
  })

  it('refuses a second reversal, and one whose survivor has since been merged itself', () => {
    assert.equal(reversalProblem({ merged_at: mergedAt, reversed_at: '2026-03-02T10:00:00.000Z' }, { merged_into_id: null }, '2026-03-03T10:00:00.000Z'), 'alreadyReversed')
    assert.equal(reversalProblem({ merged_at: mergedAt, reversed_at: null }, { merged_into_id: 'c' }, '2026-03-03T10:00:00.000Z'), 'survivorMerged')
  })
})

describe('counting moved rows', () => {
  it('counts by table, leaving out tables with nothing moved', () => {
    assert.deepEqual(movedCounts({ person_alias: ['x', 'y'], involvement: ['z'], person_need: [] }), { person_alias: 2, involvement: 1 })
  })
})
