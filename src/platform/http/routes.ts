import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAuditEvent, type AuditEvent } from '../audit/events.ts'
import { auditRequest } from '../audit/request-audit.ts'
import { inTransaction } from '../db/database.ts'
import { isId } from '../db/ids.ts'
import { isCapability, memberCapability, type Capability } from '../auth/capabilities.ts'
import '../auth/principal.ts'
import { forbidden, unauthenticated } from './errors.ts'
import { isApiPath, type ApiDescription } from './openapi.ts'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
// Handlers type their own params and body (FastifyRequest<{ Params: … }>), so the declaration accepts any request shape.
export type RouteHandler = (request: FastifyRequest<any>, reply: FastifyReply) => Promise<unknown>

/** Everything a route must say about itself; the registration helper refuses a route without it. */
export interface RouteDeclaration {
  method: HttpMethod
  path: string
  /** The capability a caller needs, or `public` for pages anyone may see. */
  capability: Capability | 'public'
  /** The audit event a request writes, or `none` for pages without personal data. */
  audit: AuditEvent | 'none'
  handler: RouteHandler
  /** For JSON API routes (/api/v1/…): how the route appears in the OpenAPI document. */
  api?: ApiDescription
}

export class RouteDeclarationError extends Error {
  override name = 'RouteDeclarationError'
}

const methods: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

function check(route: Partial<RouteDeclaration>): asserts route is RouteDeclaration {
  const where = `${route.method ?? '?'} ${route.path ?? '?'}`
  if (!route.method || !methods.includes(route.method)) throw new RouteDeclarationError(`${where}: method must be one of ${methods.join(', ')}`)
  if (!route.path || !route.path.startsWith('/')) throw new RouteDeclarationError(`${where}: path must start with /`)
  if (!route.capability || (route.capability !== 'public' && !isCapability(route.capability))) {
    throw new RouteDeclarationError(`${where}: capability must be a known capability or "public"`)
  }
  if (!route.audit || (route.audit !== 'none' && !isAuditEvent(route.audit))) {
    throw new RouteDeclarationError(`${where}: audit must be a known audit event or "none"`)
  }
  if (typeof route.handler !== 'function') throw new RouteDeclarationError(`${where}: handler must be a function`)
  // The OpenAPI document is built from these descriptions; an undescribed API route would be missing from it.
  if (isApiPath(route.path) && !route.api) throw new RouteDeclarationError(`${where}: an API route must describe itself (api: summary, tag, responses)`)
}

/** Declares a module's routes; fails at import time on an incomplete declaration. */
export function defineRoutes(routes: ReadonlyArray<Partial<RouteDeclaration>>): readonly RouteDeclaration[] {
  routes.forEach(check)
  return Object.freeze([...(routes as RouteDeclaration[])])
}

declare module 'fastify' {
  interface FastifyContextConfig {
    declaration?: RouteDeclaration
  }
  interface FastifyInstance {
    /** Every route declared on this app, for the route-table test and the authorisation matrix. */
    declaredRoutes: RouteDeclaration[]
  }
}

function requireCapability(route: RouteDeclaration) {
  return async (request: FastifyRequest) => {
    if (route.capability === 'public') return
    // Member routes answer to a member session only: a staff session is refused, whatever its roles.
    if (route.capability === memberCapability) {
      if (request.member) return
      throw request.principal ? forbidden('forum pages are for forum members') : unauthenticated()
    }
    const principal = request.principal
    if (!principal) throw unauthenticated()
    if (principal.capabilities.has(route.capability)) return
    // A refused attempt at person-level data is itself evidence the IG lead may need.
    if (route.audit !== 'none') {
      const params = request.params as Record<string, string | undefined>
      await inTransaction(request.server.database.db, (tx) =>
        auditRequest(tx, request, { action: route.audit, outcome: 'denied', personId: isId(params.personId ?? '') ? params.personId : undefined, details: { missingCapability: route.capability } }),
      )
    }
    throw forbidden(`missing capability ${route.capability}`)
  }
}

/**
 * Call once, before any route: afterwards a route added to Fastify by any other means
 * than `registerRoutes` makes the app fail to start (deny by default).
 */
export function guardRouteRegistration(app: FastifyInstance): void {
  app.decorate('declaredRoutes', [])
  app.addHook('onRoute', (options) => {
    if (!options.config?.declaration) {
      throw new RouteDeclarationError(`${String(options.method)} ${options.url}: register routes through registerRoutes()`)
    }
  })
}

export function registerRoutes(app: FastifyInstance, routes: readonly RouteDeclaration[]): void {
  for (const route of routes) {
    check(route)
    app.declaredRoutes.push(route)
    app.route({
      method: route.method,
      url: route.path,
      config: { declaration: route },
      preHandler: requireCapability(route),
      handler: route.handler,
    })
  }
}
