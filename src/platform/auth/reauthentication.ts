import type { Session } from './sessions.ts'

/** How long a confirmed password counts for sensitive actions (role changes, break-glass, exports). */
export const reauthenticationWindowMinutes = 5

export function recentlyAuthenticated(session: Session | null, now: Date = new Date()): boolean {
  if (!session?.reauthenticated_at) return false
  return now.getTime() - Date.parse(session.reauthenticated_at) <= reauthenticationWindowMinutes * 60_000
}
