import { z } from 'zod'
import { codeList, isCode } from '../../platform/content/code-lists.ts'
import { uuidPattern } from '../../platform/db/ids.ts'
import { readDateField, type TypedFields } from '../people/index.ts'
import { referralStatuses, urgencies, type Urgency } from './rules.ts'

// The referral form. A draft keeps whatever was typed that can be kept (only the service is
// needed); submitting needs every answer. The pages and the API read answers the same way.

export interface FieldProblem {
  field: string
  /** A content key. */
  key: string
}

export type Reading<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

export type ReferralMode = 'draft' | 'submit'

/** The service asked for, and optionally one of its elements. */
export interface ServiceChoice {
  serviceId: string
  elementId: string | null
}

export interface ReferralAnswers {
  referrerRole: string
  reasons: string | null
  riskSummary: string | null
  needsSummary: string | null
  riskOfSeriousHarm: string | null
  sentenceEndOn: string | null
  legalBasis: string | null
  /** Kept only when the legal basis is consent. */
  consentGivenOn: string | null
  urgency: Urgency
}

export const summaryMaxLength = 5000
export const noteMaxLength = 2000

const problem = (name: string) => `referrals.form.errors.${name}`

/** The service radios post `serviceId` or `serviceId/elementId`: one choice, element included. */
export function serviceChoiceValue(choice: ServiceChoice): string {
  return choice.elementId ? `${choice.serviceId}/${choice.elementId}` : choice.serviceId
}

export function readServiceChoice(fields: TypedFields): Reading<ServiceChoice> {
  const value = (fields.service ?? '').trim()
  if (value === '') return { ok: false, errors: [{ field: 'service', key: problem('serviceMissing') }] }
  const [serviceId = '', elementId, ...rest] = value.split('/')
  if (!uuidPattern.test(serviceId) || (elementId !== undefined && !uuidPattern.test(elementId)) || rest.length > 0) {
    return { ok: false, errors: [{ field: 'service', key: problem('serviceUnknown') }] }
  }
  return { ok: true, value: { serviceId, elementId: elementId ?? null } }
}

/** What submitting needs that a draft may lack; the referral page's "Submit" checks the stored answers with it too. */
export function missingForSubmission(answers: ReferralAnswers): FieldProblem[] {
  const missing: FieldProblem[] = []
  if (answers.reasons === null) missing.push({ field: 'reasons', key: problem('reasonsMissing') })
  if (answers.riskSummary === null) missing.push({ field: 'risk_summary', key: problem('riskSummaryMissing') })
  if (answers.needsSummary === null) missing.push({ field: 'needs_summary', key: problem('needsSummaryMissing') })
  if (answers.riskOfSeriousHarm === null) missing.push({ field: 'risk_of_serious_harm', key: problem('riskMissing') })
  if (answers.legalBasis === null) missing.push({ field: 'legal_basis', key: problem('legalBasisMissing') })
  if (answers.legalBasis === 'consent' && answers.consentGivenOn === null) missing.push({ field: 'consent_given_on', key: problem('consentDateMissing') })
  return missing
}

/**
 * The answers as typed, in form field names (dates as GOV.UK date inputs or YYYY-MM-DD).
 * `referrerRole` fills an empty role in a draft, as the form starts with it chosen.
 */
export function readReferralFields(fields: TypedFields, options: { mode: ReferralMode; today: string; referrerRole: string }): Reading<ReferralAnswers> {
  const problems: FieldProblem[] = []
  const text = (name: string, tooLong: string) => {
    const value = (fields[name] ?? '').trim()
    if (value.length > summaryMaxLength) problems.push({ field: name, key: problem(tooLong) })
    return value === '' ? null : value
  }
  const code = (name: string, list: string, unknown: string) => {
    const value = (fields[name] ?? '').trim()
    if (value === '') return null
    if (isCode(list, value)) return value
    problems.push({ field: name, key: problem(unknown) })
    return null
  }
  const date = (name: string, prefix: string) => {
    const reading = readDateField(fields, name)
    if (reading.state === 'date') return reading.date
    if (reading.state !== 'empty') problems.push({ field: name, key: problem(`${prefix}${reading.state === 'incomplete' ? 'Incomplete' : 'NotReal'}`) })
    return null
  }

  const referrerRole = code('referrer_role', 'referrer_role', 'referrerRoleUnknown')
  const urgency = code('urgency', 'urgency', 'urgencyUnknown') as Urgency | null
  const legalBasis = code('legal_basis', 'legal_basis', 'legalBasisUnknown')
  const answers: ReferralAnswers = {
    referrerRole: referrerRole ?? options.referrerRole,
    reasons: text('reasons', 'reasonsTooLong'),
    riskSummary: text('risk_summary', 'riskSummaryTooLong'),
    needsSummary: text('needs_summary', 'needsSummaryTooLong'),
    riskOfSeriousHarm: code('risk_of_serious_harm', 'risk_of_serious_harm', 'riskUnknown'),
    sentenceEndOn: date('sentence_end_on', 'sentenceEndOn'),
    legalBasis,
    consentGivenOn: legalBasis === 'consent' ? date('consent_given_on', 'consentDate') : null,
    urgency: urgency ?? 'routine',
  }
  if (answers.consentGivenOn !== null && answers.consentGivenOn > options.today) problems.push({ field: 'consent_given_on', key: problem('consentDateFuture') })
  if (options.mode === 'submit') {
    if (referrerRole === null && !problems.some((found) => found.field === 'referrer_role')) problems.push({ field: 'referrer_role', key: problem('referrerRoleMissing') })
    if (urgency === null && !problems.some((found) => found.field === 'urgency')) problems.push({ field: 'urgency', key: problem('urgencyMissing') })
    problems.push(...missingForSubmission(answers).filter((missing) => !problems.some((found) => found.field === missing.field)))
  }
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, value: answers }
}

/** Which button sent the referral form. */
export function submittedWith(fields: TypedFields): ReferralMode {
  return fields.action === 'submit' ? 'submit' : 'draft'
}

// Decisions and notes --------------------------------------------------------------------------

export const transitionForm = z.object({
  to: z.enum(referralStatuses, 'referrals.transition.errors.unknownMove'),
  reason: z.string().trim().max(100).optional(),
  note: z.string().trim().max(noteMaxLength, 'referrals.transition.errors.noteTooLong').optional(),
  eligibility_override_reason: z.string().trim().max(noteMaxLength, 'referrals.transition.errors.overrideTooLong').optional(),
})

export const noteForm = z.object({
  text: z.string('referrals.notes.errors.textMissing').trim().min(1, 'referrals.notes.errors.textMissing').max(summaryMaxLength, 'referrals.notes.errors.textTooLong'),
})

export const attachmentForm = z.object({
  title: z.string('referrals.attachments.errors.titleMissing').trim().min(1, 'referrals.attachments.errors.titleMissing').max(200, 'referrals.attachments.errors.titleTooLong'),
})

// Lists: a filter or sort that is not understood is dropped, never an error page, so an old bookmark still opens.

const listedId = z.string().regex(uuidPattern).optional().catch(undefined)
const pageNumber = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).describe('Page number, from 1')
const order = z.enum(['asc', 'desc']).optional().catch(undefined)

export const myReferralsQuery = z.object({
  status: z.enum(referralStatuses).optional().catch(undefined).describe('Only referrals in this status'),
  service: listedId.describe('Only referrals to this service'),
  sort: z.enum(['referred', 'status', 'person']).optional().catch(undefined).describe('referred (the default), status or person'),
  order: order.describe('asc or desc; newest first by default'),
  page: pageNumber,
})

/** The statuses the team inbox holds: referrals waiting for the service's decision. */
export const inboxStatuses = ['submitted', 'in_review', 'information_requested'] as const

export const inboxQuery = z.object({
  status: z.enum(inboxStatuses).optional().catch(undefined),
  service: listedId,
  sort: z.enum(['referred', 'status', 'person', 'service']).optional().catch(undefined),
  order,
  page: pageNumber,
})

// The JSON API. Bodies are checked for shape here (and documented from these schemas); the
// answers are then read as the form's are, so the two cannot disagree.

const codes = (list: string) => codeList(list).codes.map((code) => code.code) as [string, ...string[]]
const apiText = z.string('referrals.api.errors.notText').nullable().optional()
const apiCode = (list: string) => z.enum(codes(list), 'referrals.api.errors.unknownCode').nullable().optional().describe(`A code of the "${list}" code list`)

export const createReferralApiBody = z.strictObject(
  {
    personId: z.string('referrals.api.errors.personMissing').regex(uuidPattern, 'referrals.api.errors.personMissing').describe('A person in the caller\'s scope'),
    serviceId: z.string('referrals.form.errors.serviceMissing').describe('A public service the caller may refer to'),
    serviceElementId: z.string('referrals.form.errors.serviceUnknown').nullable().optional().describe('One of the service\'s elements, when the referral asks for one'),
    referrerRole: apiCode('referrer_role'),
    reasons: apiText.describe(`Why the person is referred, up to ${summaryMaxLength} characters`),
    riskSummary: apiText.describe(`Summary of risk, up to ${summaryMaxLength} characters`),
    needsSummary: apiText.describe(`Summary of needs, up to ${summaryMaxLength} characters`),
    riskOfSeriousHarm: apiCode('risk_of_serious_harm'),
    sentenceEndOn: apiText.describe('YYYY-MM-DD'),
    legalBasis: apiCode('legal_basis'),
    consentGivenOn: apiText.describe('YYYY-MM-DD, when the legal basis is consent'),
    urgency: apiCode('urgency'),
    teamId: z.string('referrals.form.errors.teamMissing').optional().describe("The caller's team the referral is made from; may be left out when the caller has one team"),
    submit: z.boolean('referrals.api.errors.notBoolean').optional().describe('true to submit the referral now; otherwise it is saved as a draft'),
  },
  'referrals.api.errors.unknownField',
)

export const transitionApiBody = z.strictObject(
  {
    to: z.enum(referralStatuses, 'referrals.transition.errors.unknownMove').describe('The status to move the referral to'),
    reason: z.string('referrals.api.errors.notText').optional().describe('A reason code, for declined, withdrawn, ended early and transferred'),
    note: z.string('referrals.api.errors.notText').max(noteMaxLength, 'referrals.transition.errors.noteTooLong').optional(),
    eligibilityOverrideReason: z
      .string('referrals.api.errors.notText')
      .max(noteMaxLength, 'referrals.transition.errors.overrideTooLong')
      .optional()
      .describe('Needed to accept a referral that does not meet every eligibility rule'),
  },
  'referrals.api.errors.unknownField',
)

const problemsResponse = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) })
export { problemsResponse as referralProblemsResponse }

const referralSummary = z.object({
  id: z.string(),
  status: z.enum(referralStatuses),
  person: z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }),
  service: z.object({ id: z.string(), name: z.string() }),
  element: z.object({ id: z.string(), name: z.string() }).nullable(),
  urgency: z.enum(urgencies),
  referredAt: z.string().nullable(),
  updatedAt: z.string(),
})

export const referralListApiResponse = z.object({
  referrals: z.array(referralSummary),
  page: z.number(),
  pages: z.number(),
  total: z.number(),
})

export const referralApiResponse = referralSummary.extend({
  version: z.number(),
  priority: z.number(),
  referrer: z.object({ name: z.string(), organisation: z.string(), role: z.string() }),
  reasons: z.string().nullable(),
  riskSummary: z.string().nullable(),
  needsSummary: z.string().nullable(),
  riskOfSeriousHarm: z.string().nullable(),
  sentenceEndOn: z.string().nullable(),
  legalBasis: z.string().nullable(),
  consentGivenOn: z.string().nullable(),
  eligibilityOverrideReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  history: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), reason: z.string().nullable(), note: z.string().nullable(), by: z.string(), organisation: z.string(), at: z.string() }),
  ),
  attachments: z.array(z.object({ id: z.string(), title: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.string(), href: z.string() })),
  internalNotes: z
    .array(z.object({ id: z.string(), text: z.string(), author: z.string(), organisation: z.string(), at: z.string() }))
    .optional()
    .describe("The receiving service's own notes: only for members of its teams"),
})

export const transitionApiResponse = z.object({ id: z.string(), from: z.enum(referralStatuses), status: z.enum(referralStatuses) })

export const transitionProblemResponse = z.object({
  problem: z
    .string()
    .describe('not_a_transition, not_permitted, reason_required, reason_unknown, note_required, changed, incomplete, eligibility_override_required or allocation_needed'),
  message: z.string(),
})
