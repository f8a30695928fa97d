import type { FastifyReply, FastifyRequest } from 'fastify'
import { partnershipFigures } from '../repository.ts'

export async function showHome(request: FastifyRequest, reply: FastifyReply) {
  const figures = await partnershipFigures(request.server.database.db)
  return reply.view('site/views/home.njk', { figures })
}
