import type { FastifyRequest } from 'fastify'
import { recordAudit, type AuditEvent } from '../../platform/audit/index.ts'
import type { Tx } from '../../platform/db/database.ts'

export interface AdminChange {
  action: AuditEvent
  recordType: 'organisation' | 'team' | 'staff_user'
  recordId: string
  /** The organisation the changed record belongs to (the row's organisation_id is the administrator's). */
  recordOrganisationId: string
  /** Ids and codes only. */
  details?: Record<string, unknown>
}

/**
 * The one audit row of an administrative change, on behalf of the administrator's
 * organisation. Call it last in the change's transaction: the writer holds the chain lock until commit.
 */
export function recordAdminChange(tx: Tx, request: FastifyRequest, change: AdminChange): Promise<void> {
  const administrator = request.principal!
  return recordAudit(tx, request.server.database.dialect, {
    action: change.action,
    outcome: 'allowed',
    userId: administrator.userId,
    organisationId: administrator.organisationId,
    recordType: change.recordType,
    recordId: change.recordId,
    route: request.routeOptions.url,
    requestId: request.id,
    details: { recordOrganisationId: change.recordOrganisationId, ...change.details },
  })
}
