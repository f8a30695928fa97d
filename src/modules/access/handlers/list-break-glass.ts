import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { accessPaths, pageOf } from '../paths.ts'
import { listBreakGlassUses } from '../repository.ts'
import { organisationOf } from './lookups.ts'

const usesPerPage = 50

/** The page asked for in `?page=`; anything that is not a page number is the first page. */
function requestedPage(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1
}

/**
 * One of the two lists of the review queue: uses waiting for review (oldest first, so
 * none waits long), or uses already reviewed. Reasons are written about a person, so
 * reading the list is audited.
 */
function breakGlassList(reviewed: boolean) {
  const list = reviewed ? accessPaths.reviewedBreakGlass() : accessPaths.breakGlassQueue()
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const page = requestedPage(request.query)
    const found = await inTransaction(request.server.database.db, async (tx) => {
      const uses = await listBreakGlassUses(tx, organisationOf(request), { reviewed, limit: usesPerPage, offset: (page - 1) * usesPerPage })
      await auditRequest(tx, request, { action: 'access.break-glass.view', outcome: 'allowed', details: { reviewed, page, uses: uses.uses.length } })
      return uses
    })
    const pages = Math.max(1, Math.ceil(found.total / usesPerPage))
    return reply.view('access/views/break-glass-uses.njk', {
      reviewed,
      uses: found.uses,
      total: found.total,
      range: { from: (page - 1) * usesPerPage + 1, to: (page - 1) * usesPerPage + found.uses.length, total: found.total },
      previous: page > 1 ? { href: pageOf(list, page - 1) } : undefined,
      next: page < pages ? { href: pageOf(list, page + 1) } : undefined,
      reviewerId: request.principal!.userId,
    })
  }
}

export const showReviewQueue = breakGlassList(false)
export const showReviewedUses = breakGlassList(true)
