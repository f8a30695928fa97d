import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import type { Content } from '../../../platform/content/content.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { confirmIdentityReturningTo } from '../../account/index.ts'
import { recordReview } from '../audit.ts'
import { csvRow, type CsvValue } from '../csv.ts'
import { ukTimestamp, ukToday } from '../../../platform/time/london.ts'
import { auditReviewPaths, withQuery } from '../paths.ts'
import { eachEvent, type ReviewedEvent } from '../repository.ts'
import { filterQuery, readReviewQuery } from '../review-query.ts'
import { reviewScope } from '../rules.ts'

/** The export's columns: content key of the heading (auditReview.export.columns.*) and the cell of an event. */
const columns: ReadonlyArray<[heading: string, cell: (event: ReviewedEvent) => CsvValue]> = [
  ['sequence', (event) => event.sequence],
  ['eventId', (event) => event.id],
  ['timeUk', (event) => ukTimestamp(event.occurred_at)],
  ['timeUtc', (event) => event.occurred_at],
  ['userName', (event) => event.user_name],
  ['userEmail', (event) => event.user_email],
  ['userId', (event) => event.user_id],
  ['organisation', (event) => event.organisation_name],
  ['organisationId', (event) => event.organisation_id],
  ['action', (event) => event.action],
  ['purpose', (event) => event.purpose],
  ['outcome', (event) => event.outcome],
  ['recordType', (event) => event.record_type],
  ['recordId', (event) => event.record_id],
  ['personId', (event) => event.person_id],
  ['route', (event) => event.route],
  ['requestId', (event) => event.request_id],
  ['details', (event) => (event.details === null ? null : JSON.stringify(event.details))],
]

async function* csvLines(content: Content, events: AsyncIterable<ReviewedEvent>): AsyncGenerator<string> {
  // The byte-order mark makes Excel read the file as UTF-8 (names such as Siân); other tools ignore it.
  yield `\uFEFF${csvRow(columns.map(([heading]) => content.t(`auditReview.export.columns.${heading}`)))}`
  for await (const event of events) yield csvRow(columns.map(([, cell]) => cell(event)))
}

/** The filtered trail as a CSV download: a sensitive export, so only shortly after the password was entered again. */
export async function exportAuditEvents(request: FastifyRequest, reply: FastifyReply) {
  if (!recentlyAuthenticated(request.session)) {
    return reply.redirect(confirmIdentityReturningTo(request.url), 303)
  }
  const query = await readReviewQuery(request)
  if (!query.ok) return reply.redirect(withQuery(auditReviewPaths.events(), filterQuery(query.typed)), 303)

  const { db } = request.server.database
  // The export is recorded, and committed, before the first row leaves: holding the audit
  // transaction open while the file streams would hold the chain lock (and SQLite's write
  // lock) for the whole download. An interrupted download is still on the record.
  await inTransaction(db, (tx) => recordReview(tx, request, 'audit.export', query.filters))
  const events = eachEvent(db, reviewScope(request.principal!), query.filters)
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="pathways-audit-${ukToday()}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(csvLines(request.server.content, events)))
}
