import { newId } from '../../src/platform/db/ids.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/** An open hand-over task of the home case, assigned to the home team, for `:taskId`. */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: ['taskId'],
  async create(db, base) {
    const taskId = newId()
    await db
      .insertInto('case_task')
      .values({ id: taskId, kind: 'handover', allocation_id: base.allocationId, person_id: base.personId, assigned_user_id: null, assigned_team_id: base.homeTeamId, title: 'Hand-over from Matrix service', detail: 'Matrix fixture reason for the hand-over', source_type: 'allocation', source_id: base.allocationId, status: 'open' })
      .execute()
    return { taskId }
  },
}
