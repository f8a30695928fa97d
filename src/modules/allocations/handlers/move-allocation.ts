import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { movePlace } from '../commands.ts'
import { moveForm } from '../forms.ts'
import { allocationIdOf, allocationView, loadAllocationPage, redirectToCaseload, type AllocationPage, type AllocationRequest, type Shown } from './change-allocation.ts'
import { pageProblem, problemOf } from './problems.ts'

function render(request: FastifyRequest, reply: FastifyReply, page: AllocationPage, shown: Shown) {
  const { status, context } = allocationView(request, page, shown)
  return reply.code(status).view('allocations/views/move.njk', {
    ...context,
    // Moving is to another element; the one the person is in stays listed above.
    otherElements: context.elements.filter((element) => element.id !== page.allocation.element_id),
    mayOverride: request.principal!.capabilities.has('allocation:override'),
  })
}

/** GET: where the person's place is, and the other elements of the service with their free places. */
export async function showMove(request: AllocationRequest, reply: FastifyReply) {
  const page = await loadAllocationPage(request, allocationIdOf(request), { action: 'allocation.view', found: 'allowed' })
  return render(request, reply, page, {})
}

/** POST: moves the place (e.g. Engagement → Treatment), checking the new element's places as an allocation does. */
export async function moveAllocation(request: AllocationRequest, reply: FastifyReply) {
  const allocationId = allocationIdOf(request)
  const values = (request.body ?? {}) as Record<string, unknown>
  const form = parseForm(moveForm, request.body, request.server.content)
  if (!form.ok) {
    const page = await loadAllocationPage(request, allocationId, { action: 'allocation.move', found: 'failed', details: { problems: form.errors.map((error) => error.field) } })
    return render(request, reply, page, { status: 400, values, errors: form.errors, fieldErrors: form.fieldErrors })
  }
  const outcome = await movePlace(request, allocationId, form.value)
  if (outcome.ok) return redirectToCaseload(request, reply, outcome.serviceId)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadAllocationPage(request, allocationId, null)
  const problem = problemOf(outcome, { element: 'element', reason: 'overCapacityReason' })
  return render(request, reply, page, { status: problem.conflict ? 409 : 400, values, ...pageProblem(request, problem) })
}
