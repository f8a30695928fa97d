import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { addCaseEvent, findCaseView, type CaseView } from '../casework/index.ts'
import type { RiskPlanInput } from './forms.ts'
import { insertRiskPlan, latestRiskPlan, lockCase, type RiskPlanRow } from './repository.ts'
import { isStale, nextVersion } from './rules.ts'

/** What was sent: a plan that reads well, or the fields with problems (for the audit row). */
export type SubmittedPlan = { ok: true; value: RiskPlanInput } | { ok: false; fields: readonly string[] }

export type AddOutcome =
  | { state: 'not_found' }
  | { state: 'not_shared'; caseView: CaseView }
  | { state: 'invalid' | 'closed'; caseView: CaseView }
  /** Another version was saved after the one the writer started from: `latest` is it. */
  | { state: 'stale'; caseView: CaseView; latest: RiskPlanRow }
  | { state: 'added'; caseView: CaseView; plan: RiskPlanRow }

/**
 * Adds a version of the case's risk plan, for the page and the API alike, in one
 * transaction with its audit row: the case in the caller's scope (else not found, audited
 * as denied), its risk readable by them, still open, and no version saved since the one
 * the writer started from (the case is locked while this is checked and written).
 */
export function addRiskPlanVersion(request: FastifyRequest, allocationId: string, submitted: SubmittedPlan): Promise<AddOutcome> {
  const { db, dialect } = request.server.database
  return inTransaction(db, async (tx): Promise<AddOutcome> => {
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details: Record<string, unknown>, caseView?: CaseView, record = { type: 'allocation', id: allocationId }) =>
      auditRequest(tx, request, { action: 'risk-plan.create', outcome, ...(caseView ? { personId: caseView.person_id } : {}), recordType: record.type, recordId: record.id, details })
    const caseView = await findCaseView(tx, request, allocationId)
    if (!caseView) {
      await audit('denied', { problem: 'not_found' })
      return { state: 'not_found' }
    }
    if (!caseView.readable.has('risk')) {
      await audit('denied', { problem: 'not_shared' }, caseView)
      return { state: 'not_shared', caseView }
    }
    if (caseView.status !== 'active') {
      await audit('failed', { problem: 'closed' }, caseView)
      return { state: 'closed', caseView }
    }
    if (!submitted.ok) {
      await audit('failed', { problem: 'invalid', fields: submitted.fields }, caseView)
      return { state: 'invalid', caseView }
    }
    await lockCase(tx, dialect, allocationId)
    const latest = await latestRiskPlan(tx, allocationId)
    const plan = submitted.value
    if (latest && isStale(plan.basedOnVersion, latest.version)) {
      await audit('failed', { problem: 'stale', basedOnVersion: plan.basedOnVersion, latestVersion: latest.version }, caseView)
      return { state: 'stale', caseView, latest }
    }
    const version = nextVersion(latest?.version ?? null)
    const riskPlanId = await insertRiskPlan(tx, { ...plan, allocationId, personId: caseView.person_id, version, createdBy: request.principal!.userId })
    await addCaseEvent(tx, {
      personId: caseView.person_id,
      allocationId,
      kind: 'risk_plan.version_added',
      category: 'risk',
      organisationId: request.principal!.organisationId,
      recordType: 'risk_plan',
      recordId: riskPlanId,
      recordedBy: request.principal!.userId,
      details: { version },
    })
    const added = await latestRiskPlan(tx, allocationId)
    await audit('allowed', { version }, caseView, { type: 'risk_plan', id: riskPlanId })
    return { state: 'added', caseView, plan: added! }
  })
}
