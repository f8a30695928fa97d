import type { FastifyInstance } from 'fastify'
import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { jsonValue } from '../../src/platform/db/values.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from './fixtures.ts'
import { createUser, signIn, type BrowserSession } from './sessions.ts'

/** A signed-in member of staff: their id and their browser. */
export interface Member {
  id: string
  session: BrowserSession
}

/**
 * Three organisations around one referral: a probation delivery unit that refers, an NHS
 * trust whose team delivers the service referred to, and a charity that has nothing to do
 * with either. Names are made up.
 */
export interface ReferralWorld {
  probation: OrganisationWithTeam
  trust: OrganisationWithTeam
  charity: OrganisationWithTeam
  serviceId: string
  serviceName: string
  elementId: string
  /** A man known to the probation team. */
  personId: string
  /** The probation officer who refers, and a colleague in the same team. */
  referrer: Member
  colleague: Member
  /** The service manager and a clinician of the trust's service team. */
  reviewer: Member
  clinician: Member
  /** A user of the charity with every referral role: on neither side of any referral here. */
  stranger: Member
}

async function member(app: FastifyInstance, db: Db, organisation: OrganisationWithTeam, roles: string[]): Promise<Member> {
  const user = await createUser(db, { organisationId: organisation.organisationId, roles, teamIds: [organisation.teamId], isDemo: true })
  return { id: user.id, session: await signIn(app, user) }
}

export async function referralWorld(app: FastifyInstance, db: Db): Promise<ReferralWorld> {
  const probation = await organisationWithTeam(db, 'Puddleby Probation Delivery Unit', 'probation_delivery_unit')
  const trust = await organisationWithTeam(db, 'Teacup Valley NHS Trust', 'nhs_trust')
  const charity = await organisationWithTeam(db, 'Quillfeather Housing', 'charity')
  const serviceId = newId()
  const elementId = newId()
  const serviceName = `Teacup PIPE ${serviceId.slice(-4)}`
  await db.insertInto('service').values({ id: serviceId, organisation_id: trust.organisationId, slug: `teacup-pipe-${serviceId.slice(-8)}`, name: serviceName, summary: 'A made-up service.', is_public: true }).execute()
  await db.insertInto('service_element').values({ id: elementId, service_id: serviceId, name: 'Treatment service', capacity: 10, position: 1 }).execute()
  await db
    .insertInto('service_eligibility_rule')
    .values([
      { id: newId(), service_id: serviceId, kind: 'sex', parameters: jsonValue({ sexes: ['male'] }), position: 1 },
      { id: newId(), service_id: serviceId, kind: 'risk_level', parameters: jsonValue({ riskLevels: ['high', 'very_high'] }), position: 2 },
    ])
    .execute()
  await db.updateTable('team').set({ service_id: serviceId }).where('id', '=', trust.teamId).execute()
  const personId = await createPerson(db, { teamId: probation.teamId, givenName: 'Barnaby', familyName: 'Fennelwick' })
  await db.updateTable('person').set({ sex: 'male' }).where('id', '=', personId).execute()
  return {
    probation,
    trust,
    charity,
    serviceId,
    serviceName,
    elementId,
    personId,
    referrer: await member(app, db, probation, ['probation_officer']),
    colleague: await member(app, db, probation, ['probation_officer']),
    reviewer: await member(app, db, trust, ['service_manager']),
    clinician: await member(app, db, trust, ['clinician']),
    stranger: await member(app, db, charity, ['service_manager', 'probation_officer', 'clinician']),
  }
}

/** Every answer a referral needs to be submitted, as the form posts them. */
export function completeAnswers(world: Pick<ReferralWorld, 'serviceId'>): Record<string, string> {
  return {
    service: world.serviceId,
    referrer_role: 'offender_manager',
    urgency: 'urgent',
    reasons: 'Struggles to settle on the wing; wants help with relationships.',
    risk_summary: 'High risk of violence towards known adults when unsettled.',
    needs_summary: 'Trauma history; some difficulty with reading.',
    risk_of_serious_harm: 'high',
    'sentence_end_on-day': '1',
    'sentence_end_on-month': '6',
    'sentence_end_on-year': '2029',
    legal_basis: 'public_task',
  }
}
