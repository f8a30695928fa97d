import type { FastifyReply, FastifyRequest } from 'fastify'
import { availableActions, isLocked, mayManage } from '../rules.ts'
import { assignableRolesOf, userInScope } from './lookups.ts'

/** When a lock ends, as people in the partnership read the time. */
const londonTime = (instant: string) => new Date(instant).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })

export async function showUser(request: FastifyRequest, reply: FastifyReply) {
  const user = await userInScope(request)
  const now = new Date()
  const manageable = mayManage(assignableRolesOf(request), user.roles)
  const locked = isLocked(user.locked_until, now)
  return reply.view('admin/views/user.njk', {
    user,
    roleNames: user.roles.map((key) => request.server.roles.get(key)?.name ?? key),
    lockedUntil: locked && user.locked_until ? londonTime(user.locked_until) : null,
    manageable,
    actions: manageable ? availableActions(user, request.principal!, now) : {},
  })
}
