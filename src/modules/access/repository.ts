import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { BreakGlassReviewOutcome } from './rules.ts'

/*
 * Every query takes the IG lead's organisation and applies it inside the SQL: an IG lead
 * reads and changes only their own organisation's agreements, their own staff's uses of
 * break-glass, and the records of people their organisation works with.
 */

// Sharing agreements

export interface AgreementSummary {
  id: string
  name: string
  starts_on: string
  ends_on: string | null
  parties: string[]
  purposes: string[]
  categories: string[]
}

/** Rows of a child table, grouped by agreement. */
function byAgreement<Row extends { agreement_id: string }>(rows: Row[], value: (row: Row) => string): Map<string, string[]> {
  const grouped = new Map<string, string[]>()
  for (const row of rows) grouped.set(row.agreement_id, [...(grouped.get(row.agreement_id) ?? []), value(row)])
  return grouped
}

/** The organisation's agreements (or the one asked for), with their parties, purposes and categories: four queries, however many agreements. */
async function ownedAgreements(db: Db, organisationId: string, agreementId?: string): Promise<AgreementSummary[]> {
  const owned = () => {
    const query = db.selectFrom('sharing_agreement').select('sharing_agreement.id').where('sharing_agreement.owner_organisation_id', '=', organisationId)
    return agreementId === undefined ? query : query.where('sharing_agreement.id', '=', agreementId)
  }
  const [agreements, parties, purposes, categories] = await Promise.all([
    db
      .selectFrom('sharing_agreement')
      .select(['id', 'name', 'starts_on', 'ends_on'])
      .where('id', 'in', owned())
      .orderBy('starts_on', 'desc')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('sharing_agreement_party')
      .innerJoin('organisation', 'organisation.id', 'sharing_agreement_party.organisation_id')
      .select(['sharing_agreement_party.agreement_id', 'organisation.name'])
      .where('sharing_agreement_party.agreement_id', 'in', owned())
      .orderBy('organisation.name')
      .execute(),
    db.selectFrom('sharing_agreement_purpose').select(['agreement_id', 'purpose']).where('agreement_id', 'in', owned()).orderBy('purpose').execute(),
    db.selectFrom('sharing_agreement_category').select(['agreement_id', 'data_category']).where('agreement_id', 'in', owned()).orderBy('data_category').execute(),
  ])
  const partiesOf = byAgreement(parties, (row) => row.name)
  const purposesOf = byAgreement(purposes, (row) => row.purpose)
  const categoriesOf = byAgreement(categories, (row) => row.data_category)
  return agreements.map((agreement) => ({
    ...agreement,
    parties: partiesOf.get(agreement.id) ?? [],
    purposes: purposesOf.get(agreement.id) ?? [],
    categories: categoriesOf.get(agreement.id) ?? [],
  }))
}

export function listAgreements(db: Db, organisationId: string): Promise<AgreementSummary[]> {
  return ownedAgreements(db, organisationId)
}

export async function findAgreement(db: Db, organisationId: string, agreementId: string): Promise<AgreementSummary | undefined> {
  return (await ownedAgreements(db, organisationId, agreementId))[0]
}

/** The organisations an agreement can open records to: every other one in the partnership. */
export function partnerOrganisations(db: Db, organisationId: string): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organisation').select(['id', 'name']).where('id', '!=', organisationId).orderBy('name').execute()
}

export interface NewAgreement {
  name: string
  parties: readonly string[]
  purposes: readonly string[]
  categories: readonly string[]
  startsOn: string
  endsOn: string | null
}

/** The parties have been checked against partnerOrganisations by the caller. */
export async function createAgreement(db: Db, organisationId: string, agreement: NewAgreement): Promise<string> {
  const id = newId()
  await db.insertInto('sharing_agreement').values({ id, name: agreement.name, owner_organisation_id: organisationId, starts_on: agreement.startsOn, ends_on: agreement.endsOn }).execute()
  await db.insertInto('sharing_agreement_party').values(agreement.parties.map((party) => ({ agreement_id: id, organisation_id: party }))).execute()
  await db.insertInto('sharing_agreement_purpose').values(agreement.purposes.map((purpose) => ({ agreement_id: id, purpose }))).execute()
  await db.insertInto('sharing_agreement_category').values(agreement.categories.map((category) => ({ agreement_id: id, data_category: category }))).execute()
  return id
}

/**
 * Brings the agreement's last day forward to `lastDay`. Returns false, changing nothing,
 * when it already ends by then: a second click must not move the end date again.
 */
export async function endAgreement(db: Db, organisationId: string, agreementId: string, lastDay: string): Promise<boolean> {
  const result = await db
    .updateTable('sharing_agreement')
    .set({ ends_on: lastDay })
    .where('id', '=', agreementId)
    .where('owner_organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', lastDay)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// Break-glass reviews

export interface BreakGlassUse {
  id: string
  user_id: string
  user_name: string
  user_email: string
  person_id: string
  category: string
  reason: string
  started_at: string
  expires_at: string
  reviewed_at: string | null
  review_outcome: BreakGlassReviewOutcome | null
  review_note: string | null
  reviewer_name: string | null
}

const useColumns = [
  'break_glass.id',
  'break_glass.user_id',
  'user.display_name as user_name',
  'user.email as user_email',
  'break_glass.person_id',
  'break_glass.category',
  'break_glass.reason',
  'break_glass.started_at',
  'break_glass.expires_at',
  'break_glass.reviewed_at',
  'break_glass.review_outcome',
  'break_glass.review_note',
  'reviewer.display_name as reviewer_name',
] as const

/** Uses of break-glass by the organisation's own staff. */
function uses(db: Db, organisationId: string) {
  return db
    .selectFrom('break_glass')
    .innerJoin('staff_user as user', 'user.id', 'break_glass.user_id')
    .leftJoin('staff_user as reviewer', 'reviewer.id', 'break_glass.reviewed_by')
    .where('user.organisation_id', '=', organisationId)
}

export interface UsePage {
  uses: BreakGlassUse[]
  total: number
}

/** Waiting for review (oldest first, as a queue), or reviewed (most recently reviewed first). */
export async function listBreakGlassUses(db: Db, organisationId: string, options: { reviewed: boolean; limit: number; offset: number }): Promise<UsePage> {
  const chosen = uses(db, organisationId).where('break_glass.reviewed_at', options.reviewed ? 'is not' : 'is', null)
  const ordered = options.reviewed ? chosen.orderBy('break_glass.reviewed_at', 'desc') : chosen.orderBy('break_glass.started_at')
  const [rows, count] = await Promise.all([
    ordered.select(useColumns).orderBy('break_glass.id').limit(options.limit).offset(options.offset).execute(),
    chosen.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { uses: rows, total: Number(count.n) }
}

export function findBreakGlassUse(db: Db, organisationId: string, id: string): Promise<BreakGlassUse | undefined> {
  return uses(db, organisationId).select(useColumns).where('break_glass.id', '=', id).executeTakeFirst()
}

export interface BreakGlassReview {
  reviewerId: string
  outcome: BreakGlassReviewOutcome
  note: string | null
  at: string
}

/**
 * Records the review, or returns false when another reviewer got there first: the
 * conditional update lets only one of two racing reviews win. Never the reviewer's own use.
 */
export async function recordBreakGlassReview(db: Db, organisationId: string, id: string, review: BreakGlassReview): Promise<boolean> {
  const result = await db
    .updateTable('break_glass')
    .set({ reviewed_by: review.reviewerId, reviewed_at: review.at, review_outcome: review.outcome, review_note: review.note })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .where('user_id', '!=', review.reviewerId)
    .where('user_id', 'in', db.selectFrom('staff_user').select('id').where('organisation_id', '=', organisationId))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// Restricted records

export interface HeldPerson {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  is_restricted: boolean
}

/** A person one of the organisation's teams works or has worked with: their record is the organisation's to restrict. */
function heldPeople(db: Db, organisationId: string) {
  return db.selectFrom('person').where((eb) =>
    eb.exists(
      eb
        .selectFrom('involvement')
        .innerJoin('team', 'team.id', 'involvement.team_id')
        .select(sql`1`.as('one'))
        .whereRef('involvement.person_id', '=', 'person.id')
        .where('team.organisation_id', '=', organisationId),
    ),
  )
}

export function findHeldPerson(db: Db, organisationId: string, personId: string): Promise<HeldPerson | undefined> {
  return heldPeople(db, organisationId)
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth', 'person.is_restricted'])
    .where('person.id', '=', personId)
    .executeTakeFirst()
}

export async function setRestricted(db: Db, organisationId: string, personId: string, restricted: boolean, now: string): Promise<void> {
  await db
    .updateTable('person')
    .set({ is_restricted: restricted, updated_at: now })
    .where('id', '=', personId)
    .where('id', 'in', heldPeople(db, organisationId).select('person.id'))
    .execute()
}

export interface NamedGrant {
  user_id: string
  display_name: string
  email: string
  granted_at: string
  granted_by_name: string
}

/** The organisation's own staff named on the record; other organisations name theirs. */
export function namedGrants(db: Db, organisationId: string, personId: string): Promise<NamedGrant[]> {
  return db
    .selectFrom('restricted_grant')
    .innerJoin('staff_user as grantee', 'grantee.id', 'restricted_grant.user_id')
    .innerJoin('staff_user as granter', 'granter.id', 'restricted_grant.granted_by')
    .select(['grantee.id as user_id', 'grantee.display_name', 'grantee.email', 'restricted_grant.granted_at', 'granter.display_name as granted_by_name'])
    .where('restricted_grant.person_id', '=', personId)
    .where('grantee.organisation_id', '=', organisationId)
    .orderBy('grantee.display_name')
    .execute()
}

/** A member of the organisation's staff who can still sign in (or soon will), by e-mail address. */
export function findColleague(db: Db, organisationId: string, email: string): Promise<{ id: string; display_name: string } | undefined> {
  return db
    .selectFrom('staff_user')
    .select(['id', 'display_name'])
    .where('email', '=', email)
    .where('organisation_id', '=', organisationId)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst()
}

/**
 * Names the colleague on the record; false when they already were. The person and the
 * colleague have been found in the organisation's scope by the caller, in the same transaction.
 */
export async function addNamedGrant(db: Db, grant: { personId: string; userId: string; grantedBy: string }): Promise<boolean> {
  const result = await db
    .insertInto('restricted_grant')
    .values({ person_id: grant.personId, user_id: grant.userId, granted_by: grant.grantedBy })
    .onConflict((conflict) => conflict.columns(['person_id', 'user_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

/** Removes the grant of one of the organisation's own staff; false when there was none. */
export async function removeNamedGrant(db: Db, organisationId: string, personId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('restricted_grant')
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .where('user_id', 'in', db.selectFrom('staff_user').select('id').where('organisation_id', '=', organisationId))
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
