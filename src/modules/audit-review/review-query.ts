import type { FastifyRequest } from 'fastify'
import { formError, parseForm, type FieldError } from '../../platform/http/forms.ts'
import { auditReviewQuery, filterFields } from './forms.ts'
import { findStaffUserId } from './repository.ts'
import type { AuditFilters, PageCursor } from './rules.ts'

/** The filter fields as typed, for the form to show again and for links that keep the filters. */
export type TypedFilters = Record<string, string>

export type ReviewQuery =
  | { ok: true; filters: AuditFilters; cursor: PageCursor; typed: TypedFilters }
  | { ok: false; errors: FieldError[]; fieldErrors: Record<string, { text: string }>; typed: TypedFilters }

const filterNames = Object.keys(filterFields.shape)

function typedFilters(query: unknown): TypedFilters {
  const given = (query ?? {}) as Record<string, unknown>
  return Object.fromEntries(filterNames.flatMap((name) => (typeof given[name] === 'string' ? [[name, given[name]]] : [])))
}

/** Reads the filters and page of the events page or the export from the query string. */
export async function readReviewQuery(request: FastifyRequest): Promise<ReviewQuery> {
  const { content } = request.server
  const typed = typedFilters(request.query)
  const form = parseForm(auditReviewQuery, request.query, content)
  if (!form.ok) return { ...form, typed }
  const { userEmail, ...filters } = form.value.filters
  const { cursor } = form.value
  if (userEmail === undefined) return { ok: true, filters, cursor, typed }
  // Said plainly rather than showing an empty trail, which would read as "this person did nothing".
  const userId = await findStaffUserId(request.server.database.db, userEmail)
  if (userId === undefined) return { ok: false, ...formError('user', content.t('auditReview.filters.errors.userUnknown')), typed }
  return { ok: true, filters: { ...filters, userId }, cursor, typed }
}

/** The query string of the same filters, on the page at `cursor`. */
export function filterQuery(typed: TypedFilters, cursor: PageCursor = {}): URLSearchParams {
  const query = new URLSearchParams(Object.entries(typed).filter(([, value]) => value.trim() !== ''))
  if (cursor.olderThan !== undefined) query.set('olderThan', String(cursor.olderThan))
  if (cursor.newerThan !== undefined) query.set('newerThan', String(cursor.newerThan))
  return query
}
