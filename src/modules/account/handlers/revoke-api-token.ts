import type { FastifyReply, FastifyRequest } from 'fastify'
import { revokeApiToken } from '../../../platform/auth/api-tokens.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { accountPaths } from '../paths.ts'

/** A user revokes one of their own API tokens; someone else's token id is simply not found. */
export async function revokeOwnApiToken(request: FastifyRequest<{ Params: { tokenId: string } }>, reply: FastifyReply) {
  const { tokenId } = request.params
  if (!isId(tokenId) || !(await revokeApiToken(request.server.database.db, tokenId, request.principal!.userId))) throw notFound()
  return reply.redirect(accountPaths.account(), 303)
}
