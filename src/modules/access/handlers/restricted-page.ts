import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { accessPaths } from '../paths.ts'
import { findHeldPerson, namedGrants, type HeldPerson } from '../repository.ts'
import { organisationOf, type FormProblem } from './lookups.ts'

/*
 * The restricted-record page and its three forms. Only a person one of the IG lead's teams
 * works or has worked with can be reached; anyone else is "not found" (audited as denied),
 * as on the person page, so the page never confirms that someone is known elsewhere.
 */

/**
 * Restricting a record and naming who may see it decide who sees special-category data,
 * so they need a recently confirmed password: the page sends the user to confirm it
 * (and back), and a form posted without it is refused.
 */
export function requireRecentAuthentication(request: FastifyRequest): void {
  if (!recentlyAuthenticated(request.session)) throw forbidden('re-authentication required to change access to a restricted record')
}

export interface FailedForm {
  values: unknown
  problem: FormProblem
}

/**
 * Shows the person's restriction and the organisation's named staff, with the request's
 * audit row written in the same transaction as the read: `allowed` for the page itself,
 * `failed` for a form shown again with its problems.
 */
export async function renderRestrictedPage(request: FastifyRequest, reply: FastifyReply, personId: string, action: AuditEvent, failed?: FailedForm) {
  const organisationId = organisationOf(request)
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const person = await findHeldPerson(tx, organisationId, personId)
    if (!person) {
      await auditRequest(tx, request, { action, outcome: 'denied', personId })
      return null
    }
    const grants = await namedGrants(tx, organisationId, personId)
    await auditRequest(tx, request, { action, outcome: failed ? 'failed' : 'allowed', personId, recordType: 'person', recordId: personId })
    return { person, grants }
  })
  if (!page) throw notFound()
  const values = { restricted: page.person.is_restricted ? 'yes' : 'no', ...(failed?.values as object | undefined) }
  return reply.code(failed ? 400 : 200).view('access/views/restricted.njk', { ...page, values, ...failed?.problem })
}

/**
 * One change to who may see the person, with its audit row, in one transaction; then back
 * to the page. `change` returns the audit details, or null when there was nothing to
 * change (a second click), which writes no row.
 */
export async function changeHeldPerson(
  request: FastifyRequest,
  reply: FastifyReply,
  personId: string,
  action: AuditEvent,
  change: (tx: Tx, person: HeldPerson) => Promise<Record<string, unknown> | null>,
) {
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const person = await findHeldPerson(tx, organisationOf(request), personId)
    if (!person) {
      await auditRequest(tx, request, { action, outcome: 'denied', personId })
      return false
    }
    const details = await change(tx, person)
    if (details) await auditRequest(tx, request, { action, outcome: 'allowed', personId, recordType: 'person', recordId: personId, details })
    return true
  })
  if (!found) throw notFound()
  return reply.redirect(accessPaths.restricted({ personId }), 303)
}
