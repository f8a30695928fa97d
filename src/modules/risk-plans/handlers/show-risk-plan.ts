import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { riskPlanVersions } from '../repository.ts'
import { reviewStatus } from '../rules.ts'

/** The risk section: the latest version of the plan, or the one named by `:riskPlanId`, with every version listed. */
async function showPlan(request: FastifyRequest, reply: FastifyReply, riskPlanId?: string) {
  const read = await readCaseSection(request, { action: 'risk-plan.view', categories: ['risk'] }, (tx, caseView) => riskPlanVersions(tx, caseView.id))
  const versions = read.section ?? []
  const plan = riskPlanId === undefined ? versions[0] : versions.find((version) => version.id === riskPlanId)
  // A version of another case (or none) is not found, like a case out of scope.
  if (riskPlanId !== undefined && read.section !== undefined && !plan) throw notFound()
  return renderCaseSection(reply, 'risk-plans/views/plan.njk', read, 'risk', {
    plan: plan && { ...plan, reviewStatus: reviewStatus(plan.review_on, request.scope!.today) },
    latest: versions[0],
    versions,
    mayWrite: request.principal!.capabilities.has('casework:write') && read.caseView.status === 'active',
  })
}

export function showCurrentRiskPlan(request: FastifyRequest, reply: FastifyReply) {
  return showPlan(request, reply)
}

export function showRiskPlanVersion(request: FastifyRequest, reply: FastifyReply) {
  return showPlan(request, reply, idParam(request, 'riskPlanId'))
}
