// What a user typed about a person, read once, the same way for the pages, the JSON API and
// the cohort import. Pure: no I/O. Problems come back as content keys (content/people.yml),
// each on the field it concerns, so every channel words them the same.

import { isCode } from '../../platform/content/code-lists.ts'
import type { AliasType, IdentifierKind } from '../../platform/db/schema.ts'
import { isManualClosingReason } from './rules.ts'
import { crnProblem, nhsNumberProblem, normaliseCrn, normaliseNhsNumber, normalisePncId, normalisePrisonNumber, pncIdProblem, prisonNumberProblem } from './identifiers.ts'

/** Typed values by field name; a field left out reads as one left empty. */
export type TypedFields = Record<string, string | undefined>

export interface FieldProblem {
  field: string
  /** A content key. */
  key: string
}

export type Reading<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

export type LocationKind = 'custody' | 'community' | 'unknown'

export interface PersonDetails {
  givenName: string
  familyName: string
  /** YYYY-MM-DD */
  dateOfBirth: string
  /** Codes of the sex and gender_identity code lists. */
  sex: string | null
  genderIdentity: string | null
  pronouns: string | null
}

export interface PersonLocation {
  locationKind: LocationKind | null
  locationEstablishment: string | null
  locationArea: string | null
}

export interface PersonLanguage {
  /** A code of the language code list. */
  preferredLanguage: string | null
  interpreterNeeded: boolean
  communicationNeeds: string | null
  reasonableAdjustments: string | null
}

export interface PersonIdentifier {
  kind: IdentifierKind
  /** Normalised (identifiers.ts). */
  value: string
}

export interface PersonAlias {
  aliasType: AliasType
  givenName: string
  familyName: string
}

/** Everything a new person record holds when it is first written. */
export interface NewPersonRecord extends PersonDetails, PersonLocation, PersonLanguage {
  identifiers: PersonIdentifier[]
  aliases: PersonAlias[]
}

export const nameMaxLength = 100
export const pronounsMaxLength = 50
export const placeMaxLength = 200
export const notesMaxLength = 2000
/** Nobody alive was born earlier; a date before it is a typing mistake. */
export const earliestDateOfBirth = '1900-01-01'

const problem = (name: string) => `people.fields.errors.${name}`

/** Collects the problems of several readers; the value is only built when there are none. */
class Problems {
  readonly list: FieldProblem[] = []
  add(field: string, name: string): null {
    this.list.push({ field, key: problem(name) })
    return null
  }
  result<T>(build: () => T): Reading<T> {
    return this.list.length > 0 ? { ok: false, errors: this.list } : { ok: true, value: build() }
  }
}

const typed = (fields: TypedFields, name: string): string => (fields[name] ?? '').trim()

function optionalText(fields: TypedFields, name: string, maximum: number, tooLong: string, problems: Problems): string | null {
  const value = typed(fields, name)
  if (value.length > maximum) return problems.add(name, tooLong)
  return value === '' ? null : value
}

function requiredName(fields: TypedFields, name: string, problemName: string, problems: Problems): string | null {
  const value = typed(fields, name)
  if (value === '') return problems.add(name, `${problemName}Missing`)
  if (value.length > nameMaxLength) return problems.add(name, `${problemName}TooLong`)
  return value
}

/** An optional answer from a code list; anything else is a tampered form or a mistyped import. */
function optionalCode(fields: TypedFields, name: string, list: string, problemName: string, problems: Problems): string | null {
  const value = typed(fields, name)
  if (value === '') return null
  return isCode(list, value) ? value : problems.add(name, problemName)
}

export type DateReading = { state: 'empty' } | { state: 'incomplete' } | { state: 'notReal' } | { state: 'date'; date: string }

/** A calendar date from day, month and year as typed; impossible dates (31 2 2026) are refused, never rolled over. */
export function readDateParts(day: string, month: string, year: string): DateReading {
  const parts = [day.trim(), month.trim(), year.trim()] as const
  const given = parts.filter((part) => part !== '')
  if (given.length === 0) return { state: 'empty' }
  if (given.length < 3) return { state: 'incomplete' }
  const [d, m, y] = parts
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { state: 'notReal' }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  const same = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
  return same ? { state: 'date', date: date.toISOString().slice(0, 10) } : { state: 'notReal' }
}

/**
 * A date typed as YYYY-MM-DD (the API, an import) or in the three boxes of a GOV.UK date
 * input (`name-day`, `name-month`, `name-year`); the single field wins when both are sent.
 */
export function readDateField(fields: TypedFields, name: string): DateReading {
  const whole = typed(fields, name)
  if (whole !== '') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(whole)
    return match ? readDateParts(match[3] ?? '', match[2] ?? '', match[1] ?? '') : { state: 'notReal' }
  }
  return readDateParts(typed(fields, `${name}-day`), typed(fields, `${name}-month`), typed(fields, `${name}-year`))
}

function dateOfBirth(fields: TypedFields, today: string, problems: Problems): string | null {
  const field = 'date_of_birth'
  const reading = readDateField(fields, field)
  switch (reading.state) {
    case 'empty':
      return problems.add(field, 'dateOfBirthMissing')
    case 'incomplete':
      return problems.add(field, 'dateOfBirthIncomplete')
    case 'notReal':
      return problems.add(field, 'dateOfBirthNotReal')
    case 'date':
      if (reading.date >= today) return problems.add(field, 'dateOfBirthNotInPast')
      if (reading.date < earliestDateOfBirth) return problems.add(field, 'dateOfBirthTooEarly')
      return reading.date
  }
}

/** How each identifier is checked, and the form field it is typed in. */
const identifierReaders: Record<IdentifierKind, { problem: (typed: string) => string | null; normalise: (typed: string) => string | null; problemName: string }> = {
  nhs_number: { problem: nhsNumberProblem, normalise: normaliseNhsNumber, problemName: 'nhsNumber' },
  pnc_id: { problem: pncIdProblem, normalise: normalisePncId, problemName: 'pncId' },
  prison_number: { problem: prisonNumberProblem, normalise: normalisePrisonNumber, problemName: 'prisonNumber' },
  crn: { problem: crnProblem, normalise: normaliseCrn, problemName: 'crn' },
}

const identifierFields: readonly IdentifierKind[] = ['nhs_number', 'pnc_id', 'prison_number', 'crn']

/** One identifier typed in the field named after its kind: normalised, absent (empty), or a problem on that field. */
function identifier(fields: TypedFields, kind: IdentifierKind, problems: Problems, field: string = kind): PersonIdentifier | null {
  const value = fields[field] ?? ''
  const reader = identifierReaders[kind]
  const found = reader.problem(value)
  if (found === 'empty') return null
  if (found !== null) return problems.add(field, `${reader.problemName}.${found}`)
  return { kind, value: reader.normalise(value) ?? '' }
}

function details(fields: TypedFields, today: string, problems: Problems) {
  return {
    givenName: requiredName(fields, 'given_name', 'givenName', problems),
    familyName: requiredName(fields, 'family_name', 'familyName', problems),
    dateOfBirth: dateOfBirth(fields, today, problems),
    sex: optionalCode(fields, 'sex', 'sex', 'sexUnknown', problems),
    genderIdentity: optionalCode(fields, 'gender_identity', 'gender_identity', 'genderIdentityUnknown', problems),
    pronouns: optionalText(fields, 'pronouns', pronounsMaxLength, 'pronounsTooLong', problems),
  }
}

function location(fields: TypedFields, problems: Problems): PersonLocation {
  const kind = optionalCode(fields, 'location_kind', 'location_kind', 'locationKindUnknown', problems) as LocationKind | null
  const establishment = optionalText(fields, 'location_establishment', placeMaxLength, 'establishmentTooLong', problems)
  const area = optionalText(fields, 'location_area', placeMaxLength, 'areaTooLong', problems)
  // Only the place that goes with the kind is kept: no full address, and nothing stale.
  if (kind === 'custody' && typed(fields, 'location_establishment') === '') problems.add('location_establishment', 'establishmentMissing')
  if (kind === 'community' && typed(fields, 'location_area') === '') problems.add('location_area', 'areaMissing')
  return {
    locationKind: kind,
    locationEstablishment: kind === 'custody' ? establishment : null,
    locationArea: kind === 'community' ? area : null,
  }
}

const yesNo = new Map([['yes', true], ['true', true], ['no', false], ['false', false], ['', false]])

function language(fields: TypedFields, problems: Problems): PersonLanguage {
  // In the order the form asks, so the error summary follows the page.
  const preferredLanguage = optionalCode(fields, 'preferred_language', 'language', 'preferredLanguageUnknown', problems)
  const interpreterNeeded = yesNo.get(typed(fields, 'interpreter_needed').toLowerCase())
  if (interpreterNeeded === undefined) problems.add('interpreter_needed', 'interpreterNeededInvalid')
  return {
    preferredLanguage,
    interpreterNeeded: interpreterNeeded ?? false,
    communicationNeeds: optionalText(fields, 'communication_needs', notesMaxLength, 'communicationNeedsTooLong', problems),
    reasonableAdjustments: optionalText(fields, 'reasonable_adjustments', notesMaxLength, 'reasonableAdjustmentsTooLong', problems),
  }
}

const todayUtc = () => new Date().toISOString().slice(0, 10)

/**
 * A new person record from what was typed: names, date of birth (`date_of_birth` as
 * YYYY-MM-DD or the three GOV.UK boxes), sex, gender identity, pronouns, the four optional
 * identifiers, location, language and communication. Every problem is reported at once.
 */
export function readPersonFields(fields: TypedFields, options: { today?: string } = {}): Reading<NewPersonRecord> {
  const problems = new Problems()
  const read = {
    ...details(fields, options.today ?? todayUtc(), problems),
    ...location(fields, problems),
    ...language(fields, problems),
    identifiers: identifierFields.map((kind) => identifier(fields, kind, problems)).filter((found): found is PersonIdentifier => found !== null),
  }
  return problems.result(() => ({ ...read, givenName: read.givenName ?? '', familyName: read.familyName ?? '', dateOfBirth: read.dateOfBirth ?? '', aliases: [] }))
}

/** The identity section on its own (its edit page). */
export function readDetailsFields(fields: TypedFields, options: { today?: string } = {}): Reading<PersonDetails> {
  const problems = new Problems()
  const read = details(fields, options.today ?? todayUtc(), problems)
  return problems.result(() => ({ ...read, givenName: read.givenName ?? '', familyName: read.familyName ?? '', dateOfBirth: read.dateOfBirth ?? '' }))
}

export function readLocationFields(fields: TypedFields): Reading<PersonLocation> {
  const problems = new Problems()
  const read = location(fields, problems)
  return problems.result(() => read)
}

export function readLanguageFields(fields: TypedFields): Reading<PersonLanguage> {
  const problems = new Problems()
  const read = language(fields, problems)
  return problems.result(() => read)
}

/** One identifier of a chosen kind, typed in `value`; empty is a problem here, since adding one is the point. */
export function readIdentifierFields(fields: TypedFields): Reading<PersonIdentifier> {
  const problems = new Problems()
  const kind = typed(fields, 'kind')
  if (!isCode('identifier_kind', kind)) {
    problems.add('kind', 'identifierKindMissing')
    return problems.result(() => ({ kind: 'nhs_number', value: '' }))
  }
  const identifierKind = kind as IdentifierKind
  if (typed(fields, 'value') === '') problems.add('value', 'identifierValueMissing')
  const found = identifier(fields, identifierKind, problems, 'value')
  return problems.result(() => found ?? { kind: identifierKind, value: '' })
}

export function readAliasFields(fields: TypedFields): Reading<PersonAlias> {
  const problems = new Problems()
  const aliasType = typed(fields, 'alias_type')
  if (!isCode('alias_type', aliasType)) problems.add('alias_type', 'aliasTypeMissing')
  const givenName = requiredName(fields, 'given_name', 'givenName', problems)
  const familyName = requiredName(fields, 'family_name', 'familyName', problems)
  return problems.result(() => ({ aliasType: aliasType as AliasType, givenName: givenName ?? '', familyName: familyName ?? '' }))
}

/** A date up to today, typed in the GOV.UK date input `field`; problems are `<prefix>Missing`, `…Incomplete`, `…NotReal`, `…InFuture`. */
function pastDate(fields: TypedFields, field: string, prefix: string, today: string, problems: Problems): string | null {
  const reading = readDateField(fields, field)
  switch (reading.state) {
    case 'empty':
      return problems.add(field, `${prefix}Missing`)
    case 'incomplete':
      return problems.add(field, `${prefix}Incomplete`)
    case 'notReal':
      return problems.add(field, `${prefix}NotReal`)
    case 'date':
      if (reading.date > today) return problems.add(field, `${prefix}InFuture`)
      if (reading.date < earliestDateOfBirth) return problems.add(field, `${prefix}NotReal`)
      return reading.date
  }
}

export interface NewNeed {
  need: string
  source: string
  startedOn: string
}

/** A need from the needs code list, where it came from, and since when. */
export function readNeedFields(fields: TypedFields, options: { today?: string } = {}): Reading<NewNeed> {
  const problems = new Problems()
  const need = typed(fields, 'need')
  const source = typed(fields, 'source')
  if (!isCode('needs', need)) problems.add('need', 'needMissing')
  if (!isCode('need_source', source)) problems.add('source', 'needSourceMissing')
  const startedOn = pastDate(fields, 'started_on', 'needStartedOn', options.today ?? todayUtc(), problems)
  return problems.result(() => ({ need, source, startedOn: startedOn ?? '' }))
}

/** The day a need ended: not before it started, and not in the future. */
export function readNeedEndFields(fields: TypedFields, startedOn: string | null, options: { today?: string } = {}): Reading<string> {
  const problems = new Problems()
  const endedOn = pastDate(fields, 'ended_on', 'needEndedOn', options.today ?? todayUtc(), problems)
  if (endedOn !== null && startedOn !== null && endedOn < startedOn) problems.add('ended_on', 'needEndedOnBeforeStart')
  return problems.result(() => endedOn ?? '')
}

/** Why an identifier stopped being current, from its code list. */
export function readIdentifierEndFields(fields: TypedFields): Reading<string> {
  const problems = new Problems()
  const reason = typed(fields, 'reason')
  if (!isCode('identifier_end_reason', reason)) problems.add('reason', 'identifierEndReasonMissing')
  return problems.result(() => reason)
}

/** Which of the offered teams starts work with the person. */
export function readTeamField(fields: TypedFields, offered: readonly string[]): Reading<string> {
  const problems = new Problems()
  const teamId = typed(fields, 'team_id')
  if (!offered.includes(teamId)) problems.add('team_id', 'teamMissing')
  return problems.result(() => teamId)
}

export interface InvolvementClosing {
  reason: string
  note: string | null
}

export function readClosingFields(fields: TypedFields): Reading<InvolvementClosing> {
  const problems = new Problems()
  const reason = typed(fields, 'reason')
  if (!isCode('involvement_closing_reason', reason) || !isManualClosingReason(reason)) problems.add('reason', 'closingReasonMissing')
  const note = optionalText(fields, 'note', notesMaxLength, 'closingNoteTooLong', problems)
  return problems.result(() => ({ reason, note }))
}
