import type { FastifyReply, FastifyRequest } from 'fastify'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { caseIdOf, readCaseSection } from '../../casework/index.ts'
import { addRiskPlanVersion } from '../commands.ts'
import { readRiskPlanApiBody } from '../forms.ts'
import { riskPlanVersions, type RiskPlanRow } from '../repository.ts'
import { reviewStatus } from '../rules.ts'

/*
 * The JSON API of risk plans: the same reads, command, scope and audit as the pages. Field
 * problems are 422 `{ errors: [{ field, message }] }`; a closed case or a version saved
 * since the one the client started from is 409 in the same shape.
 */

function planJson(plan: RiskPlanRow, today: string) {
  return {
    id: plan.id,
    version: plan.version,
    summary: plan.summary,
    triggers: plan.triggers,
    warningSigns: plan.warning_signs,
    protectiveFactors: plan.protective_factors,
    contingencies: plan.contingencies,
    reviewOn: plan.review_on,
    reviewStatus: reviewStatus(plan.review_on, today),
    createdBy: { id: plan.created_by, name: plan.author_name },
    createdAt: plan.created_at,
  }
}

export async function riskPlansForApi(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'risk-plan.view', categories: ['risk'] }, (tx, caseView) => riskPlanVersions(tx, caseView.id))
  if (!read.section) throw forbidden('risk is not shared with the caller')
  const today = request.scope!.today
  return reply.send({ allocationId: read.caseView.id, personId: read.caseView.person_id, versions: read.section.map((plan) => planJson(plan, today)) })
}

export async function createRiskPlanFromApi(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const { content } = request.server
  const reading = readRiskPlanApiBody(request.body, request.scope!.today, content)
  const outcome = await addRiskPlanVersion(request, allocationId, reading.ok ? reading : { ok: false, fields: reading.errors.map((error) => error.field) })
  switch (outcome.state) {
    case 'not_found':
      throw notFound()
    case 'not_shared':
      throw forbidden('risk is not shared with the caller')
    case 'invalid':
      return reply.code(422).send({ errors: reading.ok ? [] : reading.errors })
    case 'closed':
      return reply.code(409).send({ errors: [{ field: 'allocationId', message: content.t('riskPlans.errors.closed') }] })
    case 'stale':
      return reply.code(409).send({ errors: [{ field: 'basedOnVersion', message: content.t('riskPlans.errors.stale', { version: outcome.latest.version }) }] })
    case 'added':
      return reply.code(201).send(planJson(outcome.plan, request.scope!.today))
  }
}
