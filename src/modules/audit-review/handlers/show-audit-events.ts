import type { FastifyReply, FastifyRequest } from 'fastify'
import { reauthenticationWindowMinutes } from '../../../platform/auth/reauthentication.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { recordReview } from '../audit.ts'
import { ukDateTime } from '../../../platform/time/london.ts'
import { auditReviewPaths, withQuery } from '../paths.ts'
import { findEventsPage, reviewableOrganisations } from '../repository.ts'
import { filterQuery, readReviewQuery } from '../review-query.ts'
import { reviewScope, type PageCursor } from '../rules.ts'

const eventsPerPage = 50

const template = 'audit-review/views/audit-events.njk'

/** The audit trail of the reviewer's organisation, filtered, newest first, a page at a time. */
export async function showAuditEvents(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const scope = reviewScope(request.principal!)
  const query = await readReviewQuery(request)
  const organisations = await reviewableOrganisations(db, scope)
  // Nothing is read from the trail when the filters are wrong, so there is nothing to audit.
  if (!query.ok) return reply.code(400).view(template, { organisations, values: query.typed, errors: query.errors, fieldErrors: query.fieldErrors })

  const page = await inTransaction(db, async (tx) => {
    const found = await findEventsPage(tx, scope, query.filters, query.cursor, eventsPerPage)
    await recordReview(tx, request, 'audit.view', query.filters, { cursor: query.cursor, events: found.events.length })
    return found
  })
  const pageLink = (cursor: PageCursor | undefined) => cursor && withQuery(auditReviewPaths.events(), filterQuery(query.typed, cursor))
  return reply.view(template, {
    organisations,
    values: query.typed,
    events: page.events.map((event) => ({ ...event, time: ukDateTime(event.occurred_at) })),
    newerHref: pageLink(page.newer),
    olderHref: pageLink(page.older),
    exportHref: withQuery(auditReviewPaths.export(), filterQuery(query.typed)),
    reauthenticationMinutes: reauthenticationWindowMinutes,
  })
}
