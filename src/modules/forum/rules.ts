import type { FindingKind } from './filter.ts'

/*
 * The forum's pure rules: when it is moderated, whether a new post is published or waits,
 * who may still edit a post, how fast a member may post. No I/O; the settings come in.
 */

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export type Weekday = (typeof weekdays)[number]

/** When moderators are on duty, in local time (content/forum-settings.yml). */
export interface ModerationHours {
  timeZone: string
  days: readonly Weekday[]
  /** 'HH:MM', local time. */
  opens: string
  closes: string
  excludeBankHolidays: boolean
}

export interface LocalTime {
  /** YYYY-MM-DD in the time zone. */
  date: string
  weekday: Weekday
  /** Minutes since local midnight. */
  minutes: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock date, weekday and time of `instant` in `timeZone` (Europe/London moves between GMT and BST). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'long', hourCycle: 'h23' })
    formatters.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]))
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  }
}

export function minutesOf(clock: string): number {
  const [hours = '0', minutes = '0'] = clock.split(':')
  return Number(hours) * 60 + Number(minutes)
}

function isModerationDay(date: string, weekday: Weekday, hours: ModerationHours, bankHolidays: ReadonlySet<string>): boolean {
  return hours.days.includes(weekday) && !(hours.excludeBankHolidays && bankHolidays.has(date))
}

export type ModerationStatus = { onDuty: true; closes: string } | { onDuty: false; opens: string; resumesOn: string | null }

/** The calendar day after `date` (YYYY-MM-DD), and its weekday. */
function nextDay(date: string, weekday: Weekday): { date: string; weekday: Weekday } {
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return { date: next.toISOString().slice(0, 10), weekday: weekdays[(weekdays.indexOf(weekday) + 1) % 7] as Weekday }
}

/**
 * Whether a moderator is on duty at `instant` and, if not, the local date they are next on
 * duty (today when it is before opening time on a moderated day; null when the settings name
 * no moderated day in the next five weeks).
 */
export function moderationStatus(instant: Date, hours: ModerationHours, bankHolidays: ReadonlySet<string>): ModerationStatus {
  const now = localTime(instant, hours.timeZone)
  const opens = minutesOf(hours.opens)
  const closes = minutesOf(hours.closes)
  if (isModerationDay(now.date, now.weekday, hours, bankHolidays)) {
    if (now.minutes >= opens && now.minutes < closes) return { onDuty: true, closes: hours.closes }
    if (now.minutes < opens) return { onDuty: false, opens: hours.opens, resumesOn: now.date }
  }
  let day = { date: now.date, weekday: now.weekday }
  for (let ahead = 1; ahead <= 35; ahead += 1) {
    day = nextDay(day.date, day.weekday)
    if (isModerationDay(day.date, day.weekday, hours, bankHolidays)) return { onDuty: false, opens: hours.opens, resumesOn: day.date }
  }
  return { onDuty: false, opens: hours.opens, resumesOn: null }
}

export const holdReasons = ['new_member', 'out_of_hours'] as const
/** Why a post waits for a moderator: what the filter found, or the member is new, or nobody is on duty. */
export type HoldReason = FindingKind | (typeof holdReasons)[number]

export interface PostingSettings {
  /** A member's first this-many posts wait for a moderator. */
  preModeratedPosts: number
  /** Outside moderation hours: 'queue' holds every post until a moderator is back. */
  outOfHoursPosting: 'queue' | 'publish'
}

export interface PostingDecision {
  status: 'published' | 'pending'
  holdReasons: HoldReason[]
  /** The text suggests a risk to someone's safety: the member's sponsor and team are told. */
  concern: boolean
}

/**
 * Whether a post goes up now or waits for a moderator. `publishedBefore` counts the member's
 * posts that have ever been published (a pending or hidden one does not make them less new).
 */
export function decidePosting(input: { findings: readonly FindingKind[]; publishedBefore: number; moderatedNow: boolean; settings: PostingSettings }): PostingDecision {
  const reasons: HoldReason[] = [...input.findings]
  if (input.publishedBefore < input.settings.preModeratedPosts) reasons.push('new_member')
  if (!input.moderatedNow && input.settings.outOfHoursPosting === 'queue') reasons.push('out_of_hours')
  return { status: reasons.length > 0 ? 'pending' : 'published', holdReasons: reasons, concern: input.findings.includes('safety_words') }
}

/** A member edits their own post only while it is up or waiting, and only for `windowMinutes` after writing it. */
export function mayEditOwnPost(post: { status: string; created_at: string }, now: Date, windowMinutes: number): boolean {
  if (post.status !== 'published' && post.status !== 'pending') return false
  return now.getTime() - Date.parse(post.created_at) <= windowMinutes * 60_000
}

/** Whether another post now would go over the limit of `limit.posts` in `limit.minutes`. */
export function overPostingLimit(postsInWindow: number, limit: { posts: number }): boolean {
  return postsInWindow >= limit.posts
}

/** A member who is suspended may read and manage their own account, but not post, reply, flag or vote. */
export function mayTakePart(member: { status: string; suspended_until: string | null }, now: Date): boolean {
  if (member.status === 'active') return true
  return member.status === 'suspended' && member.suspended_until !== null && Date.parse(member.suspended_until) <= now.getTime()
}
