import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { issueFields } from '../../../platform/http/api-body.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { TypedFields } from '../../people/index.ts'
import { makeReferral, moveReferral } from '../commands.ts'
import { createReferralApiBody, serviceChoiceValue, transitionApiBody, type FieldProblem, type referralApiResponse, type referralListApiResponse } from '../forms.ts'
import { pageCount } from '../../../platform/views/lists.ts'
import { referralsPaths } from '../paths.ts'
import { attachmentsOf, findReferralDetail, findReferralInScope, historyOf, listPageSize, notesOf, type ListedReferral } from '../repository.ts'
import { urgencies, type Urgency } from '../rules.ts'
import { readMyReferrals } from './list-referrals.ts'
import { idParam, type ReferralRequest } from './referral-form.ts'
import { moveProblem } from './transition-referral.ts'

/*
 * Referrals for API clients (bearer tokens or a session), with the scope and audit of the
 * pages. The JSON names are the form's fields in camelCase; problems are worded as on the
 * pages: `{ errors: [{ field, message }] }` for answers, `{ problem, message }` for moves.
 */

/** Form field → API field. */
const apiNames: Record<string, string> = {
  service: 'serviceId',
  team_id: 'teamId',
  referrer_role: 'referrerRole',
  reasons: 'reasons',
  risk_summary: 'riskSummary',
  needs_summary: 'needsSummary',
  risk_of_serious_harm: 'riskOfSeriousHarm',
  sentence_end_on: 'sentenceEndOn',
  legal_basis: 'legalBasis',
  consent_given_on: 'consentGivenOn',
  urgency: 'urgency',
}

function sendProblems(request: FastifyRequest, reply: FastifyReply, problems: readonly FieldProblem[]) {
  const { content } = request.server
  return reply.code(422).send({ errors: problems.map(({ field, key }) => ({ field: apiNames[field] ?? field, message: content.has(key) ? content.t(key) : content.t('site.errors.invalidAnswer') })) })
}

/** A body's shape problems, naming its own (API) fields. */
function shapeProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issueFields(issue).map((field) => ({ field, key: issue.message })),
  )
}

const urgencyOf = (code: string): Urgency => (urgencies as readonly string[]).includes(code) ? (code as Urgency) : 'routine'

type Summarised = Pick<ListedReferral, 'id' | 'status' | 'person_id' | 'given_name' | 'family_name' | 'service_id' | 'service_name' | 'service_element_id' | 'element_name' | 'urgency' | 'referred_at' | 'updated_at'>

function summaryJson(row: Summarised) {
  return {
    id: row.id,
    status: row.status,
    // A person whose record the caller may not open is named by nothing but their id.
    person: { id: row.person_id, givenName: row.given_name ?? '', familyName: row.family_name ?? '' },
    service: { id: row.service_id, name: row.service_name },
    element: row.service_element_id && row.element_name ? { id: row.service_element_id, name: row.element_name } : null,
    urgency: urgencyOf(row.urgency),
    referredAt: row.referred_at,
    updatedAt: row.updated_at,
  }
}

export async function listReferralsForApi(request: FastifyRequest, reply: FastifyReply) {
  const list = await readMyReferrals(request)
  const body: z.infer<typeof referralListApiResponse> = {
    referrals: list.rows.map(summaryJson),
    page: list.filter.page,
    pages: pageCount(list.total, listPageSize),
    total: list.total,
  }
  return reply.send(body)
}

/** The referral as JSON with its history and documents, and the service's notes for the service side; audited as a view. */
async function referralJson(request: FastifyRequest, referralId: string): Promise<z.infer<typeof referralApiResponse> | null> {
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx) => {
    const referral = await findReferralDetail(tx, scope, referralId)
    if (!referral) {
      await auditRequest(tx, request, { action: 'referral.view', outcome: 'denied', recordType: 'referral', recordId: referralId })
      return null
    }
    const serviceSide = referral.sides.includes('service')
    const [history, attachments, notes] = await Promise.all([historyOf(tx, referralId), attachmentsOf(tx, referralId), serviceSide ? notesOf(tx, referralId) : undefined])
    await auditRequest(tx, request, { action: 'referral.view', outcome: 'allowed', personId: referral.person_id, recordType: 'referral', recordId: referralId })
    return {
      ...summaryJson(referral),
      version: referral.version,
      priority: referral.priority,
      referrer: { name: referral.referrer_name, organisation: referral.referrer_organisation_name, role: referral.referrer_role },
      reasons: referral.reasons,
      riskSummary: referral.risk_summary,
      needsSummary: referral.needs_summary,
      riskOfSeriousHarm: referral.risk_of_serious_harm,
      sentenceEndOn: referral.sentence_end_on,
      legalBasis: referral.legal_basis,
      consentGivenOn: referral.consent_given_on,
      eligibilityOverrideReason: referral.eligibility_override_reason,
      decidedAt: referral.decided_at,
      history: history.map((row) => ({ from: row.from_status, to: row.to_status, reason: row.reason, note: row.note, by: row.by_name, organisation: row.organisation_name, at: row.occurred_at })),
      attachments: attachments.map((row) => ({
        id: row.id,
        title: row.title,
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        uploadedAt: row.uploaded_at,
        href: referralsPaths.download({ referralId, attachmentId: row.id, fileName: row.file_name }),
      })),
      ...(notes ? { internalNotes: notes.map((note) => ({ id: note.id, text: note.text, author: note.author_name, organisation: note.organisation_name, at: note.created_at })) } : {}),
    }
  })
}

export async function referralForApi(request: ReferralRequest, reply: FastifyReply) {
  const json = await referralJson(request, idParam(request, 'referralId'))
  if (!json) throw notFound()
  return reply.send(json)
}

/** The body's answers as the form's typed fields, dates as YYYY-MM-DD (which the form's reading takes too). */
function fieldsFrom(body: z.infer<typeof createReferralApiBody>): TypedFields {
  const fields: TypedFields = { service: serviceChoiceValue({ serviceId: body.serviceId, elementId: body.serviceElementId ?? null }) }
  for (const [field, name] of Object.entries(apiNames)) {
    const value = (body as Record<string, unknown>)[name]
    if (field !== 'service' && typeof value === 'string') fields[field] = value
  }
  return fields
}

/** POST /api/v1/referrals: 201 with the referral (a draft, or submitted with `submit: true`); 422 with problems; 404 for a person out of scope. */
export async function createReferralFromApi(request: FastifyRequest, reply: FastifyReply) {
  const shape = createReferralApiBody.safeParse(request.body ?? {})
  if (!shape.success) return sendProblems(request, reply, shapeProblems(shape.error))
  const made = await makeReferral(request, shape.data.personId, fieldsFrom(shape.data), shape.data.submit === true ? 'submit' : 'draft')
  switch (made.state) {
    case 'notFound':
      throw notFound()
    case 'invalid':
      return sendProblems(request, reply, made.problems)
    case 'done':
      // The new referral as GET returns it: a read of its own, audited as one.
      return reply.code(201).header('location', referralsPaths.api.referral({ referralId: made.referralId })).send(await referralJson(request, made.referralId))
  }
}

/** POST /api/v1/referrals/:referralId/transitions: 200 with the new status; 409 or 422 with the problem; 404 out of scope. */
export async function transitionReferralFromApi(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const shape = transitionApiBody.safeParse(request.body ?? {})
  if (!shape.success) {
    // Scope first: a referral out of reach is not found, whatever the body says.
    const inScope = await inTransaction(request.server.database.db, async (tx) => {
      const referral = await findReferralInScope(tx, request.scope!, referralId)
      await auditRequest(tx, request, { action: 'referral.transition', outcome: referral ? 'failed' : 'denied', personId: referral?.person_id, recordType: 'referral', recordId: referralId, details: { problem: 'invalid_body' } })
      return referral !== undefined
    })
    if (!inScope) throw notFound()
    return sendProblems(request, reply, shapeProblems(shape.error))
  }
  const { to, reason, note, eligibilityOverrideReason } = shape.data
  const outcome = await inTransaction(request.server.database.db, (tx) => moveReferral(tx, request, referralId, to, { reason, note, eligibilityOverrideReason }))
  if (outcome.ok) return reply.send({ id: referralId, from: outcome.from, status: outcome.to })
  if (outcome.problem === 'not_found') throw notFound()
  const problem = moveProblem(to, outcome.problem)
  return reply.code(problem.status === 400 ? 422 : problem.status).send({ problem: outcome.problem, message: request.server.content.t(problem.key) })
}
