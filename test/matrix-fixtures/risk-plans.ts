import { newId } from '../../src/platform/db/ids.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/** A version of the home case's risk plan, for /cases/:allocationId/risk/versions/:riskPlanId. */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: ['riskPlanId'],
  async create(db, base) {
    const riskPlanId = newId()
    await db
      .insertInto('risk_plan')
      .values({ id: riskPlanId, allocation_id: base.allocationId, person_id: base.personId, version: 1, summary: 'Matrix fixture reason: risk summary', triggers: null, warning_signs: null, protective_factors: null, contingencies: JSON.stringify([{ action: 'Matrix action', contact: 'Matrix contact' }]), review_on: '2026-01-01', created_by: base.userId })
      .execute()
    return { riskPlanId }
  },
}
