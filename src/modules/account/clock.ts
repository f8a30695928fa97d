/** A time of day as people in England and Wales read it on a lock or wait message, e.g. "14:05". */
export function clockTime(instant: Date): string {
  return instant.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })
}
