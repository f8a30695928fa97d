import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { organisationTypes } from '../../../platform/db/schema.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { recordAdminChange } from '../audit.ts'
import { organisationForm } from '../forms.ts'
import { adminPaths } from '../paths.ts'
import { createOrganisation, listProbationRegions, organisationNameTaken } from '../repository.ts'
import { fieldProblem, type FormProblem } from './form-problems.ts'
import { scopeOf } from './lookups.ts'

async function renderForm(request: FastifyRequest, reply: FastifyReply, values: unknown, problem?: FormProblem) {
  const regions = await listProbationRegions(request.server.database.db, scopeOf(request))
  return reply.code(problem ? 400 : 200).view('admin/views/new-organisation.njk', { types: organisationTypes, regions, values, ...problem })
}

export async function showNewOrganisation(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, {})
}

export async function addOrganisation(request: FastifyRequest, reply: FastifyReply) {
  const { content, database } = request.server
  const form = parseForm(organisationForm, request.body, content)
  if (!form.ok) return renderForm(request, reply, request.body, form)
  const { name, type } = form.value
  // Only a probation delivery unit sits within another organisation, and then within a region.
  const parentId = type === 'probation_delivery_unit' ? (form.value.parentId ?? null) : null
  const regions = await listProbationRegions(database.db, scopeOf(request))
  if (type === 'probation_delivery_unit' && !regions.some((region) => region.id === parentId)) {
    return renderForm(request, reply, request.body, fieldProblem(request, 'parentId', 'admin.newOrganisation.errors.parentMissing'))
  }
  if (await organisationNameTaken(database.db, name)) {
    return renderForm(request, reply, request.body, fieldProblem(request, 'name', 'admin.newOrganisation.errors.nameTaken'))
  }
  const organisationId = await inTransaction(database.db, async (tx) => {
    const id = await createOrganisation(tx, { name, type, parentId })
    await recordAdminChange(tx, request, { action: 'admin.organisation.create', recordType: 'organisation', recordId: id, recordOrganisationId: id, details: { type, parentId } })
    return id
  })
  return reply.redirect(adminPaths.organisation({ organisationId }), 303)
}
