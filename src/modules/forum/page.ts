import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Content } from '../../platform/content/content.ts'
import { paginationLinks, pageCount, requestedPage } from '../../platform/views/lists.ts'
import { renderPostText } from './markdown.ts'
import { memberAccount, type MemberAccount } from './repository.ts'
import { moderationStatus, weekdays, type ModerationStatus, type Weekday } from './rules.ts'
import { bankHolidays, forumSettings } from './settings.ts'

/** What the banner on every forum page says: when the forum is moderated, whether it is now, and where to go in a crisis. */
export interface Banner {
  days: string
  opens: string
  closes: string
  excludesBankHolidays: boolean
  status: ModerationStatus
  /** The member's own sponsor; absent on staff pages and before sign-in. */
  sponsor?: { name: string; contact: string }
}

/** "Monday to Friday" for a run of three or more days in a row, otherwise the days listed. */
function describeDays(content: Content, days: readonly Weekday[]): string {
  const ordered = weekdays.filter((day) => days.includes(day))
  const names = ordered.map((day) => content.t(`forum.days.${day}`))
  const first = weekdays.indexOf(ordered[0] as Weekday)
  const inARow = ordered.every((day, index) => weekdays.indexOf(day) === first + index)
  if (ordered.length >= 3 && inARow) return content.t('forum.banner.dayRange', { first: names[0] ?? '', last: names.at(-1) ?? '' })
  return names.join(', ')
}

export function bannerFor(content: Content, account: Pick<MemberAccount, 'sponsor_name' | 'sponsor_contact'> | null, now: Date = new Date()): Banner {
  const { moderationHours: hours } = forumSettings(content)
  return {
    days: describeDays(content, hours.days),
    opens: hours.opens,
    closes: hours.closes,
    excludesBankHolidays: hours.excludeBankHolidays,
    status: moderationStatus(now, hours, bankHolidays(content)),
    ...(account ? { sponsor: { name: account.sponsor_name, contact: account.sponsor_contact } } : {}),
  }
}

/** Renders a member's page: the member layout with the banner naming their sponsor. */
export async function memberView(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown> = {}, status = 200) {
  const account = await memberAccount(request.server.database.db, request.member!.memberId)
  return reply.code(status).view(template, { ...context, account, banner: bannerFor(request.server.content, account) })
}

/** Renders a staff page of the forum (moderation, invitations): the staff layout, with the banner's hours and crisis lines. */
export function staffView(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown> = {}, status = 200) {
  return reply.code(status).view(template, { ...context, banner: bannerFor(request.server.content, null) })
}

/** A post as pages show it: its text rendered by the safe Markdown subset (markdown.ts escapes every character of it). */
export function withHtml<Post extends { body: string }>(post: Post): Post & { html: string } {
  return { ...post, html: renderPostText(post.body) }
}

/** The page asked for, and the GOV.UK pagination of `total` rows at the forum's page size. */
export function paging(request: FastifyRequest) {
  const size = forumSettings(request.server.content).pageSize
  const page = requestedPage(request.query)
  return {
    page,
    size,
    links: (total: number, href: (page: number) => string) => paginationLinks(Math.min(page, pageCount(total, size)), pageCount(total, size), href),
  }
}
