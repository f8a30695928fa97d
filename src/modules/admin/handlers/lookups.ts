import type { FastifyRequest } from 'fastify'
import type { RoleDefinition } from '../../../platform/auth/roles.ts'
import { isId } from '../../../platform/db/ids.ts'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { findOrganisation, findUser, type OrganisationSummary, type UserDetail } from '../repository.ts'
import { adminScope, assignableRoles, mayManage, type AdminScope } from '../rules.ts'

export function scopeOf(request: FastifyRequest): AdminScope {
  return adminScope(request.principal!)
}

export function assignableRolesOf(request: FastifyRequest): RoleDefinition[] {
  return assignableRoles(request.server.roles, request.principal!)
}

/** An id from the path. Anything else names no page (and PostgreSQL would refuse it as a uuid). */
function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** The organisation in the path; outside the administrator's scope it is "not found", so its existence is not revealed. */
export async function organisationInScope(request: FastifyRequest): Promise<OrganisationSummary> {
  const organisation = await findOrganisation(request.server.database.db, scopeOf(request), idParam(request, 'organisationId'))
  if (!organisation) throw notFound()
  return organisation
}

export async function userInScope(request: FastifyRequest): Promise<UserDetail> {
  const user = await findUser(request.server.database.db, scopeOf(request), idParam(request, 'userId'))
  if (!user) throw notFound()
  return user
}

/** A user the administrator may change: in scope (404 otherwise) and holding only roles the administrator could grant (403 otherwise). */
export async function manageableUser(request: FastifyRequest): Promise<UserDetail> {
  const user = await userInScope(request)
  if (!mayManage(assignableRolesOf(request), user.roles)) throw forbidden('the user holds a role this administrator cannot grant')
  return user
}
