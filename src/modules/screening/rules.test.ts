import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { allRuleSets } from './repository.ts'
import {
  evaluateScreening,
  newVersionProblem,
  nextVersion,
  overrideProblem,
  populationOf,
  ruleSetInForce,
  ruleSetProblem,
  scoreResult,
  standingOutcome,
  versionStatus,
  type Answer,
  type RuleSet,
  type ScreeningAnswers,
} from './rules.ts'

const all = (ruleSet: RuleSet, answer: Answer) => Object.fromEntries(ruleSet.criteria.map((criterion) => [criterion.key, answer]))

/** Answers for a rule set, built once the shipped version has been read. */
type WorkedCase = [name: string, answers: (ruleSet: RuleSet) => ScreeningAnswers, outcome: string]

// The worked cases run against the versions the migration ships, read from a migrated
// database on each dialect: what is tested is what screens people.
describeEachDialect('shipped OPD screening rule sets', (database) => {
  let men: RuleSet
  let women: RuleSet
  let shipped: RuleSet[]

  before(async () => {
    shipped = await inTransaction(database().handle.db, (tx) => allRuleSets(tx))
    const only = (key: string) => {
      const versions = shipped.filter((ruleSet) => ruleSet.key === key)
      assert.equal(versions.length, 1, `one shipped version of ${key}`)
      return versions[0] as RuleSet
    }
    men = only('opd-men')
    women = only('opd-women')
  })

  it('are valid, one version 1 per population from April 2015, with the published criteria and thresholds', () => {
    assert.deepEqual(shipped.map((ruleSet) => [ruleSet.key, ruleSet.version, ruleSet.population, ruleSet.effectiveFrom]), [
      ['opd-men', '1', 'men', '2015-04-01'],
      ['opd-women', '1', 'women', '2015-04-01'],
    ])
    for (const ruleSet of shipped) assert.equal(ruleSetProblem(ruleSet), null, ruleSet.key)
    assert.deepEqual(men.criteria.map((criterion) => criterion.key), ['high_risk_of_serious_harm', 'likely_severe_personality_disorder', 'link_between_disorder_and_risk', 'managed_by_probation'])
    assert.deepEqual(women.criteria.map((criterion) => criterion.key), ['qualifying_current_offence', 'high_risk_of_serious_harm', 'likely_personality_disorder', 'link_between_disorder_and_risk'])
    assert.deepEqual(men.score, { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 })
    assert.deepEqual(women.score, { items: 15, itemThreshold: 10 })
  })

  describe("men's version 1, worked cases", () => {
    const cases: WorkedCase[] = [
      ['every criterion met, 7 of 10 items', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 7, indicatorsPresent: 0 }), 'screened_in'],
      ['every criterion met, 6 of 10 items but 2 of 4 indicators', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 6, indicatorsPresent: 2 }), 'screened_in'],
      ['every criterion met, 6 items and 1 indicator: the score is not met', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 6, indicatorsPresent: 1 }), 'consider'],
      ['not managed by probation', (rs) => ({ criteria: { ...all(rs, 'yes'), managed_by_probation: 'no' }, itemsPresent: 10, indicatorsPresent: 4 }), 'screened_out'],
      ['no link known yet', (rs) => ({ criteria: { ...all(rs, 'yes'), link_between_disorder_and_risk: 'unknown' }, itemsPresent: 9, indicatorsPresent: 3 }), 'consider'],
      ['a criterion not answered at all', () => ({ criteria: { high_risk_of_serious_harm: 'yes' }, itemsPresent: 9, indicatorsPresent: 3 }), 'consider'],
      ['no OASys items, 2 indicators', (rs) => ({ criteria: all(rs, 'yes'), indicatorsPresent: 2 }), 'screened_in'],
      ['no OASys items, 1 indicator', (rs) => ({ criteria: all(rs, 'yes'), indicatorsPresent: 1 }), 'consider'],
      ['a "no" outweighs unknowns', (rs) => ({ criteria: { ...all(rs, 'unknown'), high_risk_of_serious_harm: 'no' } }), 'screened_out'],
    ]
    for (const [name, answers, outcome] of cases) {
      it(`${name} → ${outcome}`, () => assert.equal(evaluateScreening(men, answers(men)).outcome, outcome))
    }

    it("reports each criterion's answer in the version's order, unanswered ones as unknown", () => {
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

  describe("women's version 1, worked cases", () => {
    const cases: WorkedCase[] = [
      ['every criterion met, 10 of 15 items', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 10 }), 'screened_in'],
      ['every criterion met, 9 of 15 items', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 9 }), 'consider'],
      // The men's indicator route does not exist in the women's rule set.
      ['9 items and 4 indicators: indicators do not count', (rs) => ({ criteria: all(rs, 'yes'), itemsPresent: 9, indicatorsPresent: 4 }), 'consider'],
      ['current offence not a qualifying one', (rs) => ({ criteria: { ...all(rs, 'yes'), qualifying_current_offence: 'no' }, itemsPresent: 15 }), 'screened_out'],
      ['items not available', (rs) => ({ criteria: all(rs, 'yes') }), 'consider'],
    ]
    for (const [name, answers, outcome] of cases) {
      it(`${name} → ${outcome}`, () => assert.equal(evaluateScreening(women, answers(women)).outcome, outcome))
    }
  })

  it('decide the same answers differently from a revised version, which is why each screening records its version', () => {
    const revised: RuleSet = { ...men, version: '2', effectiveFrom: '2026-04-01', score: { items: 10, itemThreshold: 6, indicators: 4, indicatorThreshold: 2 } }
    const answers = { criteria: all(men, 'yes'), itemsPresent: 6, indicatorsPresent: 0 }
    assert.equal(evaluateScreening(men, answers).outcome, 'consider')
    assert.equal(evaluateScreening(revised, answers).outcome, 'screened_in')
  })
})

// The pure rules, on rule sets made up for each test.

const example: RuleSet = {
  key: 'example',
  version: '1',
  population: 'men',
  effectiveFrom: '2020-01-01',
  criteria: [{ key: 'high_risk_of_serious_harm' }, { key: 'managed_by_probation' }],
  score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 },
}

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
  const women: RuleSet = { ...example, key: 'example-women', population: 'women' }
  const revised: RuleSet = { ...example, version: '2', effectiveFrom: '2026-04-01' }
  const ruleSets = [example, women, revised]

  it('uses the latest version in force on the screening date, per population', () => {
    assert.equal(ruleSetInForce(ruleSets, 'men', '2026-03-31'), example)
    assert.equal(ruleSetInForce(ruleSets, 'men', '2026-04-01'), revised)
    assert.equal(ruleSetInForce(ruleSets, 'women', '2026-04-01'), women)
    assert.equal(ruleSetInForce(ruleSets, 'men', '2019-12-31'), undefined)
  })

  it('says which version is in force today, which takes effect later and which has been followed', () => {
    assert.equal(versionStatus(ruleSets, example, '2026-03-31'), 'in_force')
    assert.equal(versionStatus(ruleSets, revised, '2026-03-31'), 'scheduled')
    assert.equal(versionStatus(ruleSets, example, '2026-04-01'), 'superseded')
    assert.equal(versionStatus(ruleSets, revised, '2026-04-01'), 'in_force')
    assert.equal(versionStatus(ruleSets, women, '2026-04-01'), 'in_force', 'each population has its own version in force')
  })

  it('refuses an edited rule set that could not decide anything', () => {
    assert.equal(ruleSetProblem({ ...example, criteria: [] }), 'no_criteria')
    assert.equal(ruleSetProblem({ ...example, criteria: [{ key: 'a' }, { key: 'a' }] }), 'duplicate_criterion')
    assert.equal(ruleSetProblem({ ...example, score: { items: 10, itemThreshold: 11 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...example, score: { items: 10, itemThreshold: 0 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...example, score: { items: 10, itemThreshold: 7, indicators: 4 } }), 'indicator_rule_incomplete')
    assert.equal(ruleSetProblem({ ...example, score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 5 } }), 'threshold_out_of_range')
    assert.equal(ruleSetProblem({ ...example, effectiveFrom: '2026-02-30' }), 'bad_effective_date')
    assert.equal(ruleSetProblem({ ...example, effectiveFrom: '1 April 2026' }), 'bad_effective_date')
  })

  it('takes a new version only with known questions, from today, after the latest version', () => {
    const today = '2026-05-10'
    const next = { ...example, version: '2', effectiveFrom: '2026-06-01' }
    assert.equal(newVersionProblem(next, example, today), null)
    assert.equal(newVersionProblem({ ...next, effectiveFrom: today }, example, today), null, 'from today is allowed')
    assert.equal(newVersionProblem({ ...next, effectiveFrom: '2026-05-09' }, example, today), 'effective_in_past')
    assert.equal(newVersionProblem({ ...next, effectiveFrom: '2026-06-01' }, { ...example, effectiveFrom: '2026-06-01' }, today), 'effective_not_after_latest')
    assert.equal(newVersionProblem({ ...next, criteria: [{ key: 'likes_cats' }] }, example, today), 'unknown_criterion')
    assert.equal(newVersionProblem({ ...next, criteria: [] }, example, today), 'no_criteria', 'the rule set checks come first')
  })

  it('numbers a new version after the highest, whatever order versions come in', () => {
    assert.equal(nextVersion([]), '1')
    assert.equal(nextVersion(['1']), '2')
    assert.equal(nextVersion(['2', '10', '9']), '11')
  })
})

describe('who is screened against which criteria, and the outcome that stands', () => {
  it("takes the population from the person's recorded sex where it says", () => {
    assert.equal(populationOf('female'), 'women')
    assert.equal(populationOf('male'), 'men')
    assert.equal(populationOf('not_known'), undefined)
    assert.equal(populationOf('prefer_not_to_say'), undefined)
    assert.equal(populationOf(null), undefined)
  })

  it("lets a clinician's override stand over the computed outcome", () => {
    assert.equal(standingOutcome({ computed_outcome: 'consider', override_outcome: null }), 'consider')
    assert.equal(standingOutcome({ computed_outcome: 'consider', override_outcome: 'screened_in' }), 'screened_in')
  })

  it('allows one override per screening, to an outcome other than the computed one', () => {
    assert.equal(overrideProblem({ computed_outcome: 'consider', override_outcome: null }, 'screened_in'), null)
    assert.equal(overrideProblem({ computed_outcome: 'screened_in', override_outcome: null }, 'screened_out'), null)
    assert.equal(overrideProblem({ computed_outcome: 'screened_in', override_outcome: null }, 'screened_in'), 'same_as_computed')
    assert.equal(overrideProblem({ computed_outcome: 'consider', override_outcome: 'screened_out' }, 'screened_in'), 'already_overridden')
  })
})
