import type { FastifyReply, FastifyRequest } from 'fastify'
import { listOrganisations } from '../repository.ts'
import { scopeOf } from './lookups.ts'

/** Every organisation for a system administrator; an organisation administrator sees only their own. */
export async function showOrganisations(request: FastifyRequest, reply: FastifyReply) {
  const organisations = await listOrganisations(request.server.database.db, scopeOf(request))
  return reply.view('admin/views/organisations.njk', { organisations, mayAdd: request.principal!.capabilities.has('system:administer') })
}
