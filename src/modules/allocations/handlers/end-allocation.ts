import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { teamsToHandOverTo } from '../../casework/index.ts'
import { availableTransitions, reasonCodes, type ReferralStatus } from '../../referrals/index.ts'
import { endPlace } from '../commands.ts'
import { endForm } from '../forms.ts'
import { isEndingStatus } from '../rules.ts'
import { allocationIdOf, allocationView, loadAllocationPage, redirectToCaseload, type AllocationPage, type AllocationRequest, type Shown } from './change-allocation.ts'
import { pageProblem, problemOf } from './problems.ts'
import { reasonName, statusName } from './wording.ts'

/** The endings the caller may make from the referral's status, each with its reason codes (if it takes any). */
function endingsFor(request: FastifyRequest, referralStatus: string) {
  const { content } = request.server
  const principal = request.principal!
  return availableTransitions(referralStatus as ReferralStatus, principal.roles, ['service'])
    .map((transition) => transition.to)
    .filter(isEndingStatus)
    .map((status) => ({
      status,
      name: statusName(content, status),
      reasons: (status in reasonCodes ? reasonCodes[status as keyof typeof reasonCodes] : []).map((code) => ({ code, name: reasonName(status, code) })),
    }))
}

/** The form, with the teams a transfer may hand the case over to. */
async function render(request: FastifyRequest, reply: FastifyReply, page: AllocationPage, shown: Shown) {
  const { status, context } = allocationView(request, page, shown)
  const receivingTeams = await teamsToHandOverTo(request.server.database.db)
  return reply.code(status).view('allocations/views/end.njk', { ...context, endings: endingsFor(request, page.allocation.referral_status), receivingTeams })
}

/** GET: the ways this place may end now, with their reasons. */
export async function showEnd(request: AllocationRequest, reply: FastifyReply) {
  const page = await loadAllocationPage(request, allocationIdOf(request), { action: 'allocation.view', found: 'allowed' })
  return render(request, reply, page, {})
}

/** POST: the referral moves to completed, ended early or transferred (with its reason), and the place and the case end with it. */
export async function endAllocation(request: AllocationRequest, reply: FastifyReply) {
  const allocationId = allocationIdOf(request)
  const values = (request.body ?? {}) as Record<string, unknown>
  const form = parseForm(endForm, request.body, request.server.content)
  if (!form.ok) {
    const page = await loadAllocationPage(request, allocationId, { action: 'allocation.end', found: 'failed', details: { problems: form.errors.map((error) => error.field) } })
    return render(request, reply, page, { status: 400, values, errors: form.errors, fieldErrors: form.fieldErrors })
  }
  const outcome = await endPlace(request, allocationId, form.value)
  if (outcome.ok) return redirectToCaseload(request, reply, outcome.serviceId)
  if (outcome.problem === 'not_found') throw notFound()
  const page = await loadAllocationPage(request, allocationId, null)
  const problem = problemOf(outcome, { element: 'outcome', reason: 'outcome', outcome: 'outcome', endReason: `${form.value.to}Reason` })
  return render(request, reply, page, { status: problem.conflict ? 409 : 400, values, ...pageProblem(request, problem) })
}
