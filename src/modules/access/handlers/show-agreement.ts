import type { FastifyReply, FastifyRequest } from 'fastify'
import { agreementStatus } from '../rules.ts'
import { ownAgreement } from './lookups.ts'

export async function showAgreement(request: FastifyRequest, reply: FastifyReply) {
  const agreement = await ownAgreement(request)
  return reply.view('access/views/agreement.njk', { agreement, status: agreementStatus(agreement, request.scope!.today) })
}
