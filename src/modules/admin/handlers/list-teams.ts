import type { FastifyReply, FastifyRequest } from 'fastify'
import { listTeams } from '../repository.ts'
import { organisationInScope, scopeOf } from './lookups.ts'

export async function showTeams(request: FastifyRequest, reply: FastifyReply) {
  const organisation = await organisationInScope(request)
  const teams = await listTeams(request.server.database.db, scopeOf(request), organisation.id)
  return reply.view('admin/views/teams.njk', { organisation, teams })
}
