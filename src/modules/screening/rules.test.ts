import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { shippedRuleSets } from './rule-sets.ts'
import { evaluateScreening, ruleSetInForce, ruleSetProblem, scoreResult, type Answer, type RuleSet, type ScreeningAnswers } from './rules.ts'

function shipped(key: string): RuleSet {
  const ruleSet = shippedRuleSets.find((candidate) => candidate.key === key)
  assert.ok(ruleSet, key)
  return ruleSet
}
const men = shipped('opd-men')
const women = shipped('opd-women')

const all = (ruleSet: RuleSet, answer: Answer) => Object.fromEntries(ruleSet.criteria.map((criterion) => [criterion.key, answer]))

describe('shipped rule sets', () => {
  it('are valid, one per population, with the published thresholds', () => {
    for (const ruleSet of shippedRuleSets) assert.equal(ruleSetProblem(ruleSet), null, ruleSet.key)
    assert.deepEqual(men.score, { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 })
    assert.deepEqual(women.score, { items: 15, itemThreshold: 10 })
    assert.ok(women.criteria.some((criterion) => criterion.key === 'qualifying_current_offence'), "women's criteria include the current offence")
    assert.ok(men.criteria.some((criterion) => criterion.key === 'managed_by_probation'), "men's criteria include being managed by probation")
  })
})

describe("men's screening, worked cases", () => {
  const cases: [string, ScreeningAnswers, string][] = [
    ['every criterion met, 7 of 10 items', { criteria: all(men, 'yes'), itemsPresent: 7, indicatorsPresent: 0 }, 'screened_in'],
    ['every criterion met, 6 of 10 items but 2 of 4 indicators', { criteria: all(men, 'yes'), itemsPresent: 6, indicatorsPresent: 2 }, 'screened_in'],
    ['every criterion met, 6 items and 1 indicator: the score is not met', { criteria: all(men, 'yes'), itemsPresent: 6, indicatorsPresent: 1 }, 'consider'],
    ['not managed by probation', { criteria: { ...all(men, 'yes'), managed_by_probation: 'no' }, itemsPresent: 10, indicatorsPresent: 4 }, 'screened_out'],
    ['no link known yet', { criteria: { ...all(men, 'yes'), link_between_disorder_and_risk: 'unknown' }, itemsPresent: 9, indicatorsPresent: 3 }, 'consider'],
    ['a criterion not answered at all', { criteria: { high_risk_of_serious_harm: 'yes' }, itemsPresent: 9, indicatorsPresent: 3 }, 'consider'],
    ['no OASys items, 2 indicators', { criteria: all(men, 'yes'), indicatorsPresent: 2 }, 'screened_in'],
    ['no OASys items, 1 indicator', { criteria: all(men, 'yes'), indicatorsPresent: 1 }, 'consider'],
    ['a "no" outweighs unknowns', { criteria: { ...all(men, 'unknown'), high_risk_of_serious_harm: 'no' } }, 'screened_out'],
  ]
  for (const [name, answers, outcome] of cases) {
    it(`${name} → ${outcome}`, () => assert.equal(evaluateScreening(men, answers).outcome, outcome))
  }

  it('reports each criterion\'s answer in the rule set\'s order, unanswered ones as unknown', () => {
    const result = evaluateScreening(men, { criteria: { managed_by_probation: 'yes', high_risk_of_serious_harm: 'no' }, itemsPresent: 3, indicatorsPresent: 0 })
    assert.deepEqual(result.criteria, [
      { key: 'high_risk_of_serious_harm', answer: 'no' },
      { key: 'likely_severe_personality_disorder', answer: 'unknown' },
      { key: 'link_between_disorder_and_risk', answer: 'unknown' },
      { key: 'managed_by_probation', answer: 'yes' },
    ])
    assert.equal(result.score, 'not_met')
  })
})

describe("women's screening, worked cases", () => {
  const cases: [string, ScreeningAnswers, string][] = [
    ['every criterion met, 10 of 15 items', { criteria: all(women, 'yes'), itemsPresent: 10 }, 'screened_in'],
    ['every criterion met, 9 of 15 items', { criteria: all(women, 'yes'), itemsPresent: 9 }, 'consider'],
    // The men's indicator route does not exist in the women's rule set.
    ['9 items and 4 indicators: indicators do not count', { criteria: all(women, 'yes'), itemsPresent: 9, indicatorsPresent: 4 }, 'consider'],
    ['current offence not a qualifying one', { criteria: { ...all(women, 'yes'), qualifying_current_offence: 'no' }, itemsPresent: 15 }, 'screened_out'],
    ['items not available', { criteria: all(women, 'yes') }, 'consider'],
  ]
  for (const [name, answers, outcome] of cases) {
    it(`${name} → ${outcome}`, () => assert.equal(evaluateScreening(women, answers).outcome, outcome))
  }
})

describe('score', () => {
  it('is met at the threshold, not below, and unknown when the deciding count is missing', () => {
    const rule = { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 }
    assert.equal(scoreResult(rule, { criteria: {}, itemsPresent: 7, indicatorsPresent: 0 }), 'met')
    assert.equal(scoreResult(rule, { criteria: {}, itemsPresent: 6, indicatorsPresent: 1 }), 'not_met')
    assert.equal(scoreResult(rule, { criteria: {}, itemsPresent: 6 }), 'unknown')
    assert.equal(scoreResult(rule, { criteria: {}, indicatorsPresent: 1 }), 'unknown')
    assert.equal(scoreResult({ items: 15, itemThreshold: 10 }, { criteria: {}, itemsPresent: 9 }), 'not_met')
  })
})

describe('versions', () => {
  const revised: RuleSet = { ...men, version: '2', effectiveFrom: '2026-04-01', score: { items: 10, itemThreshold: 6, indicators: 4, indicatorThreshold: 2 } }
  const ruleSets = [...shippedRuleSets, revised]

  it('uses the latest version in force on the screening date, per population', () => {
    assert.equal(ruleSetInForce(ruleSets, 'men', '2026-03-31')?.version, '1')
    assert.equal(ruleSetInForce(ruleSets, 'men', '2026-04-01')?.version, '2')
    assert.equal(ruleSetInForce(ruleSets, 'women', '2026-04-01')?.key, 'opd-women')
    assert.equal(ruleSetInForce(ruleSets, 'men', '2015-03-31'), undefined)
  })

  it('can decide the same answers differently under different versions, which is why each screening records its version', () => {
    const answers = { criteria: all(men, 'yes'), itemsPresent: 6, indicatorsPresent: 0 }
    assert.equal(evaluateScreening(men, answers).outcome, 'consider')
    assert.equal(evaluateScreening(revised, answers).outcome, 'screened_in')
  })

  it('refuses an edited rule set that could not decide anything', () => {
    assert.equal(ruleSetProblem({ ...men, criteria: [] }), 'no_criteria')
    assert.equal(ruleSetProblem({ ...men, criteria: [{ key: 'a' }, { key: 'a' }] }), 'duplicate_criterion')
    assert.equal(ruleSetProblem({ ...men, score: { items: 10, itemThreshold: 11 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...men, score: { items: 10, itemThreshold: 0 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...men, score: { items: 10, itemThreshold: 7, indicators: 4 } }), 'indicator_rule_incomplete')
    assert.equal(ruleSetProblem({ ...men, score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 5 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...men, effectiveFrom: '2026-02-30' }), 'bad_effective_date')
    assert.equal(ruleSetProblem({ ...men, effectiveFrom: '1 April 2026' }), 'bad_effective_date')
  })
})
