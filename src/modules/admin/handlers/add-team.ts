import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { recordAdminChange } from '../audit.ts'
import { teamForm } from '../forms.ts'
import { adminPaths } from '../paths.ts'
import { createTeam, listServices, teamNameTaken, type OrganisationSummary } from '../repository.ts'
import { fieldProblem, type FormProblem } from './form-problems.ts'
import { organisationInScope, scopeOf } from './lookups.ts'

async function renderForm(request: FastifyRequest, reply: FastifyReply, organisation: OrganisationSummary, values: unknown, problem?: FormProblem) {
  const services = await listServices(request.server.database.db, scopeOf(request), organisation.id)
  return reply.code(problem ? 400 : 200).view('admin/views/new-team.njk', { organisation, services, values, ...problem })
}

export async function showNewTeam(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, await organisationInScope(request), {})
}

export async function addTeam(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const organisation = await organisationInScope(request)
  const form = parseForm(teamForm, request.body, request.server.content)
  if (!form.ok) return renderForm(request, reply, organisation, request.body, form)
  const { name } = form.value
  const serviceId = form.value.serviceId ?? null
  const services = await listServices(db, scopeOf(request), organisation.id)
  if (serviceId !== null && !services.some((service) => service.id === serviceId)) {
    return renderForm(request, reply, organisation, request.body, fieldProblem(request, 'serviceId', 'admin.newTeam.errors.serviceUnknown'))
  }
  if (await teamNameTaken(db, organisation.id, name)) {
    return renderForm(request, reply, organisation, request.body, fieldProblem(request, 'name', 'admin.newTeam.errors.nameTaken'))
  }
  await inTransaction(db, async (tx) => {
    const teamId = await createTeam(tx, { organisationId: organisation.id, name, serviceId })
    await recordAdminChange(tx, request, { action: 'admin.team.create', recordType: 'team', recordId: teamId, recordOrganisationId: organisation.id, details: { serviceId } })
  })
  return reply.redirect(adminPaths.teams({ organisationId: organisation.id }), 303)
}
