import type { CaseWorld } from '../../../test/support/cases.ts'
import { createPerson } from '../../../test/support/fixtures.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { londonWallClock } from '../../platform/time/london.ts'

/** What this module's tests share: times relative to now, as the forms take them, and more places in a case world's service. */

const dayMs = 86_400_000

export const instantIn = (days: number) => new Date(Date.now() + days * dayMs).toISOString()

/** The date boxes and time field of a contact form for an instant. */
export function whenFields(instant: string): Record<string, string> {
  const { date, time } = londonWallClock(instant)
  const [year, month, day] = date.split('-')
  return { 'occursOn-day': String(Number(day)), 'occursOn-month': String(Number(month)), 'occursOn-year': year ?? '', time }
}

export interface Place {
  personId: string
  allocationId: string
}

/** Another person, known to the trust's team, holding an active place in an element of the world's service (its element unless told). */
export async function anotherPlace(db: Db, world: CaseWorld, person: { givenName: string; familyName: string; restricted?: boolean; elementId?: string }): Promise<Place> {
  const elementId = person.elementId ?? world.elementId
  const personId = await createPerson(db, { teamId: world.trust.teamId, givenName: person.givenName, familyName: person.familyName, restricted: person.restricted ?? false })
  const referralId = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('referral')
    .values({ id: referralId, person_id: personId, service_id: world.serviceId, service_element_id: elementId, status: 'allocated', urgency: 'routine', priority: 2, referrer_user_id: world.users.probationOfficer.id, referrer_organisation_id: world.probation.organisationId, referrer_team_id: world.probation.teamId, referrer_role: 'offender_manager', referred_at: now, updated_at: now })
    .execute()
  const allocationId = newId()
  await db.insertInto('allocation').values({ id: allocationId, referral_id: referralId, person_id: personId, service_element_id: elementId, keyworker_user_id: world.users.clinician.id, status: 'active', started_at: now, allocated_by: world.users.manager.id }).execute()
  return { personId, allocationId }
}
