import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { serviceDetailsForm, type ServiceDetails } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { updateServiceDetails } from '../../repository.ts'
import { currentDetails, renderDetailsForm } from './details-form.ts'
import { managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

export async function showChangeDetails(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  return renderDetailsForm(reply, { service }, currentDetails(service))
}

/** Name, summary, settings, what it offers, who it is for, how to refer and contact: one change, audited with the fields it touched. */
export async function changeDetails(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const form = parseForm(serviceDetailsForm, request.body, request.server.content)
  if (!form.ok) return renderDetailsForm(reply, { service }, request.body, form)
  const before = currentDetails(service)
  const after = { ...form.value, contactName: form.value.contactName ?? '', contactEmail: form.value.contactEmail ?? '', contactPhone: form.value.contactPhone ?? '' }
  const changed = (Object.keys(before) as Array<keyof ServiceDetails>).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
  if (changed.length > 0) {
    const { t } = request.server.content
    await inTransaction(request.server.database.db, async (tx) => {
      await updateServiceDetails(tx, scopeOf(request), service.id, form.value)
      await recordChange(tx, request, service, {
        action: 'service.change',
        history: { detail: changed.map((field) => t(`services.manage.details.fields.${field}`)).join(', '), fields: changed },
        audit: { fields: changed },
      })
    })
  }
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
