/**
 * Audit times are stored in UTC; reviewers in England and Wales read and filter them in
 * UK time (GMT or BST).
 */

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

const ukReadable = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' })

function partsOf(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(ukParts.formatToParts(instant).map((part) => [part.type, part.value]))
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '', second: parts.second ?? '' }
}

/** How far UK time is ahead of UTC at `instant`, in milliseconds (0 or one hour). */
function ukOffsetMs(instant: number): number {
  const uk = partsOf(new Date(instant))
  const ukAsUtc = Date.UTC(Number(uk.year), Number(uk.month) - 1, Number(uk.day), Number(uk.hour), Number(uk.minute), Number(uk.second))
  return ukAsUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The UTC instant at which a UK calendar day begins. The clocks change at 01:00 UTC, never
 * between UK midnight and UTC midnight, so the offset at UTC midnight is the offset at UK midnight.
 */
export function startOfUkDay(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`)
  return new Date(utcMidnight - ukOffsetMs(utcMidnight)).toISOString()
}

export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)
}

/** "27 Mar 2025, 14:05:09": to the second, because an audit is read event by event. */
export function ukDateTime(instant: string): string {
  return ukReadable.format(new Date(instant))
}

/** "2025-03-27 14:05:09": sorts as text and is read as a date-time by spreadsheets. */
export function ukTimestamp(instant: string): string {
  const uk = partsOf(new Date(instant))
  return `${uk.year}-${uk.month}-${uk.day} ${uk.hour}:${uk.minute}:${uk.second}`
}

/** Today's UK calendar date, "2025-03-27". */
export function ukToday(now: Date = new Date()): string {
  return ukTimestamp(now.toISOString()).slice(0, 10)
}
