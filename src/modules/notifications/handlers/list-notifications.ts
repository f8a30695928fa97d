import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { referralsPaths } from '../../referrals/index.ts'
import { notificationsPage } from '../paths.ts'
import { notificationsOf, notificationsPageSize } from '../repository.ts'

/** The page asked for in `?page=`; anything else is the first page. */
function pageFrom(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1
}

/**
 * The caller's notifications, newest first. They name a service and link to the referral,
 * never the person: what they hold is no one's personal data, so reading them is not audited
 * (opening the referral is).
 */
export async function listNotifications(request: FastifyRequest, reply: FastifyReply) {
  const page = pageFrom(request.query)
  const { content } = request.server
  const { rows, total } = await notificationsOf(request.server.database.db, request.scope!, page)
  // Kinds are written by the referrals and allocations modules; one this page has no words for still shows.
  const said = (kind: string, service: string) => content.t(content.has(`notifications.kinds.${kind}`) ? `notifications.kinds.${kind}` : 'notifications.kinds.other', { service })
  const pages = Math.max(1, Math.ceil(total / notificationsPageSize))
  if (page > pages) throw notFound()
  return reply.view('notifications/views/notifications.njk', {
    notifications: rows.map((row) => ({
      ...row,
      text: said(row.kind, row.service_name ?? content.t('notifications.noService')),
      href: row.referral_id ? referralsPaths.referral({ referralId: row.referral_id }) : null,
    })),
    pagination: {
      ...(page > 1 ? { previous: { href: notificationsPage(page - 1) } } : {}),
      ...(page < pages ? { next: { href: notificationsPage(page + 1) } } : {}),
    },
    page,
  })
}
