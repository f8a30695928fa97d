/*
 * Instants are stored in UTC; staff in England and Wales type and read them as the clock on
 * the wall shows them in the UK (GMT or BST). Pure, so forms, filters and their tests agree.
 */

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

const londonReadable = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' })

function partsOf(instant: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '', second: parts.second ?? '' }
}

/** The UK date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonWallClock(instant: string): { date: string; time: string } {
  const uk = partsOf(instant)
  return { date: `${uk.year}-${uk.month}-${uk.day}`, time: `${uk.hour}:${uk.minute}` }
}

/** How far UK time is ahead of UTC at `epochMs` (0 or one hour). */
function londonOffsetMs(epochMs: number): number {
  const { date, time } = londonWallClock(new Date(epochMs).toISOString())
  return Date.parse(`${date}T${time}:00.000Z`) - Math.floor(epochMs / 60_000) * 60_000
}

/**
 * The instant a UK date and time names. The offset is read at the wall time taken as UTC
 * and then at the answer, so both sides of a clock change come out right; a time the
 * spring change skips lands an hour later, as a clock would show it.
 */
export function londonInstant(date: string, time: string): string {
  const asUtc = Date.parse(`${date}T${time}:00.000Z`)
  const first = asUtc - londonOffsetMs(asUtc)
  return new Date(asUtc - londonOffsetMs(first)).toISOString()
}

/** The UTC instant at which a UK calendar day begins (the clocks never change at UK midnight). */
export function startOfUkDay(date: string): string {
  return londonInstant(date, '00:00')
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)
}

/** "27 Mar 2025, 14:05:09": to the second, as an audit is read event by event. */
export function ukDateTime(instant: string): string {
  return londonReadable.format(new Date(instant))
}

/** "2025-03-27 14:05:09": sorts as text and is read as a date-time by spreadsheets. */
export function ukTimestamp(instant: string): string {
  const uk = partsOf(instant)
  return `${uk.year}-${uk.month}-${uk.day} ${uk.hour}:${uk.minute}:${uk.second}`
}

/** Today's UK calendar date, "2025-03-27". */
export function ukToday(now: Date = new Date()): string {
  return londonWallClock(now.toISOString()).date
}
