import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { servicesPaths } from '../../paths.ts'
import { removeElement as deleteElement } from '../../repository.ts'
import { elementOf, placesWords } from './element-form.ts'
import { managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'
import { renderManagedService } from './show-service.ts'

/** Removes a part of the service; a second click finds it gone and changes nothing; one in use is kept, with a message saying why. */
export async function removeElement(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const element = elementOf(request, service)
  const outcome = await inTransaction(request.server.database.db, async (tx) => {
    const removed = await deleteElement(tx, scopeOf(request), service.id, element.id)
    if (removed !== 'removed') return removed
    await recordChange(tx, request, service, {
      action: 'service.element.remove',
      history: { detail: `${element.name} (${placesWords(request, element.capacity)})` },
      audit: { elementId: element.id },
    })
    return removed
  })
  if (outcome === 'in_use') {
    reply.code(409)
    return renderManagedService(request, reply, service, [{ text: request.server.content.t('services.manage.elementInUse', { element: element.name }), href: '#elements' }])
  }
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
