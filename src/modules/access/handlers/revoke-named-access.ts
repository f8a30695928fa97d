import type { FastifyReply, FastifyRequest } from 'fastify'
import { removeNamedGrant } from '../repository.ts'
import { idParam, organisationOf } from './lookups.ts'
import { changeHeldPerson, requireRecentAuthentication } from './restricted-page.ts'

/** Takes a member of the IG lead's own organisation off the record; other organisations' named staff are theirs to remove. */
export async function revokeNamedAccess(request: FastifyRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  const userId = idParam(request, 'userId')
  requireRecentAuthentication(request)
  return changeHeldPerson(request, reply, personId, 'access.restricted.revoke', async (tx) =>
    (await removeNamedGrant(tx, organisationOf(request), personId, userId)) ? { userId } : null,
  )
}
