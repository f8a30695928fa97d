import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { servicesPaths } from '../../paths.ts'
import { setPublic } from '../../repository.ts'
import { managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

/** Puts the service on the public directory, or takes it off; a second click changes nothing. */
function visibility(isPublic: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const service = await managedService(request)
    await inTransaction(request.server.database.db, async (tx) => {
      if (!(await setPublic(tx, scopeOf(request), service.id, isPublic))) return
      await recordChange(tx, request, service, { action: isPublic ? 'service.publish' : 'service.unpublish', history: {} })
    })
    return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
  }
}

export const publishService = visibility(true)
export const unpublishService = visibility(false)
