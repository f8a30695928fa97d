import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { forbidden } from '../http/errors.ts'
import { createSession, endSession, findSession, tokensEqual, type Session, type SessionPolicy } from './sessions.ts'
import { userForApiToken } from './api-tokens.ts'
import { loadPrincipal } from './principal.ts'
import { scopeFor, type Scope } from './scope.ts'
import type { RoleDefinition } from './roles.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The session of this browser (anonymous or signed in), or null. */
    session: Session | null
    /** What the signed-in user may see, for repositories to apply inside SQL; null when anonymous. */
    scope: Scope | null
  }
  interface FastifyInstance {
    roles: ReadonlyMap<string, RoleDefinition>
    sessionPolicy: SessionPolicy
    /** Sets (or, with null, clears) the session cookie on a reply. */
    setSessionCookie(reply: FastifyReply, token: string | null): void
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
  app.decorate('roles', options.roles)
  app.decorate('sessionPolicy', options.policy)
  app.decorate('setSessionCookie', (reply: FastifyReply, token: string | null) => {
    reply.header(
      'set-cookie',
      serializeCookie(cookieName, token ?? '', {
        httpOnly: true,
        secure: options.https,
        sameSite: 'lax',
        path: '/',
        ...(token === null ? { maxAge: 0 } : {}),
      }),
    )
  })
  app.decorateRequest('session', null)
  app.decorateRequest('scope', null)

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
    if (!request.session || !sent || !tokensEqual(sent, request.session.csrf_token)) {
      throw forbidden('CSRF token missing or wrong')
    }
  })
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
