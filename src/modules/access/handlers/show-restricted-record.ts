import type { FastifyReply, FastifyRequest } from 'fastify'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import { accessPaths, confirmIdentityReturningTo } from '../paths.ts'
import { idParam } from './lookups.ts'
import { renderRestrictedPage } from './restricted-page.ts'

/** Asks for the password first (see requireRecentAuthentication), coming back here afterwards. */
export async function showRestrictedRecord(request: FastifyRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  if (!recentlyAuthenticated(request.session)) return reply.redirect(confirmIdentityReturningTo(accessPaths.restricted({ personId })), 303)
  return renderRestrictedPage(request, reply, personId, 'access.restricted.view')
}
