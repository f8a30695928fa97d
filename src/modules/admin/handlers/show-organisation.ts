import type { FastifyReply, FastifyRequest } from 'fastify'
import { organisationInScope } from './lookups.ts'

export async function showOrganisation(request: FastifyRequest, reply: FastifyReply) {
  return reply.view('admin/views/organisation.njk', { organisation: await organisationInScope(request) })
}
