import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { LogCapture, testConfig } from '../../../../test/support/app.ts'
import type { TestDatabase } from '../../../../test/support/dialects.ts'
import { cookieSetBy, formBody, type BrowserSession } from '../../../../test/support/sessions.ts'
import { buildApp, projectRoot } from '../../../platform/app.ts'
import { hashPassword } from '../../../platform/auth/passwords.ts'
import { loadContent, type Content } from '../../../platform/content/content.ts'
import type { Db } from '../../../platform/db/database.ts'
import { newId } from '../../../platform/db/ids.ts'
import type { ForumMemberRole } from '../../../platform/db/schema.ts'
import { forumPaths } from '../paths.ts'

/** Forum test support: an app with chosen forum settings, members made straight in the database, and a member's browser. */

const shipped = loadContent(path.join(projectRoot, 'content'), { strict: true })

/** Moderated every minute of every day: posting tests do not depend on when they run. */
export const alwaysModerated = { timeZone: 'Europe/London', days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], opens: '00:00', closes: '24:00', excludeBankHolidays: false }
/** Never moderated: every post comes outside moderation hours. */
export const neverModerated = { ...alwaysModerated, days: [] }

/** The shipped content, with some forum settings replaced. */
export function contentWithForumSettings(overrides: Record<string, unknown>): Content {
  return { ...shipped, section: (key: string) => (key === 'forum-settings' ? { ...(shipped.section(key) as object), ...overrides } : shipped.section(key)) }
}

export async function forumTestApp(database: TestDatabase, settings: Record<string, unknown> = {}): Promise<FastifyInstance> {
  return buildApp({
    config: { ...testConfig(), database: database.config },
    database: database.handle,
    logDestination: new LogCapture(),
    content: contentWithForumSettings({ moderationHours: alwaysModerated, ...settings }),
  })
}

export const memberPassword = 'river stones and quiet paths 7'
let memberPasswordHash: Promise<string> | undefined

export interface TestMember {
  id: string
  username: string
  password: string
}

/** A member who has joined, sponsored by `sponsorUserId`, optionally linked to a person. */
export async function createMember(db: Db, options: { sponsorUserId: string; personId?: string | null; username?: string; role?: ForumMemberRole; status?: 'active' | 'suspended' }): Promise<TestMember> {
  memberPasswordHash ??= hashPassword(memberPassword)
  const id = newId()
  const username = options.username ?? `member-${id.slice(-8)}`
  await db
    .insertInto('forum_member')
    .values({ id, username, username_key: username.toLowerCase(), role: options.role ?? 'member', person_id: options.personId ?? null, sponsor_user_id: options.sponsorUserId, sponsor_contact: 'Call the team on 01632 960 000', status: options.status ?? 'active', password_hash: await memberPasswordHash, created_by: options.sponsorUserId, joined_at: new Date().toISOString() })
    .execute()
  return { id, username, password: memberPassword }
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** Signs a member in through the forum's sign-in form; the browser then carries only the member's cookie. */
export async function signInMember(app: FastifyInstance, member: Pick<TestMember, 'username' | 'password'>): Promise<BrowserSession> {
  const page = await app.inject({ method: 'GET', url: forumPaths.signIn() })
  const visitor = cookieSetBy(page)
  const response = await app.inject({
    method: 'POST',
    url: forumPaths.signIn(),
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: csrfOf(page.body), username: member.username, password: member.password }),
  })
  if (response.statusCode !== 303) throw new Error(`member sign-in failed with ${response.statusCode}`)
  const cookie = cookieSetBy(response)
  const home = await app.inject({ method: 'GET', url: forumPaths.home(), headers: { cookie } })
  return { cookie, csrf: csrfOf(home.body) }
}
