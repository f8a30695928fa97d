import type { FastifyReply, FastifyRequest } from 'fastify'
import { listPublicServices } from '../repository.ts'
import { requestedSettings, serviceSettings } from '../rules.ts'
import { answeredFromCache } from './caching.ts'

/** The public directory: every public service, narrowed by a GET filter on where it works. */
export async function listServices(request: FastifyRequest, reply: FastifyReply) {
  const selected = requestedSettings(request.query)
  const services = await listPublicServices(request.server.database.db, selected)
  if (answeredFromCache(request, reply, { selected, services }, { personalised: true })) return reply
  return reply.view('services/views/services.njk', { services, selected, serviceSettings })
}
