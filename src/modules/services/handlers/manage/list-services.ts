import type { FastifyReply, FastifyRequest } from 'fastify'
import { listManagedServices } from '../../repository.ts'
import { scopeOf } from './lookups.ts'

/** The services the manager looks after: their organisation's, or every one for a system administrator. */
export async function showManagedServices(request: FastifyRequest, reply: FastifyReply) {
  const services = await listManagedServices(request.server.database.db, scopeOf(request))
  return reply.view('services/views/manage/services.njk', { services })
}
