import type { FastifyReply, FastifyRequest } from 'fastify'
import { listAgreements } from '../repository.ts'
import { agreementStatus } from '../rules.ts'
import { organisationOf } from './lookups.ts'

/** The organisation's sharing agreements, newest first, with where each stands today. */
export async function showAgreements(request: FastifyRequest, reply: FastifyReply) {
  const agreements = await listAgreements(request.server.database.db, organisationOf(request))
  const today = request.scope!.today
  return reply.view('access/views/agreements.njk', { agreements: agreements.map((agreement) => ({ ...agreement, status: agreementStatus(agreement, today) })) })
}
