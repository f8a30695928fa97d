import { z } from 'zod'
import type { Content } from '../../platform/content/content.ts'
import { issueFields, type ApiFieldError } from '../../platform/http/api-body.ts'
import type { FormResult, FieldError } from '../../platform/http/forms.ts'
import { readDateField, type DateReading, type TypedFields } from '../people/index.ts'
import { contingencyProblems, filledContingencies, maxContingencies, maxReviewMonths, reviewDateProblem, type Contingency } from './rules.ts'

/*
 * A new version of the plan, from the page's form or the API's JSON: the same field rules
 * and the same checks across fields (a half-filled contingency row, a review date out of
 * range). Messages are content keys; a row's message names its row.
 */

const key = (name: string) => `riskPlans.errors.${name}`
const maxTextLength = 5000
const maxContingencyLength = 500

export interface RiskPlanInput {
  summary: string
  triggers: string | null
  warningSigns: string | null
  protectiveFactors: string | null
  /** Only the filled rows. */
  contingencies: Contingency[]
  reviewOn: string
  /** The version the writer started from; 0 when the case had no plan. */
  basedOnVersion: number
}

const summary = z.string(key('summaryMissing')).trim().min(1, key('summaryMissing')).max(maxTextLength, key('summaryTooLong'))
const optionalText = (name: string) =>
  z
    .string(key(`${name}TooLong`))
    .trim()
    .max(maxTextLength, key(`${name}TooLong`))
    .nullish()
    .transform((value) => value || null)
const rowHalf = z.string(key('contingencyTooLong')).trim().max(maxContingencyLength, key('contingencyTooLong'))
const contingencies = z.array(z.object({ action: rowHalf, contact: rowHalf }), key('contingenciesInvalid')).max(maxContingencies, key('tooManyContingencies'))

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** The checks that need more than one field, or today: issues at ['contingencies', index, half] and ['reviewOn']. */
function checkAcrossFields(today: string) {
  return (plan: { contingencies?: unknown; reviewOn?: unknown }, context: z.RefinementCtx) => {
    if (Array.isArray(plan.contingencies)) {
      for (const problem of contingencyProblems(plan.contingencies as Contingency[])) {
        context.addIssue({ code: 'custom', path: ['contingencies', problem.row - 1, problem.missing], message: key(`${problem.missing}Missing`), params: { row: problem.row } })
      }
    }
    const problem = typeof plan.reviewOn === 'string' && isoDate.test(plan.reviewOn) ? reviewDateProblem(plan.reviewOn, today) : null
    if (problem) context.addIssue({ code: 'custom', path: ['reviewOn'], message: key(`reviewOn.${problem}`), params: { months: maxReviewMonths } })
  }
}

// The page's form -------------------------------------------------------------------------

const formRowNumbers = Array.from({ length: maxContingencies }, (_, index) => index + 1)

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
export function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The form's flat fields in the shape the API takes: rows `contingency-N-action|contact`, the date in three boxes. */
function gatherForm(body: unknown) {
  const fields = typedFields(body)
  return {
    summary: fields.summary ?? '',
    triggers: fields.triggers,
    warningSigns: fields.warningSigns,
    protectiveFactors: fields.protectiveFactors,
    contingencies: formRowNumbers.map((row) => ({ action: fields[`contingency-${row}-action`] ?? '', contact: fields[`contingency-${row}-contact`] ?? '' })),
    reviewOn: readDateField(fields, 'reviewOn'),
    basedOnVersion: fields.basedOnVersion,
  }
}

function riskPlanForm(today: string) {
  return z.preprocess(
    gatherForm,
    z
      .object({
        summary,
        triggers: optionalText('triggers'),
        warningSigns: optionalText('warningSigns'),
        protectiveFactors: optionalText('protectiveFactors'),
        contingencies,
        reviewOn: z.custom<DateReading>(),
        // A post without it (or with nonsense) is treated as written before any version: if one exists, it is a conflict to look at, not an error to fix.
        basedOnVersion: z.coerce.number().int().min(0).catch(0),
      })
      // The date's reading is checked here, not in its field, so that the rows are still checked when the date is missing.
      .superRefine((plan, context) => {
        if (plan.reviewOn.state !== 'date') context.addIssue({ code: 'custom', path: ['reviewOn'], message: key(`reviewOn.${plan.reviewOn.state}`) })
        checkAcrossFields(today)({ contingencies: plan.contingencies, reviewOn: plan.reviewOn.state === 'date' ? plan.reviewOn.date : undefined }, context)
      })
      .transform(({ reviewOn, ...plan }) => ({ ...plan, reviewOn: reviewOn.state === 'date' ? reviewOn.date : '' })),
  )
}

/** Where on the page an issue's field is: a row's half, the date's first box, or the named field. */
function formField(path: readonly PropertyKey[]): string {
  if (path[0] === 'contingencies' && typeof path[1] === 'number') return `contingency-${path[1] + 1}-${String(path[2] ?? 'action')}`
  if (path[0] === 'reviewOn') return 'reviewOn-day'
  return String(path[0] ?? 'summary')
}

/** The fields in the order the page shows them, so the error summary follows the page. */
const formFieldOrder = ['summary', 'triggers', 'warningSigns', 'protectiveFactors', ...formRowNumbers.flatMap((row) => [`contingency-${row}-action`, `contingency-${row}-contact`]), 'reviewOn-day']

function messageOf(issue: z.core.$ZodIssue, content: Content): string {
  // zod's own English (a hand-made post) gets the generic message.
  if (!content.has(issue.message)) return content.t('site.errors.invalidAnswer')
  const params = issue.code === 'custom' ? (issue.params as Record<string, number> | undefined) : undefined
  return content.t(issue.message, params)
}

/** The posted form read for a new version, or the GOV.UK error summary's problems in page order, one per field. */
export function readRiskPlanForm(body: unknown, today: string, content: Content): FormResult<RiskPlanInput> {
  const result = riskPlanForm(today).safeParse(body)
  if (result.success) return { ok: true, value: { ...result.data, contingencies: filledContingencies(result.data.contingencies) } }
  const errors: FieldError[] = []
  for (const issue of result.error.issues) {
    const field = formField(issue.path)
    if (!errors.some((error) => error.field === field)) errors.push({ field, text: messageOf(issue, content), href: `#${field}` })
  }
  errors.sort((a, b) => formFieldOrder.indexOf(a.field) - formFieldOrder.indexOf(b.field))
  return { ok: false, errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}

// The JSON API ------------------------------------------------------------------------------

/** The body of POST /api/v1/cases/:allocationId/risk-plans, as documented (the checks across fields are added when reading). */
export const riskPlanApiBody = z.strictObject(
  {
    summary: summary.describe('The current risk summary'),
    triggers: optionalText('triggers').describe('What tends to set off risky behaviour'),
    warningSigns: optionalText('warningSigns').describe('Signs that risk is rising'),
    protectiveFactors: optionalText('protectiveFactors').describe('What reduces risk'),
    contingencies: contingencies.default([]).describe(`Up to ${maxContingencies} contingency actions, each what to do and whom to contact; both are needed`),
    reviewOn: z.iso.date(key('reviewOn.notReal')).describe(`YYYY-MM-DD: after today, at most ${maxReviewMonths} months ahead`),
    basedOnVersion: z.number(key('basedOnVersionMissing')).int(key('basedOnVersionMissing')).min(0, key('basedOnVersionMissing')).describe('The latest version the client has seen (0 when the case has no plan); another version saved since answers 409'),
  },
  // Only a field that is not the plan's is "not a field"; a body that is not an object gets the generic message.
  { error: (issue) => (issue.code === 'unrecognized_keys' ? key('unknownField') : undefined) },
)

/** The body read for a new version, or each problem on its field (`contingencies.1.contact` for a row's half). */
export function readRiskPlanApiBody(body: unknown, today: string, content: Content): { ok: true; value: RiskPlanInput } | { ok: false; errors: ApiFieldError[] } {
  const result = riskPlanApiBody.superRefine(checkAcrossFields(today)).safeParse(body ?? {})
  if (result.success) return { ok: true, value: { ...result.data, contingencies: filledContingencies(result.data.contingencies) } }
  const errors = result.error.issues.flatMap((issue) => {
    const message = messageOf(issue, content)
    return issueFields(issue).map((field) => ({ field, message }))
  })
  // One problem per field: a date that is not real is not also "too far ahead".
  return { ok: false, errors: errors.filter((error, index) => errors.findIndex((other) => other.field === error.field) === index) }
}

// Responses -----------------------------------------------------------------------------------

export const riskPlanResponse = z.object({
  id: z.string(),
  version: z.number().int(),
  summary: z.string(),
  triggers: z.string().nullable(),
  warningSigns: z.string().nullable(),
  protectiveFactors: z.string().nullable(),
  contingencies: z.array(z.object({ action: z.string(), contact: z.string() })),
  reviewOn: z.string().describe('YYYY-MM-DD'),
  reviewStatus: z.enum(['overdue', 'due_soon', 'current']).describe('As of today: overdue once the date has passed, due soon within 14 days'),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
})

export const riskPlansResponse = z.object({
  allocationId: z.string(),
  personId: z.string(),
  versions: z.array(riskPlanResponse).describe('Every version, latest first'),
})
