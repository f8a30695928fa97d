import type { FastifyRequest } from 'fastify'
import type { Db } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError } from '../../../platform/http/forms.ts'
import { findAgreement, findBreakGlassUse, type AgreementSummary, type BreakGlassUse } from '../repository.ts'

/** The IG lead's organisation: every query of this module is confined to it. */
export function organisationOf(request: FastifyRequest): string {
  return request.principal!.organisationId
}

/** An id from the path. Anything else names no page (and PostgreSQL would refuse it as a uuid). */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** A problem found after the form parsed (an unknown colleague, a choice no longer offered), shown as a field error. */
export function fieldProblem(request: FastifyRequest, field: string, contentKey: string, params?: Record<string, string>) {
  return formError(field, request.server.content.t(contentKey, params))
}

export type FormProblem = ReturnType<typeof formError>

/** An agreement another organisation owns is "not found", so its existence is not revealed. */
export async function ownAgreement(request: FastifyRequest): Promise<AgreementSummary> {
  const agreement = await findAgreement(request.server.database.db, organisationOf(request), idParam(request, 'agreementId'))
  if (!agreement) throw notFound()
  return agreement
}

/** A use of break-glass by the IG lead's own staff; any other is "not found". */
export async function ownStaffBreakGlassUse(request: FastifyRequest, db: Db = request.server.database.db): Promise<BreakGlassUse> {
  const use = await findBreakGlassUse(db, organisationOf(request), idParam(request, 'breakGlassId'))
  if (!use) throw notFound()
  return use
}
