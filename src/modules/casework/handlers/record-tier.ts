import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError, parseForm, type FieldError } from '../../../platform/http/forms.ts'
import { caseIdOf, findCaseView } from '../case.ts'
import { tierForm } from '../forms.ts'
import { caseworkPaths } from '../paths.ts'
import { addCaseEvent, currentTier, lockCase, startTier } from '../repository.ts'
import { dayBefore, tierChangeProblem } from '../rules.ts'
import { loadOverview, renderOverview } from './show-case.ts'

type Problems = { errors: FieldError[]; fieldErrors: Record<string, { text: string }> }

/**
 * POST: the case moves into a community-pathway tier from a date; the tier it was in ends
 * the day before. A problem shows the overview again with the form as typed.
 */
export async function recordTier(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const { content } = request.server
  const scope = request.scope!
  const principal = request.principal!
  const form = parseForm(tierForm, request.body, content)
  const outcome = await inTransaction(request.server.database.db, async (tx) => {
    const caseView = await findCaseView(tx, request, allocationId)
    // The tier is part of the plan: a caller who may not read the plan finds no case to change.
    if (!caseView || !caseView.readable.has('plan')) {
      await auditRequest(tx, request, { action: 'case.tier.record', outcome: 'denied', ...(caseView ? { personId: caseView.person_id } : {}), recordType: 'allocation', recordId: allocationId })
      return undefined
    }
    const fail = async (status: number, problems: Problems) => {
      await auditRequest(tx, request, { action: 'case.tier.record', outcome: 'failed', personId: caseView.person_id, recordType: 'allocation', recordId: allocationId, details: { problems: problems.errors.map((error) => error.field) } })
      return { status, problems, read: { caseView, section: await loadOverview(tx, request, caseView) } }
    }
    if (caseView.status !== 'active') return fail(409, formError('tier', content.t('casework.tiers.errors.closed')))
    if (!form.ok) return fail(400, form)
    await lockCase(tx, request.server.database.dialect, allocationId)
    const current = await currentTier(tx, allocationId)
    const problem = tierChangeProblem(form.value, { current, caseStartedOn: caseView.started_at.slice(0, 10), today: scope.today })
    if (problem) return fail(400, formError(problem === 'same_tier' ? 'tier' : 'startsOn-day', content.t(`casework.tiers.errors.${problem}`)))

    const tierId = await startTier(tx, { allocationId, tier: form.value.tier, startsOn: form.value.startsOn, endsPreviousOn: dayBefore(form.value.startsOn), recordedBy: principal.userId })
    const details = { tier: form.value.tier, startsOn: form.value.startsOn, ...(current ? { previousTier: current.tier } : {}) }
    await addCaseEvent(tx, { personId: caseView.person_id, allocationId, kind: 'case.tier_started', category: 'plan', organisationId: principal.organisationId, recordType: 'case_tier', recordId: tierId, recordedBy: principal.userId, details })
    await auditRequest(tx, request, { action: 'case.tier.record', outcome: 'allowed', personId: caseView.person_id, recordType: 'case_tier', recordId: tierId, details })
    return null
  })
  if (outcome === undefined) throw notFound()
  if (outcome === null) return reply.redirect(caseworkPaths.overview({ allocationId }), 303)
  return renderOverview(request, reply, outcome.read, { status: outcome.status, values: (request.body ?? {}) as Record<string, unknown>, errors: outcome.problems.errors, fieldErrors: outcome.problems.fieldErrors })
}
