import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { projectRoot } from '../../platform/app.ts'
import { isAuditEvent } from '../../platform/audit/index.ts'
import { purposes } from '../../platform/auth/scope.ts'
import { loadContent } from '../../platform/content/content.ts'
import { agreementForm, breakGlassReviewForm } from './forms.ts'
import { agreementStatus, dataCategories, isHealthOnly, lastDayWhenEndedOn, readDate, reviewRefusal } from './rules.ts'

describe('information-governance rules', () => {
  it('tells whether an agreement is in force on a day, both of its dates included', () => {
    const agreement = { starts_on: '2026-04-01', ends_on: '2027-03-31' }
    assert.equal(agreementStatus(agreement, '2026-03-31'), 'not_started')
    assert.equal(agreementStatus(agreement, '2026-04-01'), 'current')
    assert.equal(agreementStatus(agreement, '2027-03-31'), 'current')
    assert.equal(agreementStatus(agreement, '2027-04-01'), 'ended')
    assert.equal(agreementStatus({ starts_on: '2026-04-01', ends_on: null }, '2099-01-01'), 'current')
    assert.equal(agreementStatus({ starts_on: '2099-01-01', ends_on: '2026-11-24' }, '2026-11-25'), 'ended', 'ended before it started')
  })

  it('ends an agreement on the day before, across months, years and leap days', () => {
    assert.equal(lastDayWhenEndedOn('2026-11-25'), '2026-11-24')
    assert.equal(lastDayWhenEndedOn('2026-03-01'), '2026-02-28')
    assert.equal(lastDayWhenEndedOn('2028-03-01'), '2028-02-29')
    assert.equal(lastDayWhenEndedOn('2027-01-01'), '2026-12-31')
  })

  it('reads a typed date, refusing impossible ones rather than rolling them over', () => {
    assert.deepEqual(readDate({}), { state: 'empty' })
    assert.deepEqual(readDate({ day: ' ', month: '', year: '' }), { state: 'empty' })
    assert.deepEqual(readDate({ day: '1', year: '2026' }), { state: 'incomplete' })
    assert.deepEqual(readDate({ day: '31', month: '2', year: '2026' }), { state: 'impossible' })
    assert.deepEqual(readDate({ day: '1', month: '2', year: '26' }), { state: 'impossible' })
    assert.deepEqual(readDate({ day: ['1'], month: '2', year: '2026' }), { state: 'incomplete' }, 'a repeated field is not a date')
    assert.deepEqual(readDate({ day: ' 9 ', month: '03', year: '2026' }), { state: 'date', date: '2026-03-09' })
  })

  it('marks clinical notes, diagnoses and formulations as health-only', () => {
    assert.deepEqual(dataCategories.filter(isHealthOnly), ['clinical_note', 'diagnosis', 'clinical_formulation', 'outcome_measure'])
  })

  it('lets nobody review their own use of break-glass, or review a use twice', () => {
    const waiting = { user_id: 'u1', reviewed_at: null }
    assert.equal(reviewRefusal(waiting, 'u2'), null)
    assert.equal(reviewRefusal(waiting, 'u1'), 'own_use')
    assert.equal(reviewRefusal({ user_id: 'u1', reviewed_at: '2026-11-25T10:00:00.000Z' }, 'u2'), 'already_reviewed')
  })
})

describe('information-governance forms', () => {
  const complete = { name: 'Pathway agreement', parties: 'p1', purposes: ['direct_care', 'direct_care'], categories: 'identity', 'startsOn-day': '1', 'startsOn-month': '4', 'startsOn-year': '2026' }
  const problems = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
    (result.error?.issues ?? []).map((issue) => [issue.path[0], issue.message])

  it('reads an agreement, its ticked boxes as lists without repeats, and an empty end date as none', () => {
    const parsed = agreementForm.parse(complete)
    assert.deepEqual(parsed, { name: 'Pathway agreement', parties: ['p1'], purposes: ['direct_care'], categories: ['identity'], startsOn: '2026-04-01', endsOn: null })
  })

  it('reports every problem at once, the date problems on the day box', () => {
    const result = agreementForm.safeParse({ 'startsOn-month': '4', 'endsOn-day': '30', 'endsOn-month': '2', 'endsOn-year': '2027' })
    assert.deepEqual(problems(result), [
      ['name', 'access.newAgreement.errors.nameMissing'],
      ['parties', 'access.newAgreement.errors.partiesMissing'],
      ['purposes', 'access.newAgreement.errors.purposesMissing'],
      ['categories', 'access.newAgreement.errors.categoriesMissing'],
      ['startsOn-day', 'access.newAgreement.errors.startsOn.incomplete'],
      ['endsOn-day', 'access.newAgreement.errors.endsOn.impossible'],
    ])
  })

  it('wants the end date after the start date, even while other fields still need fixing', () => {
    const result = agreementForm.safeParse({ ...complete, name: '', 'endsOn-day': '1', 'endsOn-month': '4', 'endsOn-year': '2026' })
    assert.deepEqual(problems(result), [
      ['name', 'access.newAgreement.errors.nameMissing'],
      ['endsOn-day', 'access.newAgreement.errors.endsOn.notAfterStart'],
    ])
  })

  it('needs a note only when a use of break-glass was not appropriate', () => {
    assert.deepEqual(breakGlassReviewForm.parse({ outcome: 'appropriate', note: '  ' }), { outcome: 'appropriate', note: null })
    assert.deepEqual(problems(breakGlassReviewForm.safeParse({ outcome: 'inappropriate', note: ' ' })), [['note', 'access.review.errors.noteMissing']])
  })

  it('has words for every key the module names, and for every code it shows', () => {
    const content = loadContent(path.join(projectRoot, 'content'), { strict: true })
    const moduleDir = path.dirname(fileURLToPath(import.meta.url))
    const files = fs.readdirSync(moduleDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(ts|njk)$/.test(file) && !file.endsWith('.test.ts'))
    const named = files.flatMap((file) => [...fs.readFileSync(path.join(moduleDir, file), 'utf8').matchAll(/["'](access\.[\w.]+\w)["']/g)].map((match) => match[1]!))
      // Audit event names look like keys too.
      .filter((key) => !isAuditEvent(key))
    const built = [
      ...purposes.map((purpose) => `access.purposes.${purpose}`),
      ...dataCategories.map((category) => `access.categories.${category}`),
      ...['not_started', 'current', 'ended'].map((status) => `access.statuses.${status}`),
      ...['appropriate', 'inappropriate'].map((outcome) => `access.breakGlass.outcomes.${outcome}`),
      ...['empty', 'incomplete', 'impossible'].map((state) => `access.newAgreement.errors.startsOn.${state}`),
      ...['incomplete', 'impossible', 'notAfterStart'].map((state) => `access.newAgreement.errors.endsOn.${state}`),
      ...['nameMissing', 'nameTooLong', 'partiesMissing', 'purposesMissing', 'categoriesMissing'].map((name) => `access.newAgreement.errors.${name}`),
      ...['outcomeMissing', 'noteMissing', 'noteTooLong'].map((name) => `access.review.errors.${name}`),
    ]
    assert.ok(named.length > 50, 'the scan finds the keys')
    for (const key of new Set([...named, ...built])) assert.ok(content.has(key), key)
  })
})
