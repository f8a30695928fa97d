import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DataCategory } from '../../platform/auth/scope.ts'
import { actionOwner, formulationAuthors, isActionOpen, isActionOverdue, isCurrentPlanVersion, isLatestVersion, isReviewOverdue, nextFormulationVersion, partFromTyped, planEventKind, writableParts } from './rules.ts'

const readable = (...categories: DataCategory[]) => new Set(categories)

describe('formulation rules', () => {
  it('lets a reader write exactly the parts they may read', () => {
    assert.deepEqual(writableParts(readable('identity', 'formulation', 'clinical_formulation')), ['shared', 'clinical'])
    assert.deepEqual(writableParts(readable('identity', 'formulation', 'plan')), ['shared'])
    assert.deepEqual(writableParts(readable('clinical_formulation')), ['clinical'])
    assert.deepEqual(writableParts(readable('identity')), [])
  })

  it('keeps only a part’s own sections, without empty ones', () => {
    const typed = { presentingDifficulties: 'Outbursts', strengths: '', clinicalImpressions: 'Clinical', riskLinks: null }
    assert.deepEqual(partFromTyped('shared', typed), { presentingDifficulties: 'Outbursts' })
    assert.deepEqual(partFromTyped('clinical', typed), { clinicalImpressions: 'Clinical' })
  })

  it('numbers versions from 1 and knows a form based on an older version', () => {
    assert.equal(nextFormulationVersion(undefined), 1)
    assert.equal(nextFormulationVersion(4), 5)
    assert.equal(isLatestVersion(0, undefined), true)
    assert.equal(isLatestVersion(3, 3), true)
    assert.equal(isLatestVersion(2, 3), false)
    assert.equal(isLatestVersion(0, 1), false)
  })

  it('always counts whoever saved a version among its authors, once', () => {
    assert.deepEqual(formulationAuthors('me', []), ['me'])
    assert.deepEqual(formulationAuthors('me', ['om', 'me', 'om']), ['me', 'om'])
  })
})

describe('plan rules', () => {
  it('compares the version a change is based on with the plan’s, 0 meaning no plan yet', () => {
    assert.equal(isCurrentPlanVersion(0, undefined), true)
    assert.equal(isCurrentPlanVersion(1, undefined), false)
    assert.equal(isCurrentPlanVersion(2, { version: 2 }), true)
    assert.equal(isCurrentPlanVersion(1, { version: 2 }), false)
    assert.equal(planEventKind(false), 'plan.created')
    assert.equal(planEventKind(true), 'plan.changed')
  })

  it('marks a review date overdue only once it has passed', () => {
    assert.equal(isReviewOverdue('2026-03-01', '2026-03-02'), true)
    assert.equal(isReviewOverdue('2026-03-02', '2026-03-02'), false)
    assert.equal(isReviewOverdue(null, '2026-03-02'), false)
  })

  it('marks an action overdue when its date has passed and it is still open', () => {
    const today = '2026-03-10'
    assert.equal(isActionOverdue({ status: 'not_started', due_on: '2026-03-09' }, today), true)
    assert.equal(isActionOverdue({ status: 'in_progress', due_on: '2026-03-09' }, today), true)
    assert.equal(isActionOverdue({ status: 'in_progress', due_on: today }, today), false)
    assert.equal(isActionOverdue({ status: 'done', due_on: '2026-03-01' }, today), false)
    assert.equal(isActionOverdue({ status: 'cancelled', due_on: '2026-03-01' }, today), false)
    assert.equal(isActionOverdue({ status: 'not_started', due_on: null }, today), false)
    assert.deepEqual(['not_started', 'in_progress', 'done', 'cancelled'].map(isActionOpen), [true, true, false, false])
  })

  it('gives an action exactly one owner: a worker or a description', () => {
    assert.deepEqual(actionOwner('u1', null), { userId: 'u1', description: null })
    assert.deepEqual(actionOwner(null, 'the person'), { userId: null, description: 'the person' })
    assert.equal(actionOwner(null, null), 'missing')
    assert.equal(actionOwner('u1', 'the person'), 'both')
  })
})
