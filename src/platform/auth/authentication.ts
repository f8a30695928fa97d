import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { forbidden } from '../http/errors.ts'
import { createSession, endSession, findSession, tokensEqual, type Session, type SessionPolicy } from './sessions.ts'
import { userForApiToken } from './api-tokens.ts'
import { loadPrincipal } from './principal.ts'
import { scopeFor, type Scope } from './scope.ts'
import { memberCapability } from './capabilities.ts'
import { createMemberSession, endMemberSession, findMemberSession, loadMember, memberCookieName, type Member, type MemberSession } from './members.ts'
import type { RoleDefinition } from './roles.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The session of this browser (anonymous or signed in), or null. */
    session: Session | null
    /** What the signed-in user may see, for repositories to apply inside SQL; null when anonymous. */
    scope: Scope | null
    /** The signed-in forum member (members.ts), from the forum's own cookie; null otherwise. */
    member: Member | null
    memberSession: MemberSession | null
  }
  interface FastifyInstance {
    roles: ReadonlyMap<string, RoleDefinition>
    sessionPolicy: SessionPolicy
    /** Sets (or, with null, clears) the session cookie on a reply. */
    setSessionCookie(reply: FastifyReply, token: string | null): void
    /** Sets (or, with null, clears) the forum member's session cookie. */
    setMemberSessionCookie(reply: FastifyReply, token: string | null): void
  }
}

export interface AuthenticationOptions {
  roles: ReadonlyMap<string, RoleDefinition>
  policy: SessionPolicy
  /** Served over https: the cookie is Secure and takes the __Host- prefix. */
  https: boolean
  /** Route patterns that never need a session (assets, health). */
  sessionless: ReadonlySet<string>
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function registerAuthentication(app: FastifyInstance, options: AuthenticationOptions): void {
  const cookieName = options.https ? '__Host-pathways-session' : 'pathways-session'
  const memberCookie = memberCookieName(options.https)
  const cookieSetter = (name: string) => (reply: FastifyReply, token: string | null) => {
    reply.header(
      'set-cookie',
      serializeCookie(name, token ?? '', {
        httpOnly: true,
        secure: options.https,
        sameSite: 'lax',
        path: '/',
        ...(token === null ? { maxAge: 0 } : {}),
      }),
    )
  }
  app.decorate('roles', options.roles)
  app.decorate('sessionPolicy', options.policy)
  app.decorate('setSessionCookie', cookieSetter(cookieName))
  app.decorate('setMemberSessionCookie', cookieSetter(memberCookie))
  app.decorateRequest('session', null)
  app.decorateRequest('scope', null)
  app.decorateRequest('member', null)
  app.decorateRequest('memberSession', null)

  /** The user this request acts for: an API client's token, or a signed-in session past its second factor. */
  async function actingUser(request: FastifyRequest): Promise<string | null> {
    if (isBearerRequest(request)) return userForApiToken(app.database.db, (request.headers.authorization ?? '').slice('Bearer '.length).trim())
    const token = request.headers.cookie ? parseCookies(request.headers.cookie)[cookieName] : undefined
    if (!token) return null
    request.session = await findSession(app.database.db, options.policy, token)
    return request.session && !request.session.mfa_pending ? request.session.user_id : null
  }

  app.addHook('onRequest', async (request) => {
    if (options.sessionless.has(request.routeOptions.url ?? '')) return
    // A forum member's own cookie: it makes a member, never a staff principal.
    const memberToken = !isBearerRequest(request) && request.headers.cookie ? parseCookies(request.headers.cookie)[memberCookie] : undefined
    if (memberToken) {
      request.memberSession = await findMemberSession(app.database.db, options.policy, memberToken)
      request.member = request.memberSession ? await loadMember(app.database.db, request.memberSession.member_id) : null
    }
    const userId = await actingUser(request)
    if (userId === null) return
    request.principal = await loadPrincipal(app.database.db, options.roles, userId)
    request.scope = request.principal ? scopeFor(request.principal) : null
  })

  // CSRF: every unsafe request must carry the session's token, from the form's hidden
  // `_csrf` field or an X-CSRF-Token header. Bearer-token API calls carry no cookie and are exempt.
  app.addHook('preHandler', async (request) => {
    if (!unsafeMethods.has(request.method) || isBearerRequest(request)) return
    const sent = csrfTokenOf(request)
    const expected = formCsrfToken(request)
    if (!expected || !sent || !tokensEqual(sent, expected)) {
      throw forbidden('CSRF token missing or wrong')
    }
  })
}

/** Whether the route answers to forum members (and only to them). */
export function isMemberRoute(request: FastifyRequest): boolean {
  return request.routeOptions.config?.declaration?.capability === memberCapability
}

/**
 * The CSRF token this request's forms carry and its unsafe methods must send back: the
 * member session's on a member route, the staff (or anonymous) session's anywhere else.
 */
export function formCsrfToken(request: FastifyRequest): string | undefined {
  return isMemberRoute(request) ? request.memberSession?.csrf_token : request.session?.csrf_token
}

function isBearerRequest(request: FastifyRequest): boolean {
  return (request.headers.authorization ?? '').startsWith('Bearer ') && !request.headers.cookie
}

function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined
  const fromBody = body && typeof body === 'object' ? body._csrf : undefined
  if (typeof fromBody === 'string') return fromBody
  const header = request.headers['x-csrf-token']
  return typeof header === 'string' ? header : undefined
}

/** Gives an anonymous visitor a session, so the form on this page can carry a CSRF token. */
export async function ensureSession(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
  if (request.session) return request.session
  const { token, session } = await createSession(request.server.database.db, request.server.sessionPolicy, { userId: null })
  request.server.setSessionCookie(reply, token)
  request.session = session
  return session
}

/**
 * Signs a user in: the old session (and its id) is discarded and a new one issued, so a
 * session id planted before sign-in is worthless afterwards.
 */
export async function beginSignedInSession(request: FastifyRequest, reply: FastifyReply, userId: string, options: { mfaPending: boolean }): Promise<Session> {
  const { db } = request.server.database
  if (request.session) await endSession(db, request.session.id_hash)
  const { token, session } = await createSession(db, request.server.sessionPolicy, { userId, mfaPending: options.mfaPending })
  request.server.setSessionCookie(reply, token)
  request.session = session
  return session
}

/** Signs a forum member in: any earlier member session of this browser is discarded and a new one issued. */
export async function beginMemberSession(request: FastifyRequest, reply: FastifyReply, memberId: string): Promise<MemberSession> {
  const { db } = request.server.database
  if (request.memberSession) await endMemberSession(db, request.memberSession.id_hash)
  const { token, session } = await createMemberSession(db, request.server.sessionPolicy, memberId)
  request.server.setMemberSessionCookie(reply, token)
  request.memberSession = session
  return session
}

/** Signs the forum member of this browser out (the staff session, if any, is untouched). */
export async function endCurrentMemberSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.memberSession) await endMemberSession(request.server.database.db, request.memberSession.id_hash)
  request.server.setMemberSessionCookie(reply, null)
  request.memberSession = null
  request.member = null
}
