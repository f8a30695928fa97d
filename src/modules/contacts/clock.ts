/*
 * Staff type a contact's date and time as the clock on the wall says it in the UK (GMT or
 * BST); the record keeps the UTC instant. Pure, so the forms and their tests agree.
 */

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The UK date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonWallClock(instant: string): { date: string; time: string } {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
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

export type TimeReading = { state: 'empty' } | { state: 'notReal' } | { state: 'time'; time: string }

/** A typed time of day: "14:30", "14.30", "9:05", "2:30pm", "2pm" or "14" (on the hour). */
export function readTime(typed: string): TimeReading {
  const text = typed.trim().toLowerCase().replace(/\s+/g, '')
  if (text === '') return { state: 'empty' }
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(text)
  if (!match) return { state: 'notReal' }
  let hour = Number(match[1])
  const minute = Number(match[2] ?? '0')
  const half = match[3]
  if (minute > 59) return { state: 'notReal' }
  if (half) {
    if (hour < 1 || hour > 12) return { state: 'notReal' }
    hour = (hour % 12) + (half === 'pm' ? 12 : 0)
  } else if (hour > 23) return { state: 'notReal' }
  return { state: 'time', time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` }
}
