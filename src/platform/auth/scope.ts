import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Principal } from './principal.ts'

/** Why a user is looking: sharing agreements grant purposes, and every audit row records one. */
export const purposes = ['direct_care', 'risk_management', 'safeguarding', 'service_planning'] as const
export type Purpose = (typeof purposes)[number]

/**
 * Everything a repository needs to decide, inside SQL, which people a request may see.
 * Built once per request from the principal; never from anything the request sends.
 */
export interface Scope {
  userId: string
  organisationId: string
  teamIds: readonly string[]
  purpose: Purpose
  /** May read health-only data categories (clinical notes, diagnoses, clinical formulation). */
  readsHealthOnly: boolean
  /** The moment the request is answered, for time-limited grants (break-glass, agreements). */
  now: string
  today: string
}

export function scopeFor(principal: Principal, purpose: Purpose = 'direct_care', now: Date = new Date()): Scope {
  const instant = now.toISOString()
  return {
    userId: principal.userId,
    organisationId: principal.organisationId,
    teamIds: principal.teamIds,
    purpose,
    readsHealthOnly: principal.readsHealthOnly,
    now: instant,
    today: instant.slice(0, 10),
  }
}

type PersonTables = Database & { person: Database['person'] }

/** True when one of `teamIds` (the caller's teams, or a chosen few of them) delivers the service whose id is in `serviceColumn`. */
export function deliveredByTeams(teamIds: readonly string[], serviceColumn: 'referral.service_id' | 'service.id' | 'service_element.service_id'): Expression<SqlBool> {
  if (teamIds.length === 0) return sql<boolean>`1 = 0`
  return sql<boolean>`exists (select 1 from team where team.service_id = ${sql.ref(serviceColumn)} and team.id in (${sql.join([...teamIds])}))`
}

/**
 * A case (`allocation` joined to `service_element`) its worker holds as keyworker or lead
 * clinician, or whose service one of `teamIds` delivers. A part with nothing to match is
 * left out rather than written as a false term, so SQLite can still use the worker indexes.
 */
export function caseHeldBy(holder: { userId?: string | undefined; teamIds: readonly string[] }): Expression<SqlBool> {
  const parts = [
    ...(holder.userId === undefined ? [] : [sql`allocation.keyworker_user_id = ${holder.userId}`, sql`allocation.lead_clinician_user_id = ${holder.userId}`]),
    ...(holder.teamIds.length === 0 ? [] : [deliveredByTeams(holder.teamIds, 'service_element.service_id')]),
  ]
  return parts.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(parts, sql` or `)})`
}

/**
 * The row-level rule of ARCHITECTURE.md "Access and audit", as one SQL condition on
 * `person`: a person is visible when one of the user's teams has an open involvement;
 * or a current sharing agreement gives the user's organisation this purpose for people
 * held by the agreement's owner; or the user has live break-glass access to them — and,
 * for a restricted record, the user also holds a named grant.
 */
export function personVisibleTo(scope: Scope) {
  return (eb: ExpressionBuilder<PersonTables, 'person'>): Expression<SqlBool> => {
    const throughTeam =
      scope.teamIds.length === 0
        ? sql<boolean>`1 = 0`
        : eb.exists(
            eb
              .selectFrom('involvement')
              .select(sql`1`.as('one'))
              .whereRef('involvement.person_id', '=', 'person.id')
              .where('involvement.status', '=', 'open')
              .where('involvement.team_id', 'in', scope.teamIds),
          )
    const throughAgreement = eb.exists(
      eb
        .selectFrom('sharing_agreement')
        .innerJoin('sharing_agreement_party', 'sharing_agreement_party.agreement_id', 'sharing_agreement.id')
        .innerJoin('sharing_agreement_purpose', 'sharing_agreement_purpose.agreement_id', 'sharing_agreement.id')
        .innerJoin('team', 'team.organisation_id', 'sharing_agreement.owner_organisation_id')
        .innerJoin('involvement', 'involvement.team_id', 'team.id')
        .select(sql`1`.as('one'))
        .where('sharing_agreement_party.organisation_id', '=', scope.organisationId)
        .where('sharing_agreement_purpose.purpose', '=', scope.purpose)
        .where('sharing_agreement.starts_on', '<=', scope.today)
        .where((inner) => inner.or([inner('sharing_agreement.ends_on', 'is', null), inner('sharing_agreement.ends_on', '>=', scope.today)]))
        .whereRef('involvement.person_id', '=', 'person.id')
        .where('involvement.status', '=', 'open'),
    )
    const throughBreakGlass = eb.exists(
      eb
        .selectFrom('break_glass')
        .select(sql`1`.as('one'))
        .whereRef('break_glass.person_id', '=', 'person.id')
        .where('break_glass.user_id', '=', scope.userId)
        .where('break_glass.expires_at', '>', scope.now),
    )
    const restrictionMet = eb.or([
      eb('person.is_restricted', '=', false),
      eb.exists(
        eb
          .selectFrom('restricted_grant')
          .select(sql`1`.as('one'))
          .whereRef('restricted_grant.person_id', '=', 'person.id')
          .where('restricted_grant.user_id', '=', scope.userId),
      ),
    ])
    return eb.and([eb.or([throughTeam, throughAgreement, throughBreakGlass]), restrictionMet])
  }
}

type ListedPersonTables = Database & { listed_person: Database['person'] }

/**
 * A listed person's name when the caller may see their record, else null, decided in SQL.
 * Lists that show records visible by a rule of their own (a referral to its sides, a place
 * to its service) join the person as `listed_person`; the name still follows the person's
 * own rule, so a restricted record's name needs a named grant.
 */
export function visiblePersonName(scope: Scope, column: 'given_name' | 'family_name') {
  return (eb: ExpressionBuilder<ListedPersonTables, 'listed_person'>) =>
    eb
      .case()
      .when(eb.exists(eb.selectFrom('person').select(sql`1`.as('one')).whereRef('person.id', '=', 'listed_person.id').where(personVisibleTo(scope))))
      .then(eb.ref(`listed_person.${column}`))
      .else(sql<string | null>`null`)
      .end()
}

/** Data categories readable only by clinical roles of health organisations. */
export const healthOnlyCategories = ['clinical_note', 'diagnosis', 'clinical_formulation', 'outcome_measure'] as const
export type DataCategory = (typeof healthOnlyCategories)[number] | 'identity' | 'risk' | 'case_note' | 'plan' | 'formulation' | 'contact' | 'referral'

export function mayReadCategory(scope: Scope, category: DataCategory): boolean {
  return !(healthOnlyCategories as readonly string[]).includes(category) || scope.readsHealthOnly
}

/** Every data category, health-only ones included. */
export const dataCategoryNames: readonly DataCategory[] = ['identity', 'risk', 'plan', 'formulation', 'contact', 'referral', 'case_note', ...healthOnlyCategories]

/**
 * The data categories of a person's record the caller may read, decided in SQL. A team with
 * an open involvement, or live break-glass access, reads every category; a caller who sees
 * the person only through sharing agreements reads what those agreements grant for the
 * purpose. Health-only categories need a clinical role in a health organisation either way.
 * The caller has already found the person in scope.
 */
export async function readableCategories(db: Kysely<Database>, scope: Scope, personId: string): Promise<ReadonlySet<DataCategory>> {
  const direct = await db
    .selectFrom('person')
    .select('person.id')
    .where('person.id', '=', personId)
    .where((eb) =>
      eb.or([
        scope.teamIds.length === 0
          ? sql<boolean>`1 = 0`
          : eb.exists(eb.selectFrom('involvement').select(sql`1`.as('one')).whereRef('involvement.person_id', '=', 'person.id').where('involvement.status', '=', 'open').where('involvement.team_id', 'in', scope.teamIds)),
        eb.exists(eb.selectFrom('break_glass').select(sql`1`.as('one')).whereRef('break_glass.person_id', '=', 'person.id').where('break_glass.user_id', '=', scope.userId).where('break_glass.expires_at', '>', scope.now)),
      ]),
    )
    .executeTakeFirst()
  const granted = direct
    ? dataCategoryNames
    : (
        await db
          .selectFrom('sharing_agreement')
          .innerJoin('sharing_agreement_party', 'sharing_agreement_party.agreement_id', 'sharing_agreement.id')
          .innerJoin('sharing_agreement_purpose', 'sharing_agreement_purpose.agreement_id', 'sharing_agreement.id')
          .innerJoin('sharing_agreement_category', 'sharing_agreement_category.agreement_id', 'sharing_agreement.id')
          .innerJoin('team', 'team.organisation_id', 'sharing_agreement.owner_organisation_id')
          .innerJoin('involvement', 'involvement.team_id', 'team.id')
          .select('sharing_agreement_category.data_category')
          .distinct()
          .where('sharing_agreement_party.organisation_id', '=', scope.organisationId)
          .where('sharing_agreement_purpose.purpose', '=', scope.purpose)
          .where('sharing_agreement.starts_on', '<=', scope.today)
          .where((inner) => inner.or([inner('sharing_agreement.ends_on', 'is', null), inner('sharing_agreement.ends_on', '>=', scope.today)]))
          .where('involvement.person_id', '=', personId)
          .where('involvement.status', '=', 'open')
          .execute()
      ).map((row) => row.data_category as DataCategory)
  return new Set(granted.filter((category) => mayReadCategory(scope, category)))
}
