import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { readApiBody } from '../../../platform/http/api-body.ts'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { caseIdOf } from '../../casework/index.ts'
import { recordAttendance, recordCaseContact, type FoundProblem, type Refused } from '../commands.ts'
import { apiOutcome, attendanceApiBody, contactApiBody, contactListQuery, outcomeProblemKeys, problem } from '../forms.ts'
import { caseContact, contactAttendees, contactDeliveredBy, pageSize, type CaseContactRow } from '../repository.ts'
import { loadCaseForm } from './case-form.ts'
import { readCaseContacts } from './show-contacts.ts'

/*
 * The JSON API of contacts: the same reads, commands, scope and audit as the pages. Field
 * problems are 422 `{ errors: [{ field, message }] }`; a closed case or an outcome already
 * recorded is 409 `{ error, message }`.
 */

function contactJson(row: Pick<CaseContactRow, 'id' | 'kind' | 'title' | 'service_element_id' | 'occurs_at' | 'duration_minutes' | 'location' | 'follow_up'>) {
  return { id: row.id, kind: row.kind, title: row.title, elementId: row.service_element_id, occursAt: row.occurs_at, durationMinutes: row.duration_minutes, location: row.location, followUp: row.follow_up }
}

function outcomeJson(row: { outcome: string | null; cancelled_by: string | null; outcome_reason: string | null }) {
  return { outcome: row.outcome, cancelledBy: row.cancelled_by, reason: row.outcome_reason }
}

/** A refused command as the API says it: 404/403 out of reach, 409 when the record's state refuses it, else 422 on the field. */
function sendRefusal(request: FastifyRequest, reply: FastifyReply, refused: Refused, outcomeField: (found: FoundProblem & { allocationId?: string }) => string) {
  const { content } = request.server
  const fieldProblem = (field: string, key: string) => reply.code(422).send({ errors: [{ field, message: content.t(problem(key)) }] })
  switch (refused.problem) {
    case 'not_found':
      throw notFound()
    case 'not_shared':
      throw forbidden('the case’s contacts are not shared with the caller')
    case 'case_closed':
      return reply.code(409).send({ error: refused.problem, message: content.t(problem('caseClosed')) })
    case 'already_recorded':
      return reply.code(409).send({ error: refused.problem, message: content.t(problem('alreadyRecorded')) })
    case 'wrong_tier':
      return fieldProblem('kind', 'wrongTier')
    case 'element_unknown':
    case 'attendee_unknown':
      return fieldProblem('attendance', 'attendeeUnknown')
    case 'nothing_to_record':
      return fieldProblem('attendance', 'attendanceMissing')
    case 'outcome':
    case 'attendance':
      return reply.code(422).send({ errors: refused.problems.map((found: FoundProblem) => ({ field: outcomeField(found), message: content.t(outcomeProblemKeys[found.problem]) })) })
  }
}

export async function caseContactsForApi(request: FastifyRequest, reply: FastifyReply) {
  const page = contactListQuery.parse(request.query ?? {}).page ?? 1
  const read = await readCaseContacts(request, page)
  if (!read.section) throw forbidden('the case’s contacts are not shared with the caller')
  return reply.send({
    contacts: read.section.rows.map((row) => ({ ...contactJson(row), ...outcomeJson(row), attendees: { total: row.attendee_count, attended: row.attended_count } })),
    page,
    pageSize,
    total: read.section.total,
  })
}

export async function recordContactFromApi(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const body = readApiBody(request, contactApiBody)
  if (!body.ok) {
    // Scope first: out of reach is 404 (audited as a denial), not a list of field problems.
    const read = await loadCaseForm(request, { action: 'contact.create', details: { problems: body.errors.map((error) => error.field) } }, async () => ({}))
    if (!read.section) throw forbidden('the case’s contacts are not shared with the caller')
    return reply.code(422).send({ errors: body.errors })
  }
  const { value } = body
  const outcome = await recordCaseContact(request, allocationId, {
    kind: value.kind,
    occursAt: new Date(value.occursAt).toISOString(),
    durationMinutes: value.durationMinutes,
    location: value.location || null,
    followUp: value.followUp || null,
    outcome: apiOutcome(value),
  })
  if (!outcome.ok) return sendRefusal(request, reply, outcome, (found) => found.part)
  const created = await caseContact(request.server.database.db, allocationId, outcome.contactId)
  if (!created) throw notFound()
  return reply.code(201).send({ ...contactJson(created), ...outcomeJson(created), attendees: { total: 1, attended: created.outcome === 'attended' ? 1 : 0 } })
}

export async function attendanceFromApi(request: FastifyRequest, reply: FastifyReply) {
  const contactId = idParam(request, 'contactId')
  const scope = request.scope!
  const body = readApiBody(request, attendanceApiBody)
  if (!body.ok) {
    const found = await inTransaction(request.server.database.db, async (tx) => {
      const contact = await contactDeliveredBy(tx, scope, contactId)
      await auditRequest(tx, request, { action: 'contact.outcome', outcome: contact ? 'failed' : 'denied', recordType: 'contact', recordId: contactId, details: { problems: body.errors.map((error) => error.field) } })
      return contact !== undefined
    })
    if (!found) throw notFound()
    return reply.code(422).send({ errors: body.errors })
  }
  const entries = body.value.attendance
  const outcome = await recordAttendance(request, contactId, new Map(entries.map((entry) => [entry.allocationId, apiOutcome(entry)])))
  if (!outcome.ok) return sendRefusal(request, reply, outcome, (found) => `attendance.${entries.findIndex((entry) => entry.allocationId === found.allocationId)}.${found.part}`)
  const { db } = request.server.database
  const contact = await contactDeliveredBy(db, scope, contactId)
  if (!contact) throw notFound()
  const attendees = await contactAttendees(db, scope, contactId)
  return reply.send({ contact: contactJson(contact), attendance: attendees.map((attendee) => ({ allocationId: attendee.allocation_id, personId: attendee.person_id, ...outcomeJson(attendee) })) })
}
