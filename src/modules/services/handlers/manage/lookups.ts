import type { FastifyRequest } from 'fastify'
import type { ContentParams } from '../../../../platform/content/content.ts'
import { isId } from '../../../../platform/db/ids.ts'
import { notFound } from '../../../../platform/http/errors.ts'
import { formError } from '../../../../platform/http/forms.ts'
import { findManagedService, type ServiceDetail } from '../../repository.ts'
import { managerScope, type ManagerScope } from '../../rules.ts'

export function scopeOf(request: FastifyRequest): ManagerScope {
  return managerScope(request.principal!)
}

/** An id from the path. Anything else names no page (and PostgreSQL would refuse it as a uuid). */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** The service in the path; another organisation's service is "not found", so its manager's pages reveal nothing of it. */
export async function managedService(request: FastifyRequest): Promise<ServiceDetail> {
  const service = await findManagedService(request.server.database.db, scopeOf(request), idParam(request, 'serviceId'))
  if (!service) throw notFound()
  return service
}

/** What a failed form shows: the error summary and the message beside each field. */
export type FormProblem = ReturnType<typeof formError>

/** A problem found after the form parsed (a name already taken, a file of the wrong type), shown as a field error. */
export function fieldProblem(request: FastifyRequest, field: string, contentKey: string, params?: ContentParams): FormProblem {
  return formError(field, request.server.content.t(contentKey, params))
}
