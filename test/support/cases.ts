import type { FastifyInstance } from 'fastify'
import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from './fixtures.ts'
import { createUser, signIn, type BrowserSession, type TestUser } from './sessions.ts'

/**
 * One case for case-work tests: an NHS trust's service with a clinical team holding the
 * place, the person's probation team (an open involvement, so they see the person but
 * nothing health-only), a prison keyworker in the service's team, and a stranger in another
 * organisation who must find nothing. Everyone is signed in.
 */
export interface CaseWorld {
  trust: OrganisationWithTeam
  probation: OrganisationWithTeam
  elsewhere: OrganisationWithTeam
  serviceId: string
  elementId: string
  personId: string
  referralId: string
  /** The case: an active allocation, the clinician its lead clinician and keyworker. */
  allocationId: string
  users: { clinician: TestUser; probationOfficer: TestUser; manager: TestUser; stranger: TestUser }
  sessions: { clinician: BrowserSession; probationOfficer: BrowserSession; manager: BrowserSession; stranger: BrowserSession }
}

export async function caseWorld(app: FastifyInstance, db: Db, options: { givenName?: string; familyName?: string } = {}): Promise<CaseWorld> {
  const trust = await organisationWithTeam(db, 'Teacup Valley NHS Trust', 'nhs_trust')
  const probation = await organisationWithTeam(db, 'Marmalade Probation Delivery Unit', 'probation_delivery_unit')
  const elsewhere = await organisationWithTeam(db, 'Quillfeather Housing Trust', 'charity')
  const serviceId = newId()
  const elementId = newId()
  await db.insertInto('service').values({ id: serviceId, organisation_id: trust.organisationId, slug: `case-${serviceId.slice(-8)}`, name: 'Teacup PIPE', summary: 'A test service', is_public: true }).execute()
  await db.insertInto('service_element').values({ id: elementId, service_id: serviceId, name: 'Treatment', capacity: 30, position: 1 }).execute()
  await db.updateTable('team').set({ service_id: serviceId }).where('id', '=', trust.teamId).execute()
  const make = (organisation: OrganisationWithTeam, roles: string[]) => createUser(db, { organisationId: organisation.organisationId, roles, teamIds: [organisation.teamId], isDemo: true })
  const users = {
    clinician: await make(trust, ['clinician']),
    probationOfficer: await make(probation, ['probation_officer']),
    manager: await make(trust, ['service_manager']),
    stranger: await make(elsewhere, ['clinician']),
  }
  const personId = await createPerson(db, { teamId: probation.teamId, givenName: options.givenName ?? 'Rowan', familyName: options.familyName ?? 'Quillby' })
  await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: trust.teamId, status: 'open', started_on: '2026-01-05' }).execute()
  const referralId = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('referral')
    .values({ id: referralId, person_id: personId, service_id: serviceId, service_element_id: elementId, status: 'allocated', urgency: 'routine', priority: 2, referrer_user_id: users.probationOfficer.id, referrer_organisation_id: probation.organisationId, referrer_team_id: probation.teamId, referrer_role: 'offender_manager', referred_at: now, updated_at: now })
    .execute()
  const allocationId = newId()
  await db
    .insertInto('allocation')
    .values({ id: allocationId, referral_id: referralId, person_id: personId, service_element_id: elementId, keyworker_user_id: users.clinician.id, lead_clinician_user_id: users.clinician.id, status: 'active', started_at: now, allocated_by: users.manager.id })
    .execute()
  const sessions = {
    clinician: await signIn(app, users.clinician),
    probationOfficer: await signIn(app, users.probationOfficer),
    manager: await signIn(app, users.manager),
    stranger: await signIn(app, users.stranger),
  }
  return { trust, probation, elsewhere, serviceId, elementId, personId, referralId, allocationId, users, sessions }
}
