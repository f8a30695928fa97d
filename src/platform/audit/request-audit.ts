import type { FastifyRequest } from 'fastify'
import type { Tx } from '../db/database.ts'
import { recordAudit, type AuditEntry } from './audit-log.ts'

export type RequestAuditEntry = Omit<AuditEntry, 'userId' | 'organisationId' | 'route' | 'requestId' | 'purpose'>

/** Appends an audit event for this request: who, for which organisation, by which route, for what purpose. Call it last in the transaction. */
export function auditRequest(tx: Tx, request: FastifyRequest, entry: RequestAuditEntry): Promise<void> {
  return recordAudit(tx, request.server.database.dialect, {
    ...entry,
    userId: request.principal?.userId,
    organisationId: request.principal?.organisationId,
    purpose: request.scope?.purpose,
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
    requestId: request.id,
  })
}
