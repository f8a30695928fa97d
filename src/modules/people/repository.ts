import type { Insertable } from 'kysely'
import type { BreakGlassTable } from '../../platform/db/schema.ts'
import type { Tx } from '../../platform/db/database.ts'
import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'

export interface PersonSummary {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  is_restricted: boolean
}

/** The person, if the scope lets the caller see them; the visibility rule runs inside the query. */
export function findPerson(tx: Tx, scope: Scope, personId: string): Promise<PersonSummary | undefined> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth', 'person.is_restricted'])
    .where('person.id', '=', personId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

export interface BreakGlassInForce {
  expires_at: string
}

/** The caller's live break-glass access to this person, for the banner. */
export function breakGlassInForce(tx: Tx, scope: Scope, personId: string): Promise<BreakGlassInForce | undefined> {
  return tx
    .selectFrom('break_glass')
    .select('expires_at')
    .where('user_id', '=', scope.userId)
    .where('person_id', '=', personId)
    .where('expires_at', '>', scope.now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst()
}

export interface OpenInvolvement {
  team_name: string
  organisation_name: string
  started_on: string
}

export function openInvolvements(tx: Tx, personId: string): Promise<OpenInvolvement[]> {
  return tx
    .selectFrom('involvement')
    .innerJoin('team', 'team.id', 'involvement.team_id')
    .innerJoin('organisation', 'organisation.id', 'team.organisation_id')
    .select(['team.name as team_name', 'organisation.name as organisation_name', 'involvement.started_on'])
    .where('involvement.person_id', '=', personId)
    .where('involvement.status', '=', 'open')
    .orderBy('involvement.started_on')
    .execute()
}

/** Existence only, without scope: used by break-glass, which is itself the audited exception to scope. */
export async function personExists(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined
}

export type NewBreakGlass = Omit<Insertable<BreakGlassTable>, 'reviewed_by' | 'reviewed_at' | 'review_outcome' | 'review_note'>

export async function grantBreakGlass(tx: Tx, grant: NewBreakGlass): Promise<void> {
  await tx.insertInto('break_glass').values(grant).execute()
}

export interface PersonListing {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
}

export const peoplePageSize = 25

/** One page of the people the scope lets the caller see, by family name; one extra row says whether a next page exists. */
export function listVisiblePeople(tx: Tx, scope: Scope, page: number): Promise<PersonListing[]> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where(personVisibleTo(scope))
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('person.id')
    .limit(peoplePageSize + 1)
    .offset((page - 1) * peoplePageSize)
    .execute()
}
