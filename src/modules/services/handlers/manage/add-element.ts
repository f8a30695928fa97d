import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { elementForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { addElement as insertElement, elementNameTaken } from '../../repository.ts'
import { placesWords, renderElementForm } from './element-form.ts'
import { fieldProblem, managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

export async function showNewElement(request: FastifyRequest, reply: FastifyReply) {
  return renderElementForm(reply, await managedService(request), undefined, {})
}

/** Adds a part of the service with its places (none: no fixed number), after the others. */
export async function addElement(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const form = parseForm(elementForm, request.body, request.server.content)
  if (!form.ok) return renderElementForm(reply, service, undefined, request.body, form)
  const { db } = request.server.database
  if (await elementNameTaken(db, service.id, form.value.name)) {
    return renderElementForm(reply, service, undefined, request.body, fieldProblem(request, 'name', 'services.manage.element.errors.nameTaken'))
  }
  await inTransaction(db, async (tx) => {
    const elementId = await insertElement(tx, scopeOf(request), service.id, form.value)
    await recordChange(tx, request, service, {
      action: 'service.element.add',
      history: { detail: `${form.value.name} (${placesWords(request, form.value.capacity)})`, capacity: form.value.capacity },
      audit: { elementId, capacity: form.value.capacity },
    })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
