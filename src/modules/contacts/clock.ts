/* Staff type a contact's time of day in many ways; the form reads it to HH:MM (UK wall-clock time, see platform/time/london.ts). */

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
