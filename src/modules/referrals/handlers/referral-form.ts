import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import type { Content } from '../../../platform/content/content.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import type { TypedFields } from '../../people/index.ts'
import type { FormChoices } from '../answers.ts'
import { summaryMaxLength, type FieldProblem } from '../forms.ts'

/* What the referral pages share: their parameters, and showing the form with what is wrong. */

export type ReferralRequest = FastifyRequest<{ Params: Record<string, string>; Body: unknown; Querystring: unknown }>

/** A `:param` that must be an id; anything else is a page that does not exist. */
export function idParam(request: ReferralRequest, name: string): string {
  const value = request.params[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** The posted form as typed text; anything that is not text (a repeated field) reads as empty. */
export function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

const dateFields = new Set(['sentence_end_on', 'consent_given_on'])

export interface PageProblems {
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/** Problems as the GOV.UK error summary and the messages beside fields show them; the first problem of a field wins. */
export function pageProblems(content: Content, problems: readonly FieldProblem[]): PageProblems {
  const errors: FieldError[] = []
  for (const { field, key } of problems) {
    if (errors.some((error) => error.field === field)) continue
    errors.push({ field, text: content.t(key), href: `#${dateFields.has(field) ? `${field}-day` : field}` })
  }
  return { errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}

export interface FormPage {
  person: { id: string; name: string | null }
  choices: FormChoices
  values: TypedFields
  /** The referral being changed; absent for a new one. */
  referral?: { id: string; status: string; serviceName: string; elementName: string | null }
  problems?: PageProblems
  status?: number
}

/** The referral form, new or changing a referral, with its choices and what the user typed. */
export function renderForm(reply: FastifyReply, page: FormPage) {
  return reply.code(page.status ?? 200).view('referrals/views/referral-form.njk', {
    person: page.person,
    services: page.choices.services,
    teams: page.choices.teams,
    values: page.values,
    referral: page.referral,
    referrerRoles: codeList('referrer_role'),
    urgencies: codeList('urgency'),
    riskLevels: codeList('risk_of_serious_harm'),
    legalBases: codeList('legal_basis'),
    maxLength: summaryMaxLength,
    ...page.problems,
  })
}
