import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../platform/app.ts'
import { loadContent } from '../../platform/content/content.ts'
import type { EligibilityRule } from '../services/index.ts'
import { evaluateEligibility, needsOverrideReason, wholeMonths, wholeYears, type Because, type EligibilityFacts, type EligibilityOutcome } from './eligibility.ts'

// The reason as its message name and values, so the tests pin the reasoning, not the prose.
const shortly = (reason: Because) => `${reason.key.replace('referrals.eligibility.reasons.', '')}${reason.params ? ` ${JSON.stringify(reason.params)}` : ''}`

const facts: EligibilityFacts = {
  today: '2026-03-15',
  dateOfBirth: '2006-03-15',
  sex: 'male',
  locationArea: 'London',
  managingOrganisations: [{ id: '0190a000-0000-7000-8000-000000000001', name: 'Marchfield North PDU' }],
  sentenceEndOn: '2027-03-15',
  riskOfSeriousHarm: 'high',
  screening: 'screened_in',
}

function verdict(rule: EligibilityRule, changes: Partial<EligibilityFacts> = {}): [EligibilityOutcome, string] {
  const [only] = evaluateEligibility([rule], { ...facts, ...changes })
  assert.ok(only)
  assert.equal(only.rule, rule)
  return [only.outcome, shortly(only.reason)]
}

describe('eligibility: age range', () => {
  const youngAdults: EligibilityRule = { kind: 'age', minAge: 18, maxAge: 21 }

  it('is met from the birthday that reaches the lower age to the day before the one past the upper age', () => {
    assert.deepEqual(verdict(youngAdults), ['met', 'age {"age":20}'])
    assert.deepEqual(verdict(youngAdults, { dateOfBirth: '2008-03-15' }), ['met', 'age {"age":18}'], 'on the 18th birthday')
    assert.deepEqual(verdict(youngAdults, { dateOfBirth: '2004-03-16' }), ['met', 'age {"age":21}'], 'the day before the 22nd birthday')
  })

  it('is not met the day before the lower age, nor on the birthday past the upper age', () => {
    assert.deepEqual(verdict(youngAdults, { dateOfBirth: '2008-03-16' }), ['not_met', 'ageTooYoung {"age":17}'])
    assert.deepEqual(verdict(youngAdults, { dateOfBirth: '2004-03-15' }), ['not_met', 'ageTooOld {"age":22}'])
  })

  it('takes an open-ended range from either side', () => {
    assert.equal(verdict({ kind: 'age', minAge: 18, maxAge: null }, { dateOfBirth: '1950-01-01' })[0], 'met')
    assert.equal(verdict({ kind: 'age', minAge: null, maxAge: 25 }, { dateOfBirth: '1950-01-01' })[0], 'not_met')
  })

  it('is unknown without a date of birth', () => {
    assert.deepEqual(verdict(youngAdults, { dateOfBirth: null }), ['unknown', 'ageUnknown'])
  })
})

describe('eligibility: sex', () => {
  const women: EligibilityRule = { kind: 'sex', sexes: ['female'] }

  it('is met or not met by the sex recorded on the person, named in the reason', () => {
    assert.deepEqual(verdict(women, { sex: 'female' }), ['met', 'sex {"sex":"Female"}'])
    assert.deepEqual(verdict(women), ['not_met', 'sex {"sex":"Male"}'])
    assert.equal(verdict({ kind: 'sex', sexes: ['female', 'male'] })[0], 'met')
  })

  it('is unknown when the sex is not recorded, not known or the person preferred not to say', () => {
    for (const sex of [null, 'not_known', 'prefer_not_to_say']) assert.deepEqual(verdict(women, { sex }), ['unknown', 'sexUnknown'], String(sex))
  })
})

describe('eligibility: sentence left to serve', () => {
  const twelveMonths: EligibilityRule = { kind: 'sentence_left', minMonths: 12 }

  it('is met with at least the months asked for left from today to the sentence end date in the referral', () => {
    assert.deepEqual(verdict(twelveMonths), ['met', 'sentenceLeft {"months":12,"date":"2027-03-15"}'])
  })

  it('is not met a day short, nor when the sentence has ended', () => {
    assert.deepEqual(verdict(twelveMonths, { sentenceEndOn: '2027-03-14' }), ['not_met', 'sentenceLeft {"months":11,"date":"2027-03-14"}'])
    assert.deepEqual(verdict(twelveMonths, { sentenceEndOn: '2025-01-01' }), ['not_met', 'sentenceLeft {"months":0,"date":"2025-01-01"}'])
  })

  it('is unknown when the referral gives no sentence end date', () => {
    assert.deepEqual(verdict(twelveMonths, { sentenceEndOn: null }), ['unknown', 'sentenceUnknown'])
  })
})

describe('eligibility: region', () => {
  const managedId = '0190a000-0000-7000-8000-000000000001'
  const otherId = '0190a000-0000-7000-8000-000000000002'

  it('is met by an area matching the person\'s, whatever the case and spaces', () => {
    assert.deepEqual(verdict({ kind: 'region', areas: ['  london '], organisationIds: [] }), ['met', 'fromArea {"area":"London"}'])
  })

  it('is met by an organisation with an open involvement with the person, even from another area', () => {
    assert.deepEqual(verdict({ kind: 'region', areas: ['Kent'], organisationIds: [managedId] }), ['met', 'managedBy {"organisation":"Marchfield North PDU"}'])
  })

  it('is not met from another area, nor when no named organisation manages the person', () => {
    assert.deepEqual(verdict({ kind: 'region', areas: ['Kent'], organisationIds: [otherId] }), ['not_met', 'elsewhere {"area":"London"}'])
    assert.deepEqual(verdict({ kind: 'region', areas: [], organisationIds: [otherId] }, { locationArea: null }), ['not_met', 'notManaged'])
  })

  it('is unknown when an area is asked for and the person\'s area is not recorded', () => {
    assert.deepEqual(verdict({ kind: 'region', areas: ['London'], organisationIds: [otherId] }, { locationArea: '  ' }), ['unknown', 'areaUnknown'])
  })
})

describe('eligibility: risk of serious harm', () => {
  const highRisk: EligibilityRule = { kind: 'risk_level', riskLevels: ['high', 'very_high'] }

  it('is met or not met by the level given in the referral', () => {
    assert.deepEqual(verdict(highRisk), ['met', 'risk {"level":"High"}'])
    assert.deepEqual(verdict(highRisk, { riskOfSeriousHarm: 'medium' }), ['not_met', 'risk {"level":"Medium"}'])
  })

  it('is unknown when the referral gives no level', () => {
    assert.deepEqual(verdict(highRisk, { riskOfSeriousHarm: null }), ['unknown', 'riskUnknown'])
  })
})

describe('eligibility: screened in to the OPD pathway', () => {
  const screenedIn: EligibilityRule = { kind: 'opd_screened_in', screenedIn: true }
  const notScreenedIn: EligibilityRule = { kind: 'opd_screened_in', screenedIn: false }

  it('is met by a latest screening (or override) that screened the person in, not met by one that screened them out', () => {
    assert.deepEqual(verdict(screenedIn), ['met', 'screenedIn'])
    assert.deepEqual(verdict(screenedIn, { screening: 'screened_out' }), ['not_met', 'screenedOut'])
  })

  it('turns round for a service for people not screened in', () => {
    assert.deepEqual(verdict(notScreenedIn), ['not_met', 'screenedIn'])
    assert.deepEqual(verdict(notScreenedIn, { screening: 'screened_out' }), ['met', 'screenedOut'])
  })

  it('is unknown without a screening, and when the outcome is "consider" (a clinician\'s judgement)', () => {
    assert.deepEqual(verdict(screenedIn, { screening: undefined }), ['unknown', 'notScreened'])
    assert.deepEqual(verdict(screenedIn, { screening: 'consider' }), ['unknown', 'screeningConsider'])
    assert.deepEqual(verdict(notScreenedIn, { screening: 'consider' }), ['unknown', 'screeningConsider'])
  })
})

describe('eligibility as a whole', () => {
  const rules: EligibilityRule[] = [
    { kind: 'age', minAge: 18, maxAge: 21 },
    { kind: 'sex', sexes: ['male'] },
    { kind: 'opd_screened_in', screenedIn: true },
  ]

  it('keeps the service\'s order, and asks for an override reason only when a rule is not met', () => {
    const allMet = evaluateEligibility(rules, facts)
    assert.deepEqual(allMet.map((each) => each.rule.kind), ['age', 'sex', 'opd_screened_in'])
    assert.equal(needsOverrideReason(allMet), false)
    assert.equal(needsOverrideReason(evaluateEligibility(rules, { ...facts, screening: undefined, sex: null })), false, 'unknowns alone do not')
    assert.equal(needsOverrideReason(evaluateEligibility(rules, { ...facts, sex: 'female' })), true)
    assert.equal(needsOverrideReason(evaluateEligibility([], facts)), false, 'a service without rules takes anyone')
  })

  it('gives every reason a message in the content', () => {
    const content = loadContent(path.join(projectRoot, 'content'), { strict: true })
    const said = (reason: Because | undefined) => content.t(reason?.key ?? 'missing', reason?.params)
    const [age, sex, screening] = evaluateEligibility(rules, { ...facts, sex: 'female', screening: 'consider' })
    assert.equal(said(age?.reason), '20 years old')
    assert.equal(said(sex?.reason), 'Sex recorded as Female')
    assert.match(said(screening?.reason), /consider/i)
    const reasons = readFileSync(new URL('./eligibility.ts', import.meta.url), 'utf8').matchAll(/because\('([\w.]+)'/g)
    for (const [, key] of reasons) assert.ok(content.has(key ?? ''), `${key} is in the content`)
  })
})

describe('whole years and months between dates', () => {
  it('counts a year or month only once its day is reached', () => {
    assert.equal(wholeYears('2000-02-29', '2021-02-28'), 20)
    assert.equal(wholeYears('2000-02-29', '2021-03-01'), 21)
    assert.equal(wholeMonths('2026-01-31', '2026-02-28'), 0)
    assert.equal(wholeMonths('2026-01-15', '2026-02-15'), 1)
    assert.equal(wholeMonths('2026-03-15', '2026-01-16'), -1)
  })
})
