import { createHash, randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * Public pages and API answers are cacheable for five minutes, with an ETag from the data
 * shown. The ETag also covers this process's start: templates and content change only
 * with a new deployment, which starts new processes, so a page from older code is never
 * confirmed as current. (Another instance answers a revalidation with 200, not 304: only
 * the saving is lost.)
 */
const deployment = randomUUID()
export const publicMaxAgeSeconds = 300

/** Whether an If-None-Match header names `etag` (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

/**
 * Sets the caching headers of a public answer built from `data`; true when the caller's
 * copy is current and a 304 has been sent. A signed-in user's page carries their name and
 * sign-out form, so it is never stored for others.
 */
export function answeredFromCache(request: FastifyRequest, reply: FastifyReply, data: unknown, options: { personalised: boolean }): boolean {
  reply.header('vary', 'Cookie')
  if (options.personalised && request.principal) {
    reply.header('cache-control', 'private, no-cache')
    return false
  }
  const digest = createHash('sha256').update(deployment).update(JSON.stringify(data)).digest('hex').slice(0, 32)
  // HTML differs byte for byte in its CSP nonce, so a page's tag is weak; JSON is the same bytes, so strong.
  const etag = options.personalised ? `W/"${digest}"` : `"${digest}"`
  reply.header('cache-control', `public, max-age=${publicMaxAgeSeconds}`)
  reply.header('etag', etag)
  if (!matchesEtag(request.headers['if-none-match'], etag)) return false
  reply.code(304).send()
  return true
}
