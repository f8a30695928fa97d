import type { FastifyInstance } from 'fastify'
import { Secret, TOTP } from 'otpauth'
import { accountPaths } from '../../src/modules/account/index.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { newAuthenticatorSecret } from '../../src/platform/auth/mfa.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'

/** A browser's state: its session cookie and the CSRF token of the forms it was shown. */
export interface BrowserSession {
  cookie: string
  csrf: string
}

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie
  const cookie = header?.split(';')[0]
  if (!cookie) throw new Error('no session cookie was set')
  return cookie
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no _csrf field on the page')
  return token
}

/** Opens the sign-in page as a new visitor: an anonymous session with a CSRF token. */
export async function visitSignIn(app: FastifyInstance): Promise<BrowserSession> {
  const page = await app.inject({ method: 'GET', url: accountPaths.signIn() })
  return { cookie: sessionCookie(page.headers['set-cookie']), csrf: csrfOf(page.body) }
}

/** Fetches a page with the session and picks up the CSRF token of its forms. */
export async function csrfFrom(app: FastifyInstance, session: Pick<BrowserSession, 'cookie'>, url: string): Promise<BrowserSession> {
  const page = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  return { cookie: session.cookie, csrf: csrfOf(page.body) }
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

/** POSTs a form the way a browser would: cookie, urlencoded body with the CSRF field. */
export function postForm(app: FastifyInstance, session: BrowserSession, url: string, fields: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: session.csrf, ...fields }),
  })
}

export const testPassword = 'correct horse battery staple 42'

export interface TestUser {
  id: string
  email: string
  password: string
}

/** Hashing once: argon2id is deliberately slow, and tests make many users. */
let testPasswordHash: Promise<string> | undefined

export async function createUser(
  db: Db,
  options: { organisationId: string; roles: string[]; teamIds?: string[]; email?: string; status?: 'active' | 'invited' | 'deactivated'; isDemo?: boolean },
): Promise<TestUser> {
  testPasswordHash ??= hashPassword(testPassword)
  const id = newId()
  const email = options.email ?? `user-${id.slice(-12)}@example.test`
  await db
    .insertInto('staff_user')
    .values({ id, organisation_id: options.organisationId, email, display_name: `Test user ${id.slice(-4)}`, password_hash: await testPasswordHash, status: options.status ?? 'active', is_demo: options.isDemo ?? false })
    .execute()
  if (options.roles.length > 0) await db.insertInto('staff_user_role').values(options.roles.map((role) => ({ user_id: id, role }))).execute()
  if (options.teamIds?.length) await db.insertInto('team_membership').values(options.teamIds.map((teamId) => ({ user_id: id, team_id: teamId }))).execute()
  return { id, email, password: testPassword }
}

/** Signs in through the real form; returns the signed-in browser state (with a fresh CSRF token). */
export async function signIn(app: FastifyInstance, user: Pick<TestUser, 'email' | 'password'>): Promise<BrowserSession> {
  const visitor = await visitSignIn(app)
  const response = await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: user.password })
  if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`)
  const cookie = sessionCookie(response.headers['set-cookie'])
  return csrfFrom(app, { cookie }, accountPaths.account())
}

/** The session cookie a response set (sign-in and the second step replace the session). */
export function cookieSetBy(response: { headers: Record<string, unknown> }): string {
  return sessionCookie(response.headers['set-cookie'] as string | string[] | undefined)
}

/**
 * The first step of sign-in only: for a role that needs a second factor the browser is
 * left half-signed-in, and `location` is the code page.
 */
export async function submitPassword(app: FastifyInstance, user: Pick<TestUser, 'email' | 'password'>, options: { returnTo?: string } = {}): Promise<{ cookie: string; location: string }> {
  const visitor = await visitSignIn(app)
  const fields = { email: user.email, password: user.password, ...(options.returnTo ? { returnTo: options.returnTo } : {}) }
  const response = await postForm(app, visitor, accountPaths.signIn(), fields)
  if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`)
  return { cookie: cookieSetBy(response), location: String(response.headers.location) }
}

/** The code an authenticator app holding `secret` shows at `at`. */
export function authenticatorCode(secret: string, at: Date = new Date()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() })
}

/** Gives a user an authenticator straight in the database, as if they had set one up; returns its secret. */
export async function giveAuthenticator(db: Db, userId: string): Promise<string> {
  const secret = newAuthenticatorSecret()
  await db.updateTable('staff_user').set({ mfa_secret: secret, mfa_enrolled_at: new Date().toISOString() }).where('id', '=', userId).execute()
  return secret
}

/** Signs in through both steps, password then authenticator code; returns the signed-in browser state. */
export async function signInWithAuthenticator(app: FastifyInstance, user: Pick<TestUser, 'email' | 'password'>, secret: string): Promise<BrowserSession> {
  const pending = await submitPassword(app, user)
  const challenge = await csrfFrom(app, pending, accountPaths.mfaChallenge())
  const response = await postForm(app, challenge, accountPaths.mfaChallenge(), { code: authenticatorCode(secret) })
  if (response.statusCode !== 303) throw new Error(`the second sign-in step failed with ${response.statusCode}`)
  return csrfFrom(app, { cookie: cookieSetBy(response) }, accountPaths.account())
}
