import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { loadContent } from '../../platform/content/content.ts'
import {
  readAliasFields,
  readClosingFields,
  readDateField,
  readDetailsFields,
  readIdentifierEndFields,
  readIdentifierFields,
  readLanguageFields,
  readLocationFields,
  readNeedEndFields,
  readNeedFields,
  readPersonFields,
  readTeamField,
  type Reading,
  type TypedFields,
} from './person-fields.ts'

// The words the user reads, from content/*.yml (app.ts is not needed for a pure reading).
const content = loadContent(path.resolve(import.meta.dirname, '../../../content'), { strict: true })
const today = '2026-03-01'
const valid: TypedFields = { given_name: ' Juniper ', family_name: 'Teacup', date_of_birth: '1990-04-01' }

/** The problems of a reading as `field: message`, in the words the user reads. */
function problems<T>(reading: Reading<T>): string[] {
  return reading.ok ? [] : reading.errors.map(({ field, key }) => `${field}: ${content.t(key)}`)
}

function value<T>(reading: Reading<T>): T {
  if (!reading.ok) assert.fail(`expected a value, got ${problems(reading).join('; ')}`)
  return reading.value
}

describe('reading a new person', () => {
  it('reads the least a record needs, trimming names and leaving the rest empty', () => {
    assert.deepEqual(value(readPersonFields(valid, { today })), {
      givenName: 'Juniper',
      familyName: 'Teacup',
      dateOfBirth: '1990-04-01',
      sex: null,
      genderIdentity: null,
      pronouns: null,
      locationKind: null,
      locationEstablishment: null,
      locationArea: null,
      preferredLanguage: null,
      interpreterNeeded: false,
      communicationNeeds: null,
      reasonableAdjustments: null,
      identifiers: [],
      aliases: [],
    })
  })

  it('reads everything a form can send, identifiers normalised', () => {
    const record = value(
      readPersonFields(
        {
          ...valid,
          sex: 'female',
          gender_identity: 'woman',
          pronouns: 'she/her',
          nhs_number: '943 476 5919',
          pnc_id: '2012/123q',
          prison_number: 'a1234bc',
          crn: ' x123456 ',
          location_kind: 'custody',
          location_establishment: 'HMP Fallowmere',
          location_area: 'left over from before',
          preferred_language: 'polish',
          interpreter_needed: 'yes',
          communication_needs: 'Easy-read letters',
        },
        { today },
      ),
    )
    assert.deepEqual(record.identifiers, [
      { kind: 'nhs_number', value: '9434765919' },
      { kind: 'pnc_id', value: '2012/0000123Q' },
      { kind: 'prison_number', value: 'A1234BC' },
      { kind: 'crn', value: 'X123456' },
    ])
    assert.equal(record.sex, 'female')
    assert.equal(record.genderIdentity, 'woman')
    assert.equal(record.locationKind, 'custody')
    assert.equal(record.locationEstablishment, 'HMP Fallowmere')
    assert.equal(record.locationArea, null, 'only the place that goes with the kind is kept')
    assert.equal(record.interpreterNeeded, true)
    assert.equal(record.preferredLanguage, 'polish')
    assert.equal(record.communicationNeeds, 'Easy-read letters')
  })

  it('reads the date of birth from the three boxes of a GOV.UK date input', () => {
    const { given_name, family_name } = valid
    const record = value(readPersonFields({ given_name, family_name, 'date_of_birth-day': '7', 'date_of_birth-month': '03', 'date_of_birth-year': '1988' }, { today }))
    assert.equal(record.dateOfBirth, '1988-03-07')
  })

  it('says every problem at once, each on its field, in GOV.UK words', () => {
    assert.deepEqual(problems(readPersonFields({}, { today })), [
      "given_name: Enter the person's given name",
      "family_name: Enter the person's family name",
      "date_of_birth: Enter the person's date of birth",
    ])
    assert.deepEqual(problems(readPersonFields({ given_name: 'x'.repeat(101), family_name: 'y'.repeat(101), date_of_birth: '1990-04-01', pronouns: 'z'.repeat(51) }, { today })), [
      'given_name: Given name must be 100 characters or fewer',
      'family_name: Family name must be 100 characters or fewer',
      'pronouns: Pronouns must be 50 characters or fewer',
    ])
  })

  it('words each identifier problem as the GOV.UK pattern does', () => {
    const cases: [TypedFields, string][] = [
      [{ nhs_number: '943476591' }, 'nhs_number: NHS number must be 10 digits'],
      [{ nhs_number: '943476591O' }, 'nhs_number: NHS number must only include numbers'],
      [{ nhs_number: '9434765918' }, "nhs_number: The NHS number's check digit does not match – check for a typo"],
      [{ pnc_id: '12/0000123Q' }, 'pnc_id: Enter a PNC ID in the format 2012/0000123Q'],
      [{ pnc_id: '2012/0000123R' }, "pnc_id: The PNC ID's check letter does not match – check for a typo"],
      [{ prison_number: '1234ABC' }, 'prison_number: Enter a prison number in the format A1234BC'],
      [{ crn: 'X12345' }, 'crn: Enter a CRN in the format X123456'],
    ]
    for (const [fields, problem] of cases) assert.deepEqual(problems(readPersonFields({ ...valid, ...fields }, { today })), [problem])
  })

  it('treats an identifier left empty, or only spaces, as not given', () => {
    assert.deepEqual(value(readPersonFields({ ...valid, nhs_number: '   ', crn: '' }, { today })).identifiers, [])
  })

  it('accepts a date of birth only when it is real, past, and not before 1900', () => {
    const dateProblem = (fields: TypedFields) => problems(readPersonFields({ given_name: 'A', family_name: 'B', ...fields }, { today }))
    assert.deepEqual(dateProblem({ 'date_of_birth-day': '31', 'date_of_birth-month': '2', 'date_of_birth-year': '1990' }), ['date_of_birth: Date of birth must be a real date'])
    assert.deepEqual(dateProblem({ 'date_of_birth-day': '1', 'date_of_birth-month': '2', 'date_of_birth-year': '90' }), ['date_of_birth: Date of birth must be a real date'])
    assert.deepEqual(dateProblem({ 'date_of_birth-day': '1', 'date_of_birth-year': '1990' }), ['date_of_birth: Date of birth must include a day, month and year'])
    assert.deepEqual(dateProblem({ date_of_birth: '1990-4-1' }), ['date_of_birth: Date of birth must be a real date'])
    assert.deepEqual(dateProblem({ date_of_birth: today }), ['date_of_birth: Date of birth must be in the past'])
    assert.deepEqual(dateProblem({ date_of_birth: '2030-01-01' }), ['date_of_birth: Date of birth must be in the past'])
    assert.deepEqual(dateProblem({ date_of_birth: '1899-12-31' }), ['date_of_birth: Date of birth must be on or after 1 January 1900'])
    assert.deepEqual(dateProblem({ date_of_birth: '1900-01-01' }), [])
    assert.deepEqual(dateProblem({ date_of_birth: '2026-02-28' }), [], 'yesterday is in the past')
    assert.deepEqual(dateProblem({ date_of_birth: '2024-02-29' }), [], 'a leap day')
  })

  it('refuses codes that are not in the code lists, as a tampered form or a mistyped import would send', () => {
    assert.deepEqual(problems(readPersonFields({ ...valid, sex: 'F', gender_identity: 'wizard', preferred_language: 'klingon', location_kind: 'moon', interpreter_needed: 'maybe' }, { today })), [
      "sex: Select the person's sex registered at birth from the list",
      "gender_identity: Select the person's gender identity from the list",
      'location_kind: Select where the person is now',
      "preferred_language: Select the person's preferred language from the list",
      'interpreter_needed: Select whether the person needs an interpreter',
    ])
  })

  it('asks for the establishment or the area that goes with where the person is', () => {
    assert.deepEqual(problems(readLocationFields({ location_kind: 'custody' })), ['location_establishment: Enter the prison or other establishment'])
    assert.deepEqual(problems(readLocationFields({ location_kind: 'community', location_area: '  ' })), ['location_area: Enter the area'])
    assert.deepEqual(value(readLocationFields({ location_kind: 'unknown', location_establishment: 'HMP Fallowmere', location_area: 'Marchfield' })), { locationKind: 'unknown', locationEstablishment: null, locationArea: null })
    assert.deepEqual(value(readLocationFields({ location_kind: 'community', location_area: 'Marchfield North' })), { locationKind: 'community', locationEstablishment: null, locationArea: 'Marchfield North' })
    assert.deepEqual(value(readLocationFields({})), { locationKind: null, locationEstablishment: null, locationArea: null })
  })
})

describe('reading one section of a record', () => {
  it('reads the identity details alone, as the details page posts them', () => {
    assert.deepEqual(value(readDetailsFields({ ...valid, sex: 'not_known', pronouns: 'they/them' }, { today })), {
      givenName: 'Juniper',
      familyName: 'Teacup',
      dateOfBirth: '1990-04-01',
      sex: 'not_known',
      genderIdentity: null,
      pronouns: 'they/them',
    })
    assert.deepEqual(problems(readDetailsFields({ ...valid, given_name: '' }, { today })), ["given_name: Enter the person's given name"])
  })

  it('reads language and communication; no answer about an interpreter means none is needed', () => {
    assert.deepEqual(value(readLanguageFields({ preferred_language: 'british_sign_language', interpreter_needed: 'yes', reasonable_adjustments: 'Appointments in the afternoon' })), {
      preferredLanguage: 'british_sign_language',
      interpreterNeeded: true,
      communicationNeeds: null,
      reasonableAdjustments: 'Appointments in the afternoon',
    })
    assert.equal(value(readLanguageFields({})).interpreterNeeded, false)
    assert.deepEqual(problems(readLanguageFields({ communication_needs: 'x'.repeat(2001) })), ['communication_needs: Communication needs must be 2,000 characters or fewer'])
  })

  it('reads an identifier to add by its kind, with the same checks as the new-person form, on the value field', () => {
    assert.deepEqual(value(readIdentifierFields({ kind: 'prison_number', value: 'b 9876 yx' })), { kind: 'prison_number', value: 'B9876YX' })
    assert.deepEqual(problems(readIdentifierFields({ kind: 'nhs_number', value: '9434765918' })), ["value: The NHS number's check digit does not match – check for a typo"])
    assert.deepEqual(problems(readIdentifierFields({ kind: 'crn', value: '' })), ['value: Enter the identifier'])
    assert.deepEqual(problems(readIdentifierFields({ kind: 'passport', value: '123' })), ['kind: Select which identifier to add'])
  })

  it('reads an alias with its kind and both names', () => {
    assert.deepEqual(value(readAliasFields({ alias_type: 'previous_name', given_name: 'Juniper', family_name: 'Marmalade-Finch' })), { aliasType: 'previous_name', givenName: 'Juniper', familyName: 'Marmalade-Finch' })
    assert.deepEqual(problems(readAliasFields({ family_name: 'Teacup' })), ['alias_type: Select what kind of name this is', "given_name: Enter the person's given name"])
  })

  it('reads a need with its source and the day it was identified, never in the future', () => {
    assert.deepEqual(value(readNeedFields({ need: 'homelessness', source: 'self_reported', 'started_on-day': '2', 'started_on-month': '1', 'started_on-year': '2026' }, { today })), { need: 'homelessness', source: 'self_reported', startedOn: '2026-01-02' })
    assert.deepEqual(problems(readNeedFields({ need: 'astrology', 'started_on-day': '2', 'started_on-month': '4', 'started_on-year': '2026' }, { today })), [
      'need: Select the need',
      'source: Select where you learned of the need',
      'started_on: The date the need was identified must be today or in the past',
    ])
  })

  it('ends a need no earlier than it started', () => {
    const ended = (day: string) => readNeedEndFields({ 'ended_on-day': day, 'ended_on-month': '2', 'ended_on-year': '2026' }, '2026-02-10', { today })
    assert.equal(value(ended('10')), '2026-02-10')
    assert.deepEqual(problems(ended('9')), ['ended_on: The date the need ended must be on or after the date it was identified'])
    assert.deepEqual(problems(readNeedEndFields({}, null, { today })), ['ended_on: Enter the date the need ended'])
  })

  it('reads coded reasons, a team from those offered, and an optional note', () => {
    assert.equal(value(readIdentifierEndFields({ reason: 'recorded_in_error' })), 'recorded_in_error')
    assert.deepEqual(problems(readIdentifierEndFields({ reason: 'bored' })), ['reason: Select why the identifier is no longer current'])
    assert.equal(value(readTeamField({ team_id: 'team-b' }, ['team-a', 'team-b'])), 'team-b')
    assert.deepEqual(problems(readTeamField({ team_id: 'team-c' }, ['team-a', 'team-b'])), ['team_id: Select the team that will work with the person'])
    assert.deepEqual(value(readClosingFields({ reason: 'released', note: ' ' })), { reason: 'released', note: null })
    assert.deepEqual(problems(readClosingFields({ reason: '', note: 'x'.repeat(2001) })), ['reason: Select why the work is ending', 'note: The note must be 2,000 characters or fewer'])
    // Only a referral's status machine closes an involvement because the referral ended.
    assert.deepEqual(problems(readClosingFields({ reason: 'referral_declined', note: '' })), ['reason: Select why the work is ending'])
  })
})

describe('reading a typed date', () => {
  it('never rolls an impossible date over into a real one', () => {
    const boxes = (day: string, month: string, year: string) => readDateField({ 'd-day': day, 'd-month': month, 'd-year': year }, 'd')
    assert.deepEqual(boxes('29', '2', '2023'), { state: 'notReal' })
    assert.deepEqual(boxes('0', '1', '2000'), { state: 'notReal' })
    assert.deepEqual(boxes('1', '13', '2000'), { state: 'notReal' })
    assert.deepEqual(boxes(' 1 ', ' 1 ', ' 2000 '), { state: 'date', date: '2000-01-01' })
    assert.deepEqual(boxes('', '', ''), { state: 'empty' })
    assert.deepEqual(readDateField({ d: '2000-02-30' }, 'd'), { state: 'notReal' })
  })
})
