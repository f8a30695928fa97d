import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { pageFrom, pageOf, peoplePaths } from '../paths.ts'
import { listVisiblePeople, peoplePageSize } from '../repository.ts'

/** The people the user's teams work with (and any that agreements or break-glass open), a page at a time. */
export async function listPeople(request: FastifyRequest, reply: FastifyReply) {
  const page = pageFrom(request.query)
  const rows = await inTransaction(request.server.database.db, async (tx) => {
    const found = await listVisiblePeople(tx, request.scope!, page)
    await auditRequest(tx, request, { action: 'person.search', outcome: 'allowed', details: { page, shown: Math.min(found.length, peoplePageSize) } })
    return found
  })
  return reply.view('people/views/people.njk', {
    people: rows.slice(0, peoplePageSize),
    canAdd: request.principal!.capabilities.has('person:write'),
    pagination: {
      previous: page > 1 ? { href: pageOf(peoplePaths.list(), page - 1) } : undefined,
      next: rows.length > peoplePageSize ? { href: pageOf(peoplePaths.list(), page + 1) } : undefined,
    },
  })
}
