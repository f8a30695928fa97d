import type { FastifyRequest } from 'fastify'
import { recordAudit, type AuditEvent } from '../../platform/audit/index.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { AuditFilters } from './rules.ts'

/**
 * Reading the trail is itself recorded: who looked, for which organisation, and what they
 * looked for (ids, codes and dates only). Written with recordAudit rather than auditRequest
 * because auditRequest stamps the request scope's care purpose (direct_care by default),
 * and reviewing the trail is not care: the purpose is left empty. Call it last in the
 * transaction: the writer holds the chain lock until commit.
 */
export function recordReview(tx: Tx, request: FastifyRequest, action: Extract<AuditEvent, 'audit.view' | 'audit.export'>, filters: AuditFilters, details: Record<string, unknown> = {}): Promise<void> {
  const reviewer = request.principal!
  return recordAudit(tx, request.server.database.dialect, {
    action,
    outcome: 'allowed',
    userId: reviewer.userId,
    organisationId: reviewer.organisationId,
    // The same form as auditRequest's, so the trail reads alike whichever writer wrote it.
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
    requestId: request.id,
    details: { filters, ...details },
  })
}
