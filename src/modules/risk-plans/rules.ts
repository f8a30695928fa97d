/*
 * The risk management plan's rules, pure: when a review is due, what a contingency table
 * may hold, how far ahead a review may be set and which version comes next. Dates are
 * calendar dates ('YYYY-MM-DD'); "today" is always passed in.
 */

/** A review this many days away (or fewer) is "due soon". */
export const dueSoonDays = 14
/** A review date may be set at most this many months ahead: a plan must be looked at again at least yearly. */
export const maxReviewMonths = 12
/** Rows of the contingency table a version may hold. */
export const maxContingencies = 10
/** Blank contingency rows the form offers below the filled ones (never more than `maxContingencies` in all). */
const blankContingencyRows = 3

export type ReviewStatus = 'overdue' | 'due_soon' | 'current'

/** One contingency action: what to do, and whom to contact. */
export interface Contingency {
  action: string
  contact: string
}

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`)
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const moved = utcDate(date)
  moved.setUTCDate(moved.getUTCDate() + days)
  return isoDate(moved)
}

/** The same day `months` months on; a day the month lacks (31st, 29 February) becomes the month's last day. */
export function addMonths(date: string, months: number): string {
  const start = utcDate(date)
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay))
  return isoDate(target)
}

/** Overdue once the review date has passed; due soon from `dueSoonDays` before it until the day itself. */
export function reviewStatus(reviewOn: string, today: string): ReviewStatus {
  if (reviewOn < today) return 'overdue'
  if (reviewOn <= addDays(today, dueSoonDays)) return 'due_soon'
  return 'current'
}

/** The latest review date a new version may set. */
export function latestReviewDate(today: string): string {
  return addMonths(today, maxReviewMonths)
}

/** Why a review date cannot be set today, if it cannot: it must be after today and within `maxReviewMonths`. */
export function reviewDateProblem(reviewOn: string, today: string): 'notFuture' | 'tooFar' | null {
  if (reviewOn <= today) return 'notFuture'
  if (reviewOn > latestReviewDate(today)) return 'tooFar'
  return null
}

export interface ContingencyProblem {
  /** 1-based, as the form numbers its rows. */
  row: number
  /** The half of the row left empty. */
  missing: keyof Contingency
}

/** Each row with one half filled and the other empty (a blank row is simply not used). Values are already trimmed. */
export function contingencyProblems(rows: readonly Contingency[]): ContingencyProblem[] {
  return rows.flatMap((row, index): ContingencyProblem[] => {
    if (row.action === '' && row.contact !== '') return [{ row: index + 1, missing: 'action' }]
    if (row.action !== '' && row.contact === '') return [{ row: index + 1, missing: 'contact' }]
    return []
  })
}

/** The rows a version keeps: the filled ones, in the order typed. */
export function filledContingencies(rows: readonly Contingency[]): Contingency[] {
  return rows.filter((row) => row.action !== '' || row.contact !== '')
}

/** How many rows the form shows for `filled` filled rows: room to add a few, within the limit. */
export function contingencyRowCount(filled: number): number {
  return Math.min(maxContingencies, Math.max(filled, 0) + blankContingencyRows)
}

/** The version a new plan takes, after `latest` (null: the case has none yet). */
export function nextVersion(latest: number | null): number {
  return (latest ?? 0) + 1
}

/**
 * Whether a version written from `basedOn` (0: written when there was none) would overwrite
 * `latest`, saved meanwhile: the writer must see the newer version before saving theirs.
 */
export function isStale(basedOn: number, latest: number): boolean {
  return basedOn !== latest
}
