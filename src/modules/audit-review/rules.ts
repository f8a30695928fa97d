import type { AuditOutcome } from '../../platform/audit/index.ts'
import type { Principal } from '../../platform/auth/principal.ts'

/**
 * Whose audit events a reviewer may read: those recorded on behalf of the reviewer's own
 * organisation. The repository applies it inside the SQL of every query.
 */
export interface ReviewScope {
  organisationId: string
}

export function reviewScope(reviewer: Pick<Principal, 'organisationId'>): ReviewScope {
  return { organisationId: reviewer.organisationId }
}

/** What a reviewer narrowed the trail to. Ids, codes and dates only, so the filters can be audited as they are. */
export interface AuditFilters {
  personId?: string
  /** The member of staff who acted (the reviewer types their e-mail; the id is looked up). */
  userId?: string
  organisationId?: string
  action?: string
  outcome?: AuditOutcome
  /** First and last calendar day, inclusive, in UK time. */
  from?: string
  to?: string
}

/** Keyset pagination by sequence: stable while new events are appended, and cheap however deep the page. */
export interface PageCursor {
  olderThan?: number
  newerThan?: number
}

/** A calendar date as typed into a GOV.UK date input. */
export interface DateParts {
  day?: string | undefined
  month?: string | undefined
  year?: string | undefined
}

export type DateReading = { state: 'empty' } | { state: 'incomplete' } | { state: 'impossible' } | { state: 'date'; date: string }

/** Reads a typed date; impossible dates (31 2 2025) and two-digit years are refused rather than rolled over. */
export function readDate({ day, month, year }: DateParts): DateReading {
  const given = [day, month, year].filter((part) => part !== undefined)
  if (given.length === 0) return { state: 'empty' }
  if (day === undefined || month === undefined || year === undefined) return { state: 'incomplete' }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { state: 'impossible' }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  const sameDay = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
  return sameDay ? { state: 'date', date: date.toISOString().slice(0, 10) } : { state: 'impossible' }
}
