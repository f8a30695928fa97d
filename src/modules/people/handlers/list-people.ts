import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { listVisiblePeople, peoplePageSize } from '../repository.ts'

/** The people the user's teams work with (and any that agreements or break-glass open), a page at a time. */
export async function listPeople(request: FastifyRequest<{ Querystring: { page?: string } }>, reply: FastifyReply) {
  const requested = Number(request.query.page ?? '1')
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1
  const rows = await inTransaction(request.server.database.db, async (tx) => {
    const found = await listVisiblePeople(tx, request.scope!, page)
    await auditRequest(tx, request, { action: 'person.search', outcome: 'allowed', details: { page, shown: Math.min(found.length, peoplePageSize) } })
    return found
  })
  return reply.view('people/views/people.njk', { people: rows.slice(0, peoplePageSize), page, hasNext: rows.length > peoplePageSize })
}
