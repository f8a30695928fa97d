import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { recordAttendance } from '../commands.ts'
import { problem, readAttendanceForm } from '../forms.ts'
import { contactsPaths } from '../paths.ts'
import { contactAttendees, contactDeliveredBy } from '../repository.ts'
import { isPast } from '../rules.ts'
import { listedName, outcomeChoices, outcomeErrors, type PageProblems } from './wording.ts'

/** The contact and its register, for a member of a team delivering its service; `audit` null when the command already wrote the row. */
async function loadAttendancePage(request: FastifyRequest, contactId: string, audit: { action: AuditEvent; outcome: 'allowed' } | null) {
  const scope = request.scope!
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const contact = await contactDeliveredBy(tx, scope, contactId)
    const attendees = contact ? await contactAttendees(tx, scope, contactId) : []
    if (audit) await auditRequest(tx, request, { action: audit.action, outcome: contact ? audit.outcome : 'denied', recordType: 'contact', recordId: contactId, details: { attendees: attendees.length } })
    return contact && { contact, attendees: attendees.map((attendee) => ({ ...attendee, name: listedName(request.server.content, attendee) })) }
  })
  if (!page) throw notFound()
  return page
}

type AttendancePage = Awaited<ReturnType<typeof loadAttendancePage>>

function render(request: FastifyRequest, reply: FastifyReply, page: AttendancePage, values: Record<string, unknown>, problems?: PageProblems, status = 200) {
  const past = isPast(page.contact.occurs_at, request.scope!.now)
  return reply.code(status).view('contacts/views/attendance.njk', {
    contact: page.contact,
    recorded: page.attendees.filter((attendee) => attendee.outcome !== null),
    planned: page.attendees.filter((attendee) => attendee.outcome === null),
    past,
    choices: outcomeChoices(past),
    values,
    errors: problems?.errors,
    fieldErrors: problems?.fieldErrors ?? {},
  })
}

type AttendanceRequest = FastifyRequest<{ Params: { contactId: string } }>

export async function showAttendance(request: AttendanceRequest, reply: FastifyReply) {
  const page = await loadAttendancePage(request, idParam(request, 'contactId'), { action: 'contact.view', outcome: 'allowed' })
  return render(request, reply, page, {})
}

/** The attendees the form listed (hidden `attendee` fields): their outcomes are read, even when left empty. */
function listedAttendees(body: unknown): string[] {
  const listed = (body as Record<string, unknown> | undefined)?.attendee
  return (Array.isArray(listed) ? listed : [listed]).filter((id): id is string => typeof id === 'string' && isId(id))
}

/** POST: each listed person's outcome at once; the register then shows them recorded. */
export async function takeAttendance(request: AttendanceRequest, reply: FastifyReply) {
  const contactId = idParam(request, 'contactId')
  const values = (request.body ?? {}) as Record<string, unknown>
  const outcome = await recordAttendance(request, contactId, readAttendanceForm(request.body, listedAttendees(request.body)))
  if (outcome.ok) return reply.redirect(contactsPaths.attendance({ contactId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadAttendancePage(request, contactId, null)
  const { content } = request.server
  const names = new Map(page.attendees.map((attendee) => [attendee.allocation_id, attendee.name]))
  const firstPlanned = page.attendees.find((attendee) => attendee.outcome === null)
  switch (outcome.problem) {
    case 'attendance': {
      const problems = outcome.problems.map((found) => ({ ...found, suffix: `-${found.allocationId}` }))
      return render(request, reply, page, values, outcomeErrors(content, problems, (text, found) => content.t('contacts.attendance.rowProblem', { name: names.get(found.allocationId) ?? '', problem: text })), 400)
    }
    case 'nothing_to_record':
      return render(request, reply, page, values, firstPlanned && formError(`outcome-${firstPlanned.allocation_id}`, content.t(problem('nothingToRecord'))), 400)
    default:
      // Someone recorded these people first, or the register changed: it is shown as it is now.
      return render(request, reply, page, {}, firstPlanned && formError(`outcome-${firstPlanned.allocation_id}`, content.t(problem('alreadyRecorded'))), 409)
  }
}
