import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { servicesPaths } from '../../paths.ts'
import { removeElement as deleteElement } from '../../repository.ts'
import { elementOf, placesWords } from './element-form.ts'
import { managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

/** Removes a part of the service; a second click finds it gone and changes nothing. */
export async function removeElement(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const element = elementOf(request, service)
  await inTransaction(request.server.database.db, async (tx) => {
    if (!(await deleteElement(tx, scopeOf(request), service.id, element.id))) return
    await recordChange(tx, request, service, {
      action: 'service.element.remove',
      history: { detail: `${element.name} (${placesWords(request, element.capacity)})` },
      audit: { elementId: element.id },
    })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
