import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import type { IdentifierKind, OrganisationType } from '../../src/platform/db/schema.ts'

export interface OrganisationWithTeam {
  organisationId: string
  teamId: string
}

/** An organisation with one team named after it. */
export async function organisationWithTeam(db: Db, name: string, type: OrganisationType): Promise<OrganisationWithTeam> {
  const organisationId = newId()
  const teamId = newId()
  await db.insertInto('organisation').values({ id: organisationId, name, type }).execute()
  await db.insertInto('team').values({ id: teamId, organisation_id: organisationId, name: `${name} team` }).execute()
  return { organisationId, teamId }
}

export interface PersonOptions {
  /** The team with an involvement; none when omitted. */
  teamId?: string
  status?: 'open' | 'closed'
  restricted?: boolean
  givenName?: string
  familyName?: string
  /** YYYY-MM-DD; 1 April 1990 when omitted. */
  dateOfBirth?: string
  /** Current identifiers, normalised. */
  identifiers?: { kind: IdentifierKind; value: string }[]
}

/** A made-up person, optionally with an involvement with one team. */
export async function createPerson(db: Db, options: PersonOptions = {}): Promise<string> {
  const id = newId()
  await db
    .insertInto('person')
    .values({ id, given_name: options.givenName ?? 'Juniper', family_name: options.familyName ?? 'Teacup', date_of_birth: options.dateOfBirth ?? '1990-04-01', is_restricted: options.restricted ?? false, updated_at: new Date().toISOString() })
    .execute()
  if (options.identifiers?.length) {
    await db.insertInto('person_identifier').values(options.identifiers.map((identifier) => ({ id: newId(), person_id: id, kind: identifier.kind, value: identifier.value }))).execute()
  }
  if (options.teamId) {
    await db.insertInto('involvement').values({ id: newId(), person_id: id, team_id: options.teamId, status: options.status ?? 'open', started_on: '2026-01-05' }).execute()
  }
  return id
}
