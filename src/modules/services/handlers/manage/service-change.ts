import type { FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../../platform/audit/index.ts'
import type { Tx } from '../../../../platform/db/database.ts'
import { recordServiceChange } from '../../repository.ts'

export interface ServiceChange {
  action: AuditEvent
  /** What the history on the service's page says: names and values (a service holds no personal data). */
  history: Record<string, unknown>
  /** What the audit trail keeps: ids, codes and counts only. */
  audit?: Record<string, unknown>
}

/**
 * Records one change to a service: a row of its history, then the audit row, last in the
 * change's transaction (the audit writer holds the chain lock until commit).
 */
export async function recordChange(tx: Tx, request: FastifyRequest, service: { id: string; organisationId: string }, change: ServiceChange): Promise<void> {
  await recordServiceChange(tx, { serviceId: service.id, action: change.action, details: change.history, changedBy: request.principal!.userId })
  await auditRequest(tx, request, {
    action: change.action,
    outcome: 'allowed',
    recordType: 'service',
    recordId: service.id,
    details: { serviceOrganisationId: service.organisationId, ...change.audit },
  })
}
