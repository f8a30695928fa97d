import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { createGroupSession } from '../commands.ts'
import { groupElementQuery, groupForm, problem } from '../forms.ts'
import { contactsPaths } from '../paths.ts'
import { elementPlaces, serviceDeliveredBy, serviceElements } from '../repository.ts'
import { problemFields } from './case-form.ts'
import { dateBoxes, type PageProblems } from './wording.ts'

/**
 * The service, its elements and, once an element is chosen (or the service has only one),
 * the people holding places in it; for members of a team delivering the service only.
 * `audit` is this request's own row, or null when the command already wrote one.
 */
async function loadGroupPage(request: FastifyRequest, serviceId: string, elementId: string | undefined, audit: { action: AuditEvent; outcome: 'allowed' | 'failed'; details?: Record<string, unknown> } | null) {
  const scope = request.scope!
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const service = await serviceDeliveredBy(tx, scope, serviceId)
    const elements = service ? await serviceElements(tx, serviceId) : []
    const element = elements.find((candidate) => candidate.id === elementId) ?? (elements.length === 1 ? elements[0] : undefined)
    const places = element ? await elementPlaces(tx, scope, element.id) : []
    if (audit) {
      await auditRequest(tx, request, { action: audit.action, outcome: service ? audit.outcome : 'denied', recordType: 'service', recordId: serviceId, details: { elementId: element?.id ?? null, listed: places.length, ...audit.details } })
    }
    return service && { service, elements, element, places }
  })
  if (!page) throw notFound()
  return page
}

type GroupPage = Awaited<ReturnType<typeof loadGroupPage>>

function render(reply: FastifyReply, page: GroupPage, values: Record<string, unknown>, problems?: PageProblems, status = 200) {
  const ticked = values.attendees
  const chosenAttendees = Array.isArray(ticked) ? ticked : typeof ticked === 'string' ? [ticked] : []
  return reply.code(status).view('contacts/views/new-group.njk', { ...page, values, chosenAttendees, errors: problems?.errors, fieldErrors: problems?.fieldErrors ?? {} })
}

type GroupRequest = FastifyRequest<{ Params: { serviceId: string } }>

export async function showNewGroup(request: GroupRequest, reply: FastifyReply) {
  const { element } = groupElementQuery.parse(request.query ?? {})
  const page = await loadGroupPage(request, idParam(request, 'serviceId'), element, { action: 'contact.view', outcome: 'allowed' })
  return render(reply, page, dateBoxes(request.scope!.now))
}

/** POST: one group session for the people chosen; its register opens next. */
export async function createGroup(request: GroupRequest, reply: FastifyReply) {
  const serviceId = idParam(request, 'serviceId')
  const values = (request.body ?? {}) as Record<string, unknown>
  const elementId = typeof values.element === 'string' ? values.element : undefined
  const form = parseForm(groupForm, request.body, request.server.content)
  if (!form.ok) {
    const page = await loadGroupPage(request, serviceId, elementId, { action: 'contact.create', outcome: 'failed', details: problemFields(form.errors) })
    return render(reply, page, values, form, 400)
  }
  const outcome = await createGroupSession(request, serviceId, form.value)
  if (outcome.ok) return reply.redirect(contactsPaths.attendance({ contactId: outcome.contactId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadGroupPage(request, serviceId, elementId, null)
  const { content } = request.server
  if (outcome.problem === 'element_unknown') return render(reply, page, values, formError('element', content.t(problem('elementMissing'))), 400)
  // Someone's place ended (or was never in the element) while the form was open.
  return render(reply, page, values, formError('attendees', content.t(problem('attendeeUnknown'))), 409)
}
