import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { paginationLinks, requestedPage } from '../../../platform/views/lists.ts'
import { usersPage } from '../paths.ts'
import { listUsers } from '../repository.ts'
import { isLocked } from '../rules.ts'
import { organisationInScope, scopeOf } from './lookups.ts'

const usersPerPage = 25

export async function showUsers(request: FastifyRequest, reply: FastifyReply) {
  const organisation = await organisationInScope(request)
  const page = requestedPage(request.query)
  const { users, total } = await listUsers(request.server.database.db, scopeOf(request), organisation.id, { number: page, size: usersPerPage })
  const pages = Math.max(1, Math.ceil(total / usersPerPage))
  if (page > pages) throw notFound()
  const now = new Date()
  return reply.view('admin/views/users.njk', {
    organisation,
    users: users.map((user) => ({ ...user, locked: isLocked(user.locked_until, now) })),
    range: { from: (page - 1) * usersPerPage + 1, to: (page - 1) * usersPerPage + users.length, total },
    pagination: paginationLinks(page, pages, (number) => usersPage(organisation.id, number)),
  })
}
