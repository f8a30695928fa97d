import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { organisationTypes } from '../../../../platform/db/schema.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { checkedList, referrersForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { replaceReferrers, type ServiceDetail } from '../../repository.ts'
import { referringRoles } from '../../rules.ts'
import { fieldProblem, managedService, scopeOf, type FormProblem } from './lookups.ts'
import { recordChange } from './service-change.ts'

function renderForm(request: FastifyRequest, reply: FastifyReply, service: ServiceDetail, values: unknown, problem?: FormProblem) {
  const typed = (values ?? {}) as Record<string, unknown>
  return reply.code(problem ? 400 : 200).view('services/views/manage/referrers.njk', {
    service,
    roles: referringRoles(request.server.roles),
    organisationTypes,
    values: { roles: checkedList(typed.roles), organisationTypes: checkedList(typed.organisationTypes) },
    ...problem,
  })
}

export async function showChangeReferrers(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  return renderForm(request, reply, service, { roles: service.referrerRoles, organisationTypes: service.referrerOrganisationTypes })
}

/** Which roles, from which kinds of organisation, may refer; none ticked means anyone who makes referrals. */
export async function changeReferrers(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const form = parseForm(referrersForm, request.body, request.server.content)
  if (!form.ok) return renderForm(request, reply, service, request.body, form)
  const allowed = referringRoles(request.server.roles).map((role) => role.key)
  const roles = allowed.filter((key) => form.value.roles.includes(key))
  if (roles.length !== new Set(form.value.roles).size) return renderForm(request, reply, service, request.body, fieldProblem(request, 'roles', 'services.manage.referrers.errors.roleUnknown'))
  const types = organisationTypes.filter((type) => form.value.organisationTypes.includes(type))
  const { t } = request.server.content
  const detail = [...roles.map((key) => request.server.roles.get(key)?.name ?? key), ...types.map((type) => t(`services.organisationTypes.${type}`))].join(', ') || t('services.service.anyReferrer')
  await inTransaction(request.server.database.db, async (tx) => {
    await replaceReferrers(tx, scopeOf(request), service.id, { roles, organisationTypes: types })
    await recordChange(tx, request, service, { action: 'service.referrers.change', history: { detail, roles, organisationTypes: types }, audit: { roles, organisationTypes: types } })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
