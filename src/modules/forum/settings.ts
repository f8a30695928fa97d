import { z } from 'zod'
import type { Content } from '../../platform/content/content.ts'
import { weekdays, type ModerationHours, type PostingSettings } from './rules.ts'

/**
 * The forum's settings (content/forum-settings.yml) and the bank holidays it is not
 * moderated on (content/bank-holidays.yml): files, like the rest of content/, so the
 * partnership changes hours or adds next year's holidays without a code change. Read and
 * checked once per loaded content; a bad file stops the first forum page with its problem.
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM')

const settingsSchema = z.object({
  moderationHours: z
    .object({
      timeZone: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'a time zone such as Europe/London'),
      days: z.array(z.enum(weekdays)),
      opens: clock,
      closes: clock,
      excludeBankHolidays: z.boolean(),
    })
    .refine((hours) => hours.opens < hours.closes, 'opens must be before closes'),
  preModeratedPosts: z.number().int().min(0),
  outOfHoursPosting: z.enum(['queue', 'publish']),
  editWindowMinutes: z.number().int().min(0),
  rateLimit: z.object({ posts: z.number().int().min(1), minutes: z.number().int().min(1) }),
  retentionDays: z.number().int().min(1),
  invitationDays: z.number().int().min(1),
  pageSize: z.number().int().min(5).max(100),
  safetyPhrases: z.array(z.string().min(2)),
})

export type ForumSettings = z.infer<typeof settingsSchema> & { moderationHours: ModerationHours } & PostingSettings

const bankHolidaysSchema = z.object({ dates: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), title: z.string() })) })

export class ForumSettingsError extends Error {
  override name = 'ForumSettingsError'
}

function read<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ForumSettingsError(`content/${file}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'not valid'}`)
  }
  return parsed.data
}

const loaded = new WeakMap<Content, { settings: ForumSettings; bankHolidays: ReadonlySet<string> }>()

function load(content: Content) {
  let found = loaded.get(content)
  if (!found) {
    const settings = read(settingsSchema, content.section('forum-settings'), 'forum-settings.yml')
    const holidays = read(bankHolidaysSchema, content.section('bank-holidays'), 'bank-holidays.yml')
    found = { settings, bankHolidays: new Set(holidays.dates.map((holiday) => holiday.date)) }
    loaded.set(content, found)
  }
  return found
}

export function forumSettings(content: Content): ForumSettings {
  return load(content).settings
}

/** Dates (YYYY-MM-DD) of the bank holidays in England and Wales. */
export function bankHolidays(content: Content): ReadonlySet<string> {
  return load(content).bankHolidays
}
