import type { FastifyRequest } from 'fastify'
import { recordAudit, type AuditEvent } from '../../platform/audit/index.ts'
import type { Tx } from '../../platform/db/database.ts'

/**
 * Reading a report is recorded, with no person named. Written with recordAudit rather than
 * auditRequest, whose purpose is the request scope's care purpose: aggregate figures serve
 * service planning. Call it last in the transaction (the writer holds the chain lock).
 */
export function recordReportRead(tx: Tx, request: FastifyRequest, action: Extract<AuditEvent, 'report.view' | 'report.export'>, details: Record<string, unknown>): Promise<void> {
  const reader = request.principal!
  return recordAudit(tx, request.server.database.dialect, {
    action,
    outcome: 'allowed',
    userId: reader.userId,
    organisationId: reader.organisationId,
    purpose: 'service_planning',
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
    requestId: request.id,
    details,
  })
}
