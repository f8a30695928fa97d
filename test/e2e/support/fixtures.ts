import { demoAccounts } from '../../../src/modules/demo/index.ts'
import { reauthenticationWindowMinutes } from '../../../src/platform/auth/reauthentication.ts'
import type { Db } from '../../../src/platform/db/database.ts'
import { newId } from '../../../src/platform/db/ids.ts'
import { createUser } from '../../support/sessions.ts'
import { demoPassword } from './browser.ts'

/** A member of staff as the pages show them, with the password to sign in. */
export interface StaffMember {
  id: string
  email: string
  password: string
  displayName: string
  organisation: { id: string; name: string }
}

export interface Person {
  id: string
  givenName: string
  familyName: string
}

async function staffMember(db: Db, email: string, password: string): Promise<StaffMember> {
  const row = await db
    .selectFrom('staff_user')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select(['staff_user.id', 'staff_user.email', 'staff_user.display_name', 'organisation.id as organisation_id', 'organisation.name as organisation_name'])
    .where('staff_user.email', '=', email)
    .executeTakeFirstOrThrow()
  return { id: row.id, email: row.email, password, displayName: row.display_name, organisation: { id: row.organisation_id, name: row.organisation_name } }
}

/** The seeded demo account of `role` (src/modules/demo/accounts.ts), as stored, with the demo password. */
export async function demoAccount(db: Db, role: string): Promise<StaffMember> {
  const account = demoAccounts.find((candidate) => candidate.role === role)
  if (!account) throw new Error(`no demo account has the role "${role}"`)
  return staffMember(db, account.email, demoPassword)
}

/** A new, non-demo, active user with `roles` in `organisationId`: no authenticator yet. */
export async function createStaffMember(db: Db, organisationId: string, roles: string[]): Promise<StaffMember> {
  const user = await createUser(db, { organisationId, roles })
  return staffMember(db, user.email, user.password)
}

/**
 * An unrestricted person whose every involvement is with a team of another organisation
 * than `member`'s, and none with an organisation that shares its records with it: someone
 * that member's scope does not reach.
 */
export async function personOutsideScopeOf(db: Db, member: StaffMember): Promise<Person> {
  const organisationsSharingWithMember = db
    .selectFrom('sharing_agreement')
    .innerJoin('sharing_agreement_party', 'sharing_agreement_party.agreement_id', 'sharing_agreement.id')
    .select('sharing_agreement.owner_organisation_id')
    .where('sharing_agreement_party.organisation_id', '=', member.organisation.id)
  const person = await db
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name'])
    .where('person.is_restricted', '=', false)
    .where((eb) => eb.exists(eb.selectFrom('involvement').select('involvement.id').whereRef('involvement.person_id', '=', 'person.id')))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('involvement')
            .innerJoin('team', 'team.id', 'involvement.team_id')
            .select('involvement.id')
            .whereRef('involvement.person_id', '=', 'person.id')
            .where((inner) => inner.or([inner('team.organisation_id', '=', member.organisation.id), inner('team.organisation_id', 'in', organisationsSharingWithMember)])),
        ),
      ),
    )
    .orderBy('person.id')
    .executeTakeFirstOrThrow()
  return { id: person.id, givenName: person.given_name, familyName: person.family_name }
}

/** Any person with an open involvement with a team of `organisationId`. */
export async function personKnownTo(db: Db, organisationId: string): Promise<Person> {
  const person = await db
    .selectFrom('person')
    .innerJoin('involvement', 'involvement.person_id', 'person.id')
    .innerJoin('team', 'team.id', 'involvement.team_id')
    .select(['person.id', 'person.given_name', 'person.family_name'])
    .where('team.organisation_id', '=', organisationId)
    .where('involvement.status', '=', 'open')
    .orderBy('person.id')
    .executeTakeFirstOrThrow()
  return { id: person.id, givenName: person.given_name, familyName: person.family_name }
}

/**
 * Makes `member`'s sessions look as if the password was last typed longer ago than a
 * sensitive action allows, so the next one asks for it again (as after a long sign-in).
 */
export async function makePasswordConfirmationStale(db: Db, member: StaffMember): Promise<void> {
  const longAgo = new Date(Date.now() - (reauthenticationWindowMinutes + 1) * 60_000).toISOString()
  await db.updateTable('session').set({ reauthenticated_at: longAgo }).where('user_id', '=', member.id).execute()
}

/** A break-glass use by `member` waiting for review, as if they had just used it. */
export async function recordBreakGlassUse(db: Db, member: StaffMember, person: Person, reason: string): Promise<void> {
  const now = Date.now()
  await db
    .insertInto('break_glass')
    .values({
      id: newId(),
      user_id: member.id,
      person_id: person.id,
      category: 'continuity_of_care',
      reason,
      started_at: new Date(now).toISOString(),
      expires_at: new Date(now + 30 * 60_000).toISOString(),
    })
    .execute()
}
