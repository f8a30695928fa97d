import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction, type Tx } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { newServiceForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { createService as insertService, providersInScope, slugTaken } from '../../repository.ts'
import { slugFor } from '../../rules.ts'
import { renderDetailsForm } from './details-form.ts'
import { fieldProblem, scopeOf, type FormProblem } from './lookups.ts'
import { recordChange } from './service-change.ts'

async function renderForm(request: FastifyRequest, reply: FastifyReply, values: unknown, problem?: FormProblem) {
  const scope = scopeOf(request)
  const providers = await providersInScope(request.server.database.db, scope)
  return renderDetailsForm(reply, { providers, chooseProvider: scope.everyOrganisation }, values, problem)
}

/** The first free slug made from the name ("-2", "-3", … when taken). */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const slug = slugFor(name, attempt)
    if (!(await slugTaken(tx, slug))) return slug
  }
}

export async function showNewService(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, {})
}

/** Adds an unpublished service for the manager's organisation (a system administrator picks the organisation). */
export async function createService(request: FastifyRequest, reply: FastifyReply) {
  const scope = scopeOf(request)
  const form = parseForm(newServiceForm, request.body, request.server.content)
  if (!form.ok) return renderForm(request, reply, request.body, form)
  const providers = await providersInScope(request.server.database.db, scope)
  const organisationId = scope.everyOrganisation ? form.value.organisationId : scope.organisationId
  if (!organisationId || !providers.some((provider) => provider.id === organisationId)) {
    return renderForm(request, reply, request.body, fieldProblem(request, 'organisationId', 'services.manage.details.errors.organisationMissing'))
  }
  const { organisationId: _chosen, ...details } = form.value
  const serviceId = await inTransaction(request.server.database.db, async (tx) => {
    const slug = await freeSlug(tx, details.name)
    const id = await insertService(tx, scope, { organisationId, slug, details })
    await recordChange(tx, request, { id, organisationId }, { action: 'service.create', history: { detail: details.name, slug }, audit: { slug } })
    return id
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId }), 303)
}
