import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../platform/app.ts'
import { loadRoles } from '../../platform/auth/roles.ts'
import { loadContent } from '../../platform/content/content.ts'
import { organisationTypes } from '../../platform/db/schema.ts'
import { documentTypes } from '../../platform/files/index.ts'
import { auditEvents } from '../../platform/audit/index.ts'
import { demoDataset } from '../demo/index.ts'
import { eligibilityRuleInput, elementForm, serviceDetailsForm } from './forms.ts'
import {
  describeEligibilityRule,
  eligibilityRuleKinds,
  eligibilityRuleSchemas,
  eligibleSexes,
  fileSizeInWords,
  isServiceSlug,
  managerScope,
  referringRoles,
  requestedSettings,
  riskLevels,
  ruleParameters,
  serviceSettings,
  slugFor,
  storedEligibilityRule,
  type EligibilityRule,
  type EligibilityRuleKind,
} from './rules.ts'

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })
const organisationNames: Record<string, string> = { '0190e6a0-0000-7000-8000-000000000001': 'Marchfield North Probation Delivery Unit', '0190e6a0-0000-7000-8000-000000000002': 'HMP Cinderbank' }
const words = { t: content.t, organisationName: (id: string) => organisationNames[id] }
const describe_ = (rule: EligibilityRule) => describeEligibilityRule(rule, words)

/** The content keys of the problems a kind's form shows for `fields` (field → key), or null when it is valid. */
function problems(kind: EligibilityRuleKind, fields: Record<string, unknown>): Record<string, string> | null {
  const result = eligibilityRuleSchemas[kind].safeParse(eligibilityRuleInput(kind, fields))
  if (result.success) return null
  for (const issue of result.error.issues) assert.ok(content.has(issue.message), `content has ${issue.message}`)
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
}

describe('where services work', () => {
  it('reads the filter from one value or many, in a stable order, ignoring unknown values', () => {
    assert.deepEqual(requestedSettings({}), [])
    assert.deepEqual(requestedSettings({ setting: 'court' }), ['court'])
    assert.deepEqual(requestedSettings({ setting: ['housing', 'prison', 'moon', 'custody'] }), ['prison', 'housing'])
    assert.deepEqual(requestedSettings({ setting: ['court', 'court'] }), ['court'])
  })
})

describe('service slugs', () => {
  it('accepts only lower-case slugs of letters, digits and single hyphens', () => {
    for (const slug of ['fallowmere-pipe', 'a', 'iom-2']) assert.equal(isServiceSlug(slug), true, slug)
    for (const slug of ['', 'Fallowmere-pipe', 'a--b', '-a', 'a-', 'a_b', "a'", 'a b', '../x', 'x'.repeat(101), undefined, 7]) {
      assert.equal(isServiceSlug(slug), false, String(slug))
    }
  })

  it('makes a slug from a name, with a number when the plain one is taken, always a valid slug', () => {
    assert.equal(slugFor("Women's case management"), 'womens-case-management')
    assert.equal(slugFor('Fallowmere PIPE wing', 2), 'fallowmere-pipe-wing-2')
    assert.equal(slugFor('Café & Co — Ōsaka'), 'cafe-co-osaka')
    assert.equal(slugFor('!!!'), 'service')
    assert.equal(slugFor('x'.repeat(150), 12).length, 100)
    for (const name of ["Women's case management", '!!!', 'x'.repeat(150), ' - a - ', 'Ünïcode  ñame 9']) {
      for (const attempt of [1, 2, 37]) assert.equal(isServiceSlug(slugFor(name, attempt)), true, `${name} ${attempt}`)
    }
  })
})

describe('who manages which services', () => {
  it('scopes a service manager to their organisation and a system administrator to every one', () => {
    const organisationId = '0190e6a0-0000-7000-8000-00000000000a'
    assert.deepEqual(managerScope({ organisationId, capabilities: new Set(['service:manage']) }), { organisationId, everyOrganisation: false })
    assert.deepEqual(managerScope({ organisationId, capabilities: new Set(['service:manage', 'system:administer']) }), { organisationId, everyOrganisation: true })
  })

  it('offers as referrers exactly the roles that may make referrals', () => {
    const roles = loadRoles(content)
    const keys = referringRoles(roles).map((role) => role.key)
    assert.deepEqual(keys, [...roles.values()].filter((role) => role.capabilities.includes('referral:create')).map((role) => role.key))
    assert.ok(keys.includes('probation_officer'))
    assert.ok(!keys.includes('volunteer') && !keys.includes('service_manager'))
  })
})

describe('eligibility rules', () => {
  it('accepts each kind with its parameters and puts it in words', () => {
    const cases: Array<[Record<string, unknown>, EligibilityRuleKind, string]> = [
      [{ minAge: '18', maxAge: '21' }, 'age', 'Aged 18 to 21'],
      [{ minAge: '18', maxAge: '' }, 'age', 'Aged 18 or over'],
      [{ minAge: ' ', maxAge: '65' }, 'age', 'Aged 65 or under'],
      [{ minAge: '30', maxAge: '30' }, 'age', 'Aged 30 to 30'],
      [{ sexes: 'female' }, 'sex', 'Women only'],
      [{ sexes: ['male'] }, 'sex', 'Men only'],
      [{ sexes: ['male', 'female', 'male'] }, 'sex', 'Women and men'],
      [{ minMonths: '12' }, 'sentence_left', 'At least 12 months left to serve'],
      [{ minMonths: '1' }, 'sentence_left', 'At least 1 month left to serve'],
      [{ areas: 'London\r\n\r\n  Kent  \n' }, 'region', 'From London or Kent'],
      [{ areas: 'London\nKent\nEssex' }, 'region', 'From London, Kent or Essex'],
      [{ organisationIds: Object.keys(organisationNames) }, 'region', 'Managed by Marchfield North Probation Delivery Unit or HMP Cinderbank'],
      [{ areas: 'London', organisationIds: '0190e6a0-0000-7000-8000-000000000002' }, 'region', 'From London, or managed by HMP Cinderbank'],
      [{ riskLevels: ['very_high', 'high'] }, 'risk_level', 'Assessed as high or very high risk of serious harm'],
      [{ screenedIn: 'yes' }, 'opd_screened_in', 'Screened in to the offender personality disorder (OPD) pathway'],
      [{ screenedIn: 'no' }, 'opd_screened_in', 'Not screened in to the offender personality disorder (OPD) pathway'],
    ]
    for (const [fields, kind, words] of cases) {
      const parsed = eligibilityRuleSchemas[kind].safeParse(eligibilityRuleInput(kind, fields))
      assert.ok(parsed.success, `${kind} ${JSON.stringify(fields)}: ${JSON.stringify(parsed.error?.issues)}`)
      assert.equal(describe_(parsed.data as EligibilityRule), words)
    }
  })

  it('says what is wrong with each kind, on the field to fix', () => {
    const p = (name: string) => `services.eligibility.errors.${name}`
    assert.deepEqual(problems('age', {}), { minAge: p('ageMissing') })
    assert.deepEqual(problems('age', { minAge: '22', maxAge: '18' }), { maxAge: p('ageOrder') })
    assert.deepEqual(problems('age', { minAge: 'eighteen' }), { minAge: p('ageNotWhole') })
    assert.deepEqual(problems('age', { minAge: '18.5' }), { minAge: p('ageNotWhole') })
    assert.deepEqual(problems('age', { maxAge: '121' }), { maxAge: p('ageRange') })
    assert.deepEqual(problems('age', { minAge: '-1' }), { minAge: p('ageRange') })
    assert.deepEqual(problems('sex', {}), { sexes: p('sexMissing') })
    assert.deepEqual(problems('sex', { sexes: 'unknown' }), { sexes: p('sexMissing') })
    assert.deepEqual(problems('sentence_left', {}), { minMonths: p('monthsNotWhole') })
    assert.deepEqual(problems('sentence_left', { minMonths: '0' }), { minMonths: p('monthsRange') })
    assert.deepEqual(problems('sentence_left', { minMonths: 'a year' }), { minMonths: p('monthsNotWhole') })
    assert.deepEqual(problems('region', { areas: '\n \n' }), { areas: p('regionMissing') })
    assert.deepEqual(problems('region', { areas: 'x'.repeat(101) }), { areas: p('areaTooLong') })
    assert.deepEqual(problems('region', { areas: Array.from({ length: 21 }, (_, index) => `Area ${index}`).join('\n') }), { areas: p('tooManyAreas') })
    assert.deepEqual(problems('region', { organisationIds: "1' or '1'='1" }), { organisationIds: p('organisationUnknown') })
    assert.deepEqual(problems('risk_level', {}), { riskLevels: p('riskMissing') })
    assert.deepEqual(problems('risk_level', { riskLevels: 'extreme' }), { riskLevels: p('riskMissing') })
    assert.deepEqual(problems('opd_screened_in', { screenedIn: 'maybe' }), { screenedIn: p('screenedInMissing') })
  })

  it('stores a rule as its kind and parameters, and reads back only a valid one', () => {
    const rule: EligibilityRule = { kind: 'age', minAge: 18, maxAge: 21 }
    assert.deepEqual(ruleParameters(rule), { minAge: 18, maxAge: 21 })
    assert.deepEqual(storedEligibilityRule('age', ruleParameters(rule)), rule)
    assert.deepEqual(storedEligibilityRule('sentence_left', { minMonths: 12 }), { kind: 'sentence_left', minMonths: 12 })
    assert.equal(storedEligibilityRule('age', { minAge: 30, maxAge: 20 }), null)
    assert.equal(storedEligibilityRule('shoe_size', { min: 9 }), null)
    assert.equal(storedEligibilityRule('sex', null), null)
  })

  it('names an organisation that has gone, rather than an id', () => {
    assert.equal(describe_({ kind: 'region', areas: [], organisationIds: ['0190e6a0-0000-7000-8000-00000000ffff'] }), 'Managed by an organisation no longer in Pathways')
  })
})

describe('service forms', () => {
  const details = { name: 'Lanternway drop-in', summary: 'A weekly drop-in.', settings: ['community', 'housing'], description: 'Tea and advice.', audience: 'Women.', howToRefer: 'Email us.' }

  it('keeps optional contact details empty as null and settings in their usual order', () => {
    const parsed = serviceDetailsForm.parse({ ...details, settings: ['housing', 'community', 'housing'], contactName: '  ', contactEmail: '', contactPhone: '01632 960 001' })
    assert.deepEqual(parsed.settings, ['community', 'housing'])
    assert.equal(parsed.contactName, null)
    assert.equal(parsed.contactEmail, null)
    assert.equal(parsed.contactPhone, '01632 960 001')
  })

  it('refuses a bad email address, telephone number or setting', () => {
    const messages = (fields: Record<string, unknown>) => {
      const found = serviceDetailsForm.safeParse({ ...details, ...fields }).error?.issues.map((issue) => issue.message) ?? []
      for (const message of found) assert.ok(content.has(message), `content has ${message}`)
      return found
    }
    assert.deepEqual(messages({ contactEmail: 'not an address' }), ['services.manage.details.errors.contactEmailInvalid'])
    assert.deepEqual(messages({ contactPhone: 'call us' }), ['services.manage.details.errors.contactPhoneInvalid'])
    assert.deepEqual(messages({ contactPhone: '123' }), ['services.manage.details.errors.contactPhoneInvalid'])
    assert.deepEqual(messages({ settings: 'custody' }), ['services.manage.details.errors.settingsMissing'])
    assert.deepEqual(messages({ settings: undefined }), ['services.manage.details.errors.settingsMissing'])
  })

  it('reads places as a whole number of 0 or more, or none', () => {
    const capacity = (value: unknown) => elementForm.safeParse({ name: 'Part', capacity: value })
    assert.equal(capacity('20').data?.capacity, 20)
    assert.equal(capacity(' 0 ').data?.capacity, 0)
    assert.equal(capacity('').data?.capacity, null)
    assert.equal(capacity(undefined).data?.capacity, null)
    const message = (value: unknown) => {
      const found = capacity(value).error?.issues[0]?.message ?? ''
      assert.ok(content.has(found), `content has ${found}`)
      return found
    }
    assert.equal(message('-1'), 'services.manage.element.errors.capacityNegative')
    assert.equal(message('2.5'), 'services.manage.element.errors.capacityNotWhole')
    assert.equal(message('twenty'), 'services.manage.element.errors.capacityNotWhole')
    assert.equal(message('10001'), 'services.manage.element.errors.capacityTooLarge')
  })
})

describe('file sizes in words', () => {
  it('uses bytes, KB and MB as people read them', () => {
    assert.equal(fileSizeInWords(850, content.t), '850 bytes')
    assert.equal(fileSizeInWords(120 * 1024 + 300, content.t), '120 KB')
    assert.equal(fileSizeInWords(2.45 * 1024 * 1024, content.t), '2.5 MB')
    assert.equal(fileSizeInWords(12.4 * 1024 * 1024, content.t), '12 MB')
  })
})

describe('the words of the services pages', () => {
  it('has a text for every code the pages name at run time', () => {
    const keys = [
      ...serviceSettings.map((setting) => `services.settings.${setting}`),
      ...organisationTypes.map((type) => `services.organisationTypes.${type}`),
      ...Object.keys(documentTypes).map((type) => `services.documentTypes.${type}`),
      ...eligibilityRuleKinds.flatMap((kind) => [`services.eligibility.kinds.${kind}`, `services.eligibility.kindHints.${kind}`]),
      ...riskLevels.map((level) => `services.eligibility.riskLevels.${level}`),
      ...eligibleSexes.flatMap((sex) => [`services.eligibility.sexes.${sex}`, `services.eligibility.describe.sex.${sex}`]),
      ...auditEvents.filter((event) => event.startsWith('service.')).map((event) => `services.manage.history.${event.replaceAll('.', '-')}`),
      ...Object.keys(serviceDetailsForm.shape).map((field) => `services.manage.details.fields.${field}`),
    ]
    assert.deepEqual(keys.filter((key) => !content.has(key)), [])
  })
})

describe('the demo services', () => {
  const service = (slug: string) => {
    const found = demoDataset.services.find((candidate) => candidate.slug === slug)
    assert.ok(found, slug)
    return found
  }
  const places = (slug: string) => Object.fromEntries(service(slug).elements.map((element) => [element.name, element.capacity]))

  it('have the places DOMAIN.md gives', () => {
    assert.equal(places('brackenford-pathways')['Intervention Service'], 20)
    assert.deepEqual(places('fallowmere-pipe'), { 'Engagement service': 30, 'Treatment service': 30 })
    assert.deepEqual(places('womens-case-management'), { 'Case management': 15 })
    assert.deepEqual(places('womens-supported-housing'), { 'Housing placements': 5 })
    assert.deepEqual(places('volunteer-support'), { 'Volunteer support': 50 })
    assert.ok((places('work-experience')['Work placements'] ?? 99) <= 10, 'a small number')
  })

  it('have the eligibility DOMAIN.md gives: the YOI service for men 18 to 21 with 12 months to serve, London men for the progression unit, women for the women\'s services', () => {
    const rules = (slug: string) => service(slug).eligibility.map((rule) => describe_(rule))
    assert.deepEqual(rules('brackenford-pathways'), ['Aged 18 to 21', 'Men only', 'Assessed as high or very high risk of serious harm', 'At least 12 months left to serve'])
    assert.deepEqual(rules('cinderbank-progression-unit'), ['Men only', 'From London'])
    assert.ok(rules('womens-case-management').includes('Women only'))
    assert.ok(rules('womens-supported-housing').includes('Women only'))
  })

  it('are all valid: settings, rules, referrer roles and organisation types, and fictional contact details', () => {
    const roles = new Set(referringRoles(loadRoles(content)).map((role) => role.key))
    for (const demo of demoDataset.services) {
      assert.ok(demo.settings.length > 0, demo.slug)
      for (const rule of demo.eligibility) {
        const stored = rule.kind === 'region' ? { ...rule, organisationIds: [] as string[], areas: rule.areas.length ? rule.areas : ['placeholder'] } : rule
        assert.ok(eligibilityRuleSchemas[rule.kind].safeParse(stored).success, `${demo.slug} ${rule.kind}`)
      }
      assert.deepEqual(demo.referrerRoles.filter((role) => !roles.has(role)), [], demo.slug)
      assert.match(demo.contact.email, /@([a-z]+\.)?example\.org$/, demo.slug)
      assert.match(demo.contact.phone, /^01632 960\d{3}$/, demo.slug)
    }
  })
})
