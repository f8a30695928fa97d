// Pure rules of case work: community-pathway tiers and the reminders of the tasks page. No I/O.

const millisPerDay = 86_400_000

/** The calendar date `days` after `date` (before, when negative); both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * millisPerDay).toISOString().slice(0, 10)
}

/** A tier ends the day before the next one starts, so a case is never in two tiers on one day. */
export function dayBefore(date: string): string {
  return addDays(date, -1)
}

export type TierProblem = 'in_future' | 'before_case' | 'same_tier' | 'not_after_current'

/**
 * Whether the case may move into `tier` from `startsOn`: not from a day still to come (a
 * tier records what is happening), not before the case started, not into the tier it is in,
 * and only after the current tier started (that tier ends the day before).
 */
export function tierChangeProblem(change: { tier: string; startsOn: string }, at: { current: { tier: string; started_on: string } | undefined; caseStartedOn: string; today: string }): TierProblem | null {
  if (change.startsOn > at.today) return 'in_future'
  if (change.startsOn < at.caseStartedOn) return 'before_case'
  if (at.current?.tier === change.tier) return 'same_tier'
  if (at.current && change.startsOn <= at.current.started_on) return 'not_after_current'
  return null
}

/** How far ahead the tasks page looks for reviews, actions and sessions coming up. */
export const reminderWindowDays = 14

/** Something due by a date, from a date (YYYY-MM-DD) or an instant; overdue once that day has passed. */
export function isOverdue(due: string | null, today: string): boolean {
  return due !== null && due.slice(0, 10) < today
}

/** Reminders in the order to act on them: undated ones (a missing record) first, then the earliest due. */
export function byDueDate<Reminder extends { due: string | null }>(reminders: readonly Reminder[]): Reminder[] {
  return [...reminders].sort((a, b) => (a.due === b.due ? 0 : a.due === null ? -1 : b.due === null ? 1 : a.due < b.due ? -1 : 1))
}

/** The two views of the tasks page: the caller's own, and their teams'. */
export const taskViews = ['mine', 'teams'] as const
export type TaskView = (typeof taskViews)[number]

export function taskViewOf(query: unknown): TaskView {
  return (query as Record<string, unknown> | undefined)?.show === 'teams' ? 'teams' : 'mine'
}
