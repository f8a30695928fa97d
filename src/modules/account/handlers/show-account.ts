import type { FastifyReply, FastifyRequest } from 'fastify'
import { accountSummary } from '../repository.ts'

export async function showAccount(request: FastifyRequest, reply: FastifyReply) {
  const principal = request.principal!
  const account = await accountSummary(request.server.database.db, principal.userId)
  const roles = principal.roles.map((key) => request.server.roles.get(key)?.name ?? key)
  return reply.view('account/views/account.njk', { account, roles })
}
