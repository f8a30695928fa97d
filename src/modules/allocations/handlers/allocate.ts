import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { addToWaitingList, allocatePlace } from '../commands.ts'
import { allocationForm } from '../forms.ts'
import { allocationsPaths, withQuery } from '../paths.ts'
import { elementPlaces, positionOnWaitingList, referralForAllocation, serviceWorkers, type ReferralForAllocation } from '../repository.ts'
import { isAllocatable, keyworkerRoles, leadClinicianRoles } from '../rules.ts'
import { redirectToCaseload } from './change-allocation.ts'
import { idParam, pageProblem, problemOf, type PageAudit } from './problems.ts'
import { listedPerson, placesInWords, urgencyName, waitedInWords } from './wording.ts'

type Shown = { status?: number; values?: Record<string, unknown> } & Partial<ReturnType<typeof pageProblem>>

/** Reads what the page shows about the referral, in the caller's scope; `audit` null when the command of this request already audited it. */
async function loadPage(request: FastifyRequest, referralId: string, audit: PageAudit | null) {
  return inTransaction(request.server.database.db, async (tx) => {
    const referral = await referralForAllocation(tx, request.scope!, referralId)
    const page = referral && { referral, elements: await elementPlaces(tx, referral.service_id), workers: await serviceWorkers(tx, referral.service_id), position: await positionOnWaitingList(tx, referralId) }
    if (audit) {
      await auditRequest(tx, request, { action: audit.action, outcome: referral ? audit.found : 'denied', ...(referral ? { personId: referral.person_id } : {}), recordType: 'referral', recordId: referralId, ...(audit.details ? { details: audit.details } : {}) })
    }
    return page
  })
}

type Page = NonNullable<Awaited<ReturnType<typeof loadPage>>>

function render(request: FastifyRequest, reply: FastifyReply, { referral, elements, workers, position }: Page, shown: Shown) {
  const { content } = request.server
  const { status = 200, values = {}, ...problems } = shown
  const now = new Date()
  return reply.code(status).view('allocations/views/allocate.njk', {
    referral,
    person: listedPerson(content, referral),
    urgency: urgencyName(referral.urgency),
    requestedElement: elements.find((element) => element.id === referral.requested_element_id)?.name,
    allocatable: isAllocatable(referral.status),
    position: position && { ...position, waited: waitedInWords(content, position.referred_at, now) },
    elements: elements.map((element) => ({ ...element, places: placesInWords(content, element) })),
    keyworkers: workers.filter((worker) => worker.roles.some((role) => keyworkerRoles.includes(role))),
    leadClinicians: workers.filter((worker) => worker.roles.some((role) => leadClinicianRoles.includes(role))),
    mayOverride: request.principal!.capabilities.has('allocation:override'),
    values,
    ...problems,
  })
}

/** The form's first values: the element asked for, and today. */
function startingValues(referral: ReferralForAllocation, today: string): Record<string, string> {
  const [year, month, day] = today.split('-')
  return { element: referral.requested_element_id ?? '', 'startsOn-day': String(Number(day)), 'startsOn-month': String(Number(month)), 'startsOn-year': year ?? '' }
}

type AllocateRequest = FastifyRequest<{ Params: { referralId: string }; Body: unknown }>

export async function showAllocate(request: AllocateRequest, reply: FastifyReply) {
  const page = await loadPage(request, idParam(request, 'referralId'), { action: 'allocation.view', found: 'allowed' })
  if (!page) throw notFound()
  return render(request, reply, page, { values: startingValues(page.referral, request.scope!.today) })
}

export async function allocate(request: AllocateRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const values = (request.body ?? {}) as Record<string, unknown>
  const form = parseForm(allocationForm, request.body, request.server.content)
  if (!form.ok) {
    const page = await loadPage(request, referralId, { action: 'allocation.create', found: 'failed', details: { problems: form.errors.map((error) => error.field) } })
    if (!page) throw notFound()
    return render(request, reply, page, { status: 400, values, errors: form.errors, fieldErrors: form.fieldErrors })
  }
  const outcome = await allocatePlace(request, referralId, form.value)
  if (outcome.ok) return redirectToCaseload(request, reply, outcome.serviceId)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadPage(request, referralId, null)
  if (!page) throw notFound()
  const problem = problemOf(outcome, { element: 'element', reason: 'overCapacityReason' })
  return render(request, reply, page, { status: problem.conflict ? 409 : 400, values, ...pageProblem(request, problem) })
}

/** POST: no place yet, so the accepted referral joins the waiting list; the list shows where. */
export async function waitForPlace(request: AllocateRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const outcome = await addToWaitingList(request, referralId)
  if (outcome.ok) return reply.redirect(withQuery(allocationsPaths.waitingList({ serviceId: outcome.serviceId }), { element: outcome.elementId ?? undefined }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadPage(request, referralId, null)
  if (!page) throw notFound()
  return render(request, reply, page, { status: 409, values: startingValues(page.referral, request.scope!.today), ...pageProblem(request, problemOf(outcome, { element: 'element', reason: 'overCapacityReason' })) })
}
