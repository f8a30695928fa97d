import { newId } from '../../src/platform/db/ids.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/** A planned keywork session of the home case, for the contact routes' `:contactId`. */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: ['contactId'],
  async create(db, base) {
    const contactId = newId()
    await db
      .insertInto('contact')
      .values({ id: contactId, kind: 'keywork', service_element_id: base.elementId, title: null, occurs_at: new Date(Date.now() - 86_400_000).toISOString(), duration_minutes: 45, location: 'Matrix room', follow_up: null, recorded_by: base.userId })
      .execute()
    await db.insertInto('contact_attendee').values({ id: newId(), contact_id: contactId, allocation_id: base.allocationId, person_id: base.personId, outcome: null, cancelled_by: null, outcome_reason: null }).execute()
    return { contactId }
  },
}
