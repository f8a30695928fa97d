import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { checkedList, eligibilityRuleInput, ruleKindForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { addRule as insertRule, regionOrganisations, type ServiceDetail } from '../../repository.ts'
import { describeEligibilityRule, eligibilityRuleKinds, eligibilityRuleSchemas, eligibleSexes, riskLevels, type EligibilityRule } from '../../rules.ts'
import { fieldProblem, managedService, scopeOf, type FormProblem } from './lookups.ts'
import { recordChange } from './service-change.ts'

async function renderForm(request: FastifyRequest, reply: FastifyReply, service: ServiceDetail, values: unknown, problem?: FormProblem) {
  const typed = (values ?? {}) as Record<string, unknown>
  const organisations = await regionOrganisations(request.server.database.db)
  return reply.code(problem ? 400 : 200).view('services/views/manage/rule.njk', {
    service,
    organisations,
    ruleKinds: eligibilityRuleKinds,
    eligibleSexes,
    riskLevels,
    values: { ...typed, sexes: checkedList(typed.sexes), riskLevels: checkedList(typed.riskLevels), organisationIds: checkedList(typed.organisationIds) },
    ...problem,
  })
}

export async function showNewRule(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, await managedService(request), {})
}

/** Adds a condition of the chosen kind, checked by that kind's rules (rules.ts), after the others. */
export async function addRule(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const chosen = parseForm(ruleKindForm, request.body, request.server.content)
  if (!chosen.ok) return renderForm(request, reply, service, request.body, chosen)
  const { kind } = chosen.value
  const form = parseForm(eligibilityRuleSchemas[kind], eligibilityRuleInput(kind, (request.body ?? {}) as Record<string, unknown>), request.server.content)
  if (!form.ok) return renderForm(request, reply, service, request.body, form)
  const rule = form.value as EligibilityRule
  const organisations = await regionOrganisations(request.server.database.db)
  if (rule.kind === 'region' && !rule.organisationIds.every((id) => organisations.some((organisation) => organisation.id === id))) {
    return renderForm(request, reply, service, request.body, fieldProblem(request, 'organisationIds', 'services.eligibility.errors.organisationUnknown'))
  }
  const names = Object.fromEntries(organisations.map((organisation) => [organisation.id, organisation.name]))
  const description = describeEligibilityRule(rule, { t: request.server.content.t, organisationName: (id) => names[id] })
  await inTransaction(request.server.database.db, async (tx) => {
    const ruleId = await insertRule(tx, scopeOf(request), service.id, rule)
    await recordChange(tx, request, service, { action: 'service.rule.add', history: { detail: description, kind }, audit: { ruleId, kind } })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
