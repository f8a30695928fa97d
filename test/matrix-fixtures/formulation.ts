import { newId } from '../../src/platform/db/ids.ts'
import { jsonValue } from '../../src/platform/db/values.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/** A formulation version, and a plan with one goal and one action, of the home case. */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: ['formulationId', 'goalId', 'actionId'],
  async create(db, base) {
    const [formulationId, planId, goalId, actionId] = [newId(), newId(), newId(), newId()]
    await db
      .insertInto('case_formulation')
      .values({ id: formulationId, allocation_id: base.allocationId, person_id: base.personId, version: 1, shared: jsonValue({ presentingDifficulties: 'Matrix difficulties' }), clinical: jsonValue({ clinicalImpressions: 'Matrix impressions' }), formulated_on: '2026-01-02', created_by: base.userId })
      .execute()
    await db.insertInto('case_formulation_author').values({ formulation_id: formulationId, user_id: base.userId }).execute()
    await db.insertInto('pathway_plan').values({ id: planId, allocation_id: base.allocationId, person_id: base.personId, version: 1, review_on: '2026-06-01', updated_by: base.userId, updated_at: new Date().toISOString() }).execute()
    await db.insertInto('plan_goal').values({ id: goalId, plan_id: planId, description: 'Matrix goal', status: 'not_started', position: 1 }).execute()
    await db.insertInto('plan_action').values({ id: actionId, goal_id: goalId, description: 'Matrix action', owner_description: 'the person', due_on: '2026-05-01', status: 'not_started' }).execute()
    return { formulationId, goalId, actionId }
  },
}
