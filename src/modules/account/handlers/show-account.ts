import type { FastifyReply, FastifyRequest } from 'fastify'
import { listApiTokens } from '../../../platform/auth/api-tokens.ts'
import { accountSummary } from '../repository.ts'

export async function showAccount(request: FastifyRequest, reply: FastifyReply) {
  const principal = request.principal!
  const { db } = request.server.database
  const [account, tokens] = await Promise.all([accountSummary(db, principal.userId), listApiTokens(db, principal.userId)])
  const roles = principal.roles.map((key) => request.server.roles.get(key)?.name ?? key)
  const now = new Date().toISOString()
  return reply.view('account/views/account.njk', { account, roles, tokens: tokens.map((token) => ({ ...token, live: token.revoked_at === null && token.expires_at > now })) })
}
