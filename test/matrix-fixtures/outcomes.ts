import { newId } from '../../src/platform/db/ids.ts'
import { jsonValue } from '../../src/platform/db/values.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/**
 * Outcome measures: the shipped CORE-10 for `:instrumentKey` (configuration, not a record),
 * and one measurement in the home case so the section and the API have totals to show.
 */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: [],
  async create(db, base) {
    const answers = { tense: 2, someone_to_turn_to: 2, able_to_cope: 2, talking_too_much: 2, panic: 2, plans_to_end_life: 0, sleep: 2, despairing: 2, unhappy: 2, unwanted_images: 2 }
    await db
      .insertInto('outcome_measurement')
      .values({ id: newId(), allocation_id: base.allocationId, person_id: base.personId, instrument_key: 'core-10', instrument_version: '1', measured_on: '2026-01-02', answers: jsonValue(answers), total: 18, recorded_by: base.userId })
      .execute()
    return { instrumentKey: 'core-10' }
  },
}
