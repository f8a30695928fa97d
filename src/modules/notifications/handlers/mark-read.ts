import type { FastifyReply, FastifyRequest } from 'fastify'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { notificationsPage } from '../paths.ts'
import { markRead } from '../repository.ts'

/** Marks one of the caller's notifications read and goes back to the list; anyone else's is not found. */
export async function markNotificationRead(request: FastifyRequest<{ Params: { notificationId: string } }>, reply: FastifyReply) {
  const { notificationId } = request.params
  if (!isId(notificationId) || !(await markRead(request.server.database.db, request.scope!, notificationId))) throw notFound()
  const page = (request.body as Record<string, unknown> | undefined)?.page
  return reply.redirect(notificationsPage(typeof page === 'string' && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1), 303)
}
