import { sql, type Expression, type SqlBool } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { AuditEventRow } from '../../platform/db/schema.ts'
import { nextDay, startOfUkDay } from '../../platform/time/london.ts'
import type { AuditFilters, PageCursor, ReviewScope } from './rules.ts'

/** The scope as a WHERE condition, defined once for events and organisations, so nothing outside it is ever read. */
function withinScope(scope: ReviewScope, column: 'audit_event.organisation_id' | 'organisation.id'): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} = ${scope.organisationId}`
}

/** The events in scope that match the filters and lie beyond the cursor. */
function matchingEvents(db: Db, scope: ReviewScope, filters: AuditFilters, cursor: PageCursor) {
  return db.selectFrom('audit_event').where((eb) => {
    const conditions = [withinScope(scope, 'audit_event.organisation_id')]
    if (filters.personId) conditions.push(eb('audit_event.person_id', '=', filters.personId))
    if (filters.userId) conditions.push(eb('audit_event.user_id', '=', filters.userId))
    if (filters.organisationId) conditions.push(eb('audit_event.organisation_id', '=', filters.organisationId))
    if (filters.action) conditions.push(eb('audit_event.action', '=', filters.action))
    if (filters.outcome) conditions.push(eb('audit_event.outcome', '=', filters.outcome))
    // Instants are ISO-8601 UTC text in SQLite and timestamptz in PostgreSQL: both compare correctly with an ISO string.
    if (filters.from) conditions.push(eb('audit_event.occurred_at', '>=', startOfUkDay(filters.from)))
    if (filters.to) conditions.push(eb('audit_event.occurred_at', '<', startOfUkDay(nextDay(filters.to))))
    if (cursor.olderThan !== undefined) conditions.push(eb('audit_event.sequence', '<', cursor.olderThan))
    if (cursor.newerThan !== undefined) conditions.push(eb('audit_event.sequence', '>', cursor.newerThan))
    return eb.and(conditions)
  })
}

/** One event as a reviewer reads it: the stored row with the names of who acted and for which organisation. */
export interface ReviewedEvent extends Omit<AuditEventRow, 'previous_hash' | 'hash'> {
  user_email: string | null
  user_name: string | null
  organisation_name: string | null
}

function reviewedEvents(db: Db, scope: ReviewScope, filters: AuditFilters, cursor: PageCursor, newestFirst: boolean, limit: number): Promise<ReviewedEvent[]> {
  return matchingEvents(db, scope, filters, cursor)
    .leftJoin('staff_user', 'staff_user.id', 'audit_event.user_id')
    .leftJoin('organisation', 'organisation.id', 'audit_event.organisation_id')
    .select([
      'audit_event.sequence',
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.user_id',
      'staff_user.email as user_email',
      'staff_user.display_name as user_name',
      'audit_event.organisation_id',
      'organisation.name as organisation_name',
      'audit_event.person_id',
      'audit_event.record_type',
      'audit_event.record_id',
      'audit_event.action',
      'audit_event.purpose',
      'audit_event.route',
      'audit_event.request_id',
      'audit_event.outcome',
      'audit_event.details',
    ])
    .orderBy('audit_event.sequence', newestFirst ? 'desc' : 'asc')
    .limit(limit)
    .execute()
}

async function anyEvents(db: Db, scope: ReviewScope, filters: AuditFilters, cursor: PageCursor): Promise<boolean> {
  const row = await matchingEvents(db, scope, filters, cursor).select('audit_event.sequence').limit(1).executeTakeFirst()
  return row !== undefined
}

/** One page, newest first, with the cursors of the pages either side (undefined where there is none). */
export interface EventsPage {
  events: ReviewedEvent[]
  older?: PageCursor
  newer?: PageCursor
}

export async function findEventsPage(db: Db, scope: ReviewScope, filters: AuditFilters, cursor: PageCursor, size: number): Promise<EventsPage> {
  // Going back towards the newest events reads upwards from the cursor, then shows the page newest first.
  const goingBack = cursor.newerThan !== undefined
  const rows = await reviewedEvents(db, scope, filters, cursor, !goingBack, size + 1)
  const beyond = rows.length > size
  const events = rows.slice(0, size)
  if (goingBack) events.reverse()
  const newest = events[0]?.sequence
  const oldest = events.at(-1)?.sequence
  if (newest === undefined || oldest === undefined) return { events }
  const hasOlder = goingBack ? await anyEvents(db, scope, filters, { olderThan: oldest }) : beyond
  const hasNewer = goingBack ? beyond : cursor.olderThan !== undefined && (await anyEvents(db, scope, filters, { newerThan: newest }))
  return { events, older: hasOlder ? { olderThan: oldest } : undefined, newer: hasNewer ? { newerThan: newest } : undefined }
}

/** Every matching event, newest first, read a batch at a time so an export of millions of events stays in flat memory. */
export async function* eachEvent(db: Db, scope: ReviewScope, filters: AuditFilters, batchSize = 500): AsyncGenerator<ReviewedEvent> {
  let cursor: PageCursor = {}
  for (;;) {
    const batch = await reviewedEvents(db, scope, filters, cursor, true, batchSize)
    yield* batch
    const oldest = batch.at(-1)
    if (batch.length < batchSize || !oldest) return
    cursor = { olderThan: oldest.sequence }
  }
}

/** The organisations whose events the reviewer may read, for the organisation filter. */
export function reviewableOrganisations(db: Db, scope: ReviewScope): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organisation').select(['organisation.id', 'organisation.name']).where(withinScope(scope, 'organisation.id')).orderBy('organisation.name').execute()
}

/**
 * The member of staff with this e-mail (stored lower-case), in any organisation: someone who
 * has moved organisation still has events recorded on behalf of their former one.
 */
export async function findStaffUserId(db: Db, email: string): Promise<string | undefined> {
  const user = await db.selectFrom('staff_user').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst()
  return user?.id
}
