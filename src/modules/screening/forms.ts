import { z } from 'zod'
import type { ContentParams } from '../../platform/content/content.ts'
import {
  answers,
  isCalendarDate,
  isKnownCriterion,
  knownCriteria,
  overrideOutcomes,
  populations,
  screeningOutcomes,
  type Answer,
  type Population,
  type RuleSet,
  type ScreeningAnswers,
} from './rules.ts'

/** A problem with one field: a content key, and the values its wording needs. */
export interface Problem {
  field: string
  key: string
  params?: ContentParams
}

export type Reading<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

/** Typed form fields: only text values (a repeated field reads as empty). */
export type TypedFields = Record<string, string>

export function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

// Dates ------------------------------------------------------------------------------------

export type DateReading = { state: 'empty' } | { state: 'incomplete' } | { state: 'notReal' } | { state: 'date'; date: string }

/**
 * A date typed in the three boxes of a GOV.UK date input (`name-day`, `name-month`,
 * `name-year`), or sent whole as YYYY-MM-DD in `name` (a link, a hidden field). Impossible
 * dates are refused, never rolled over.
 */
export function readDateInput(fields: TypedFields, name: string): DateReading {
  const whole = (fields[name] ?? '').trim()
  if (whole !== '') return isCalendarDate(whole) ? { state: 'date', date: whole } : { state: 'notReal' }
  const parts = ['day', 'month', 'year'].map((part) => (fields[`${name}-${part}`] ?? '').trim())
  const given = parts.filter((part) => part !== '')
  if (given.length === 0) return { state: 'empty' }
  if (given.length < 3) return { state: 'incomplete' }
  const [day = '', month = '', year = ''] = parts
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { state: 'notReal' }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return isCalendarDate(date) ? { state: 'date', date } : { state: 'notReal' }
}

/** The boxes of a date input showing `date` (YYYY-MM-DD), to fill a form again. */
export function dateInputValues(name: string, date: string): TypedFields {
  const [year = '', month = '', day = ''] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

// Which criteria and which date: the first question of a screening -------------------------

export interface Choice {
  population: Population
  screenedOn: string
}

const choiceProblem = (name: string) => `screening.choose.errors.${name}`

/**
 * The population and date of a screening. The population defaults to the one the person's
 * recorded sex points to, the date to today; a date in the future is refused (a screening
 * records what was known on a day that has come).
 */
export function readChoice(fields: TypedFields, defaults: { population: Population | undefined; today: string }): Reading<Choice> {
  const problems: Problem[] = []
  const typedPopulation = fields.population ?? ''
  const population = (populations as readonly string[]).includes(typedPopulation) ? (typedPopulation as Population) : typedPopulation === '' ? defaults.population : undefined
  if (!population) problems.push({ field: 'population', key: choiceProblem('populationMissing') })
  const reading = readDateInput(fields, 'screened_on')
  let screenedOn: string | undefined
  if (reading.state === 'empty') screenedOn = defaults.today
  else if (reading.state === 'incomplete') problems.push({ field: 'screened_on', key: choiceProblem('screenedOnIncomplete') })
  else if (reading.state === 'notReal') problems.push({ field: 'screened_on', key: choiceProblem('screenedOnNotReal') })
  else if (reading.date > defaults.today) problems.push({ field: 'screened_on', key: choiceProblem('screenedOnInFuture') })
  else screenedOn = reading.date
  if (problems.length > 0 || !population || !screenedOn) return { ok: false, problems }
  return { ok: true, value: { population, screenedOn } }
}

// The answers ------------------------------------------------------------------------------

/** An OASys count: empty (not available) or a whole number from 0 to `most`; `invalid` otherwise. */
function readCount(value: unknown, most: number): number | undefined | 'invalid' {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined
  const number = typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= most ? number : 'invalid'
}

export interface TypedAnswers {
  /** By criterion key: "yes", "no" or "unknown" as sent. */
  criteria: Readonly<Record<string, unknown>>
  itemsPresent: unknown
  indicatorsPresent: unknown
}

/**
 * The answers to one version's questions, as the page or the API sent them: every criterion
 * answered (yes, no or not known — "not known" is an answer, not a gap), and the OASys counts
 * empty or within the version's. Problems name the criterion key, `itemsPresent` or `indicatorsPresent`.
 */
export function readScreeningAnswers(ruleSet: RuleSet, typed: TypedAnswers): Reading<ScreeningAnswers> {
  const problems: Problem[] = []
  const criteria: Record<string, Answer> = {}
  for (const { key } of ruleSet.criteria) {
    const answer = typed.criteria[key]
    if (typeof answer === 'string' && (answers as readonly string[]).includes(answer)) criteria[key] = answer as Answer
    else problems.push({ field: key, key: `screening.criteria.${key}.missing` })
  }
  const { items, indicators } = ruleSet.score
  const itemsPresent = readCount(typed.itemsPresent, items)
  if (itemsPresent === 'invalid') problems.push({ field: 'itemsPresent', key: 'screening.record.errors.itemsInvalid', params: { items } })
  // A version without indicators ignores any sent: they decide nothing under it.
  const indicatorsPresent = indicators === undefined ? undefined : readCount(typed.indicatorsPresent, indicators)
  if (indicatorsPresent === 'invalid') problems.push({ field: 'indicatorsPresent', key: 'screening.record.errors.indicatorsInvalid', params: { indicators: indicators ?? 0 } })
  if (problems.length > 0 || itemsPresent === 'invalid' || indicatorsPresent === 'invalid') return { ok: false, problems }
  return { ok: true, value: { criteria, itemsPresent, indicatorsPresent } }
}

/**
 * A body read with a zod schema whose messages are content keys: its value, or a problem
 * per field (an unexpected field of a strict schema is a problem of its own).
 */
export function readWith<Schema extends z.ZodType>(schema: Schema, body: unknown): Reading<z.infer<Schema>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    problems: result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((field) => ({ field, key: issue.message })) : [{ field: issue.path.length > 0 ? issue.path.join('.') : 'body', key: issue.message }],
    ),
  }
}

// A clinician's override -------------------------------------------------------------------

export const overrideForm = z.object({
  outcome: z.enum(overrideOutcomes, 'screening.override.errors.outcomeMissing'),
  reason: z.preprocess((value) => value ?? '', z.string('screening.override.errors.reasonMissing').trim().min(1, 'screening.override.errors.reasonMissing').max(2000, 'screening.override.errors.reasonTooLong')),
})

// A new version of a rule set --------------------------------------------------------------

export interface NewVersionFields {
  criteria: { key: string }[]
  score: RuleSet['score']
  effectiveFrom: string
}

const versionProblem = (name: string) => `screening.newRuleSet.errors.${name}`

/** A whole number from `least` to `most` as typed, else undefined. */
function wholeNumber(value: string | undefined, least: number, most: number): number | undefined {
  const trimmed = (value ?? '').trim()
  if (!/^\d{1,3}$/.test(trimmed)) return undefined
  const number = Number(trimmed)
  return number >= least && number <= most ? number : undefined
}

/** A checkbox group posts nothing, one value or several. */
function checked(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/**
 * The new version's criteria, score rule and effective date as typed, each field checked on
 * its own so the page can say which is wrong; newVersionProblem (rules.ts) then checks the
 * version as a whole against the latest one.
 */
export function readNewVersion(body: unknown): Reading<NewVersionFields> {
  const posted = (body ?? {}) as Record<string, unknown>
  const fields = typedFields(body)
  const problems: Problem[] = []
  const chosen = checked(posted.criteria)
  if (chosen.length === 0) problems.push({ field: 'criteria', key: versionProblem('criteriaMissing') })
  else if (!chosen.every((key) => typeof key === 'string' && isKnownCriterion(key))) problems.push({ field: 'criteria', key: versionProblem('criterionUnknown') })
  // In the order forms ask them, whatever order they were posted in.
  const criteria = knownCriteria.filter((key) => chosen.includes(key)).map((key) => ({ key }))

  const items = wholeNumber(fields.items, 1, 100)
  if (items === undefined) problems.push({ field: 'items', key: versionProblem('itemsInvalid') })
  const itemThreshold = wholeNumber(fields.itemThreshold, 1, items ?? 100)
  if (itemThreshold === undefined) problems.push({ field: 'itemThreshold', key: versionProblem('itemThresholdInvalid') })

  const indicatorsTyped = (fields.indicators ?? '').trim() !== ''
  const indicatorThresholdTyped = (fields.indicatorThreshold ?? '').trim() !== ''
  const indicators = indicatorsTyped ? wholeNumber(fields.indicators, 1, 100) : undefined
  const indicatorThreshold = indicatorThresholdTyped ? wholeNumber(fields.indicatorThreshold, 1, indicators ?? 100) : undefined
  if (indicatorsTyped && indicators === undefined) problems.push({ field: 'indicators', key: versionProblem('indicatorsInvalid') })
  else if (indicatorThresholdTyped && indicatorThreshold === undefined) problems.push({ field: 'indicatorThreshold', key: versionProblem('indicatorThresholdInvalid') })
  else if (indicatorsTyped !== indicatorThresholdTyped) problems.push({ field: indicatorsTyped ? 'indicatorThreshold' : 'indicators', key: versionProblem('indicatorRuleIncomplete') })

  const date = readDateInput(fields, 'effectiveFrom')
  if (date.state !== 'date') problems.push({ field: 'effectiveFrom', key: versionProblem({ empty: 'effectiveFromMissing', incomplete: 'effectiveFromIncomplete', notReal: 'effectiveFromNotReal' }[date.state]) })

  if (problems.length > 0 || items === undefined || itemThreshold === undefined || date.state !== 'date') return { ok: false, problems }
  const score = { items, itemThreshold, ...(indicators !== undefined && indicatorThreshold !== undefined ? { indicators, indicatorThreshold } : {}) }
  return { ok: true, value: { criteria, score, effectiveFrom: date.date } }
}

// The JSON API: bodies are checked with these schemas, and the OpenAPI document is built from them.

const apiProblem = (name: string) => `screening.api.errors.${name}`

export const recordScreeningApiBody = z.strictObject(
  {
    population: z.enum(populations, apiProblem('populationUnknown')).optional().describe("men or women; may be left out when the person's recorded sex is female or male"),
    screenedOn: z.string(apiProblem('screenedOnInvalid')).optional().describe('YYYY-MM-DD, today or earlier; today when left out. The version in force on this date decides.'),
    ruleSetId: z.string(apiProblem('notText')).optional().describe('The version the client asked its questions from (GET /api/v1/screening/rule-sets); 409 if another is in force for that population and date'),
    criteria: z.record(z.string(), z.enum(answers, apiProblem('answerUnknown')), apiProblem('criteriaMissing')).describe('An answer (yes, no or unknown) for each criterion key of the version in force'),
    itemsPresent: z.number(apiProblem('countInvalid')).int(apiProblem('countInvalid')).nullable().optional().describe('OASys personality disorder screening items present; null when not available'),
    indicatorsPresent: z.number(apiProblem('countInvalid')).int(apiProblem('countInvalid')).nullable().optional().describe('Indicators present, for a version that has them; ignored otherwise'),
  },
  apiProblem('unknownField'),
)

export const overrideApiBody = z.strictObject(
  {
    outcome: z.enum(overrideOutcomes, 'screening.override.errors.outcomeMissing'),
    reason: z.string('screening.override.errors.reasonMissing').describe('Why the clinician decides against the computed outcome; up to 2,000 characters'),
  },
  apiProblem('unknownField'),
)

const scoreRuleResponse = z.object({
  items: z.number().int(),
  itemThreshold: z.number().int(),
  indicators: z.number().int().optional(),
  indicatorThreshold: z.number().int().optional(),
})

export const ruleSetResponse = z.object({
  id: z.string(),
  key: z.string(),
  version: z.string(),
  population: z.enum(populations),
  effectiveFrom: z.string().describe('YYYY-MM-DD'),
  inForce: z.boolean().describe('Whether this is the version in force today'),
  criteria: z.array(z.object({ key: z.string(), question: z.string() })),
  score: scoreRuleResponse,
})

export const ruleSetsResponse = z.object({ ruleSets: z.array(ruleSetResponse) })

export const screeningResponse = z.object({
  id: z.string(),
  personId: z.string(),
  screenedOn: z.string().describe('YYYY-MM-DD'),
  screenedBy: z.object({ name: z.string(), organisation: z.string() }),
  ruleSet: z.object({ id: z.string(), key: z.string(), version: z.string(), population: z.enum(populations), effectiveFrom: z.string() }).describe('The version that decided this screening'),
  criteria: z.array(z.object({ key: z.string(), answer: z.enum(answers) })),
  itemsPresent: z.number().int().nullable(),
  indicatorsPresent: z.number().int().nullable(),
  score: z.enum(['met', 'not_met', 'unknown']),
  computedOutcome: z.enum(screeningOutcomes),
  override: z.object({ outcome: z.enum(screeningOutcomes), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  outcome: z.enum(screeningOutcomes).describe("The outcome that stands: the clinician's override, else the computed one"),
})

export const screeningsResponse = z.object({ screenings: z.array(screeningResponse) })

export const apiProblemResponse = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) })
