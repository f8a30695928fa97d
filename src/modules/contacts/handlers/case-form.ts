import type { FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { caseIdOf, findCaseView, type CaseView, type SectionRead } from '../../casework/index.ts'

/**
 * A contact form of a case, shown again after a post: the case in scope (else "not found")
 * and what the form needs when the caller may read the case's contacts. `audit` is this
 * request's failed change, or null when the command already audited its refusal.
 */
export async function loadCaseForm<Section>(request: FastifyRequest, audit: { action: AuditEvent; details: Record<string, unknown> } | null, load: (tx: Tx, caseView: CaseView) => Promise<Section>): Promise<SectionRead<Section>> {
  const allocationId = caseIdOf(request)
  const read = await inTransaction(request.server.database.db, async (tx) => {
    const caseView = await findCaseView(tx, request, allocationId)
    const section = caseView?.readable.has('contact') ? await load(tx, caseView) : undefined
    if (audit) {
      await auditRequest(tx, request, { action: audit.action, outcome: section === undefined ? 'denied' : 'failed', ...(caseView ? { personId: caseView.person_id } : {}), recordType: 'allocation', recordId: allocationId, details: audit.details })
    }
    return caseView && { caseView, section }
  })
  if (!read) throw notFound()
  return read
}

/** The problems of a form as the audit row names them: fields, never what was typed. */
export function problemFields(errors: ReadonlyArray<{ field: string }>): Record<string, unknown> {
  return { problems: errors.map((error) => error.field) }
}
