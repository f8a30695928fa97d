import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { elementForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { elementNameTaken, updateElement } from '../../repository.ts'
import { elementOf, placesWords, renderElementForm } from './element-form.ts'
import { fieldProblem, managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

export async function showChangeElement(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const element = elementOf(request, service)
  return renderElementForm(reply, service, element, { name: element.name, capacity: element.capacity ?? '' })
}

/** Renames a part or changes its places; the history keeps what it was. */
export async function changeElement(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const element = elementOf(request, service)
  const form = parseForm(elementForm, request.body, request.server.content)
  if (!form.ok) return renderElementForm(reply, service, element, request.body, form)
  const { db } = request.server.database
  if (await elementNameTaken(db, service.id, form.value.name, element.id)) {
    return renderElementForm(reply, service, element, request.body, fieldProblem(request, 'name', 'services.manage.element.errors.nameTaken'))
  }
  if (form.value.name !== element.name || form.value.capacity !== element.capacity) {
    await inTransaction(db, async (tx) => {
      await updateElement(tx, scopeOf(request), service.id, element.id, form.value)
      const was = `${element.name} (${placesWords(request, element.capacity)})`
      const now = `${form.value.name} (${placesWords(request, form.value.capacity)})`
      await recordChange(tx, request, service, {
        action: 'service.element.change',
        history: { detail: `${was} → ${now}`, capacity: form.value.capacity, previousCapacity: element.capacity },
        audit: { elementId: element.id, capacity: form.value.capacity, previousCapacity: element.capacity },
      })
    })
  }
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
