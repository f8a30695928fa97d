import type { FastifyReply, FastifyRequest } from 'fastify'
import { listPublicServices } from '../repository.ts'
import { requestedSettings, settingFilters, settingsMatching } from '../rules.ts'

/** The public directory: every public service, narrowed by a GET filter on where it works. */
export async function listServices(request: FastifyRequest, reply: FastifyReply) {
  const selected = requestedSettings(request.query)
  const services = await listPublicServices(request.server.database.db, settingsMatching(selected))
  return reply.view('services/views/services.njk', { services, selected, settingFilters })
}
