import type { FastifyInstance } from 'fastify'
import type { Capability } from '../auth/capabilities.ts'
import '../auth/principal.ts'
import type { Scope } from '../auth/scope.ts'
import type { Db } from '../db/database.ts'
import { isApiPath } from '../http/openapi.ts'

/** A link in the header, shown to users holding its capability. */
export interface NavigationLink {
  capability: Capability
  /** A content key. */
  label: string
  href: string
  /** A number the link shows when it is not zero (unread notifications): `label` is then a content key taking `{count}`. */
  count?: { label: string; of(db: Db, scope: Scope): Promise<number> }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The numbers of the header's counted links, by href; null when the request shows no page header. */
    navigationCounts: Record<string, number> | null
  }
}

/**
 * Works out the header's counts before a page's handler runs, so that the layout (rendered
 * synchronously) can show them. Only for signed-in page requests; each count is one query.
 */
export function registerNavigationCounts(app: FastifyInstance, links: readonly NavigationLink[]): void {
  app.decorateRequest('navigationCounts', null)
  const counted = links.filter((link) => link.count !== undefined)
  if (counted.length === 0) return
  app.addHook('preHandler', async (request) => {
    const { principal, scope } = request
    if (!principal || !scope || isApiPath(request.url)) return
    const shown = counted.filter((link) => principal.capabilities.has(link.capability))
    const counts = await Promise.all(shown.map(async (link) => [link.href, await link.count!.of(app.database.db, scope)] as const))
    request.navigationCounts = Object.fromEntries(counts)
  })
}
