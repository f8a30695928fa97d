import type { FastifyReply, FastifyRequest } from 'fastify'
import { availableActions, isLocked, mayManage } from '../rules.ts'
import { assignableRolesOf, userInScope } from './lookups.ts'

export async function showUser(request: FastifyRequest, reply: FastifyReply) {
  const user = await userInScope(request)
  const now = new Date()
  const manageable = mayManage(assignableRolesOf(request), user.roles)
  return reply.view('admin/views/user.njk', {
    user,
    roleNames: user.roles.map((key) => request.server.roles.get(key)?.name ?? key),
    locked: isLocked(user.locked_until, now),
    manageable,
    actions: manageable ? availableActions(user, request.principal!, now) : {},
  })
}
