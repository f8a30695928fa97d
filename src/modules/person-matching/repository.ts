import { sql } from 'kysely'
import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { AccessRequestStatus, IdentifierKind } from '../../platform/db/schema.ts'
import { candidateOf, foldPersonName, scoreMatch, type Candidate, type Evidence, type FoldedName, type MatchReason } from './rules.ts'

/** What someone is about to record: the details a new person record (or an imported row) would have. */
export interface MatchCandidate {
  givenName: string
  familyName: string
  /** YYYY-MM-DD. */
  dateOfBirth: string
  /** Normalised identifiers (people/identifiers.ts). */
  identifiers: readonly { kind: IdentifierKind; value: string }[]
}

export interface InScopeMatch {
  personId: string
  givenName: string
  familyName: string
  dateOfBirth: string
  /** Higher is a stronger match (0–100); an equal identifier ranks above any name and date of birth. */
  score: number
  reasons: readonly MatchReason[]
  /** Why, in words: content keys (personMatching.explanations.*) to show beside the match. */
  explanations: readonly string[]
}

/**
 * Matches the caller may see, strongest first, and whether any match lies outside their
 * scope. Nothing else about an out-of-scope match leaves this module.
 */
export interface PossibleMatches {
  inScope: InScopeMatch[]
  elsewhere: boolean
}

/** Inside the module only: the people behind `elsewhere`, to whose teams an access request goes. */
export interface MatchesWithHidden {
  inScope: InScopeMatch[]
  elsewhereIds: string[]
}

/** Candidates per round of queries: a few thousand bound parameters, well inside both dialects' limits. */
export const candidatesPerQuery = 500
/** Person ids per `in (…)` list. */
const idsPerQuery = 1000

interface RecordedPerson {
  id: string
  givenName: string
  familyName: string
  dateOfBirth: string
  names: (FoldedName & { alias: boolean })[]
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

/** People by id from rows of a person left-joined to its aliases (one row per alias, or one with null alias names). */
function collectPeople(rows: readonly { id: string; given_name: string; family_name: string; date_of_birth: string; alias_given: string | null; alias_family: string | null }[]) {
  const people = new Map<string, RecordedPerson>()
  for (const row of rows) {
    let person = people.get(row.id)
    if (!person) {
      person = { id: row.id, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth, names: [{ ...foldPersonName({ givenName: row.given_name, familyName: row.family_name }), alias: false }] }
      people.set(row.id, person)
    }
    if (row.alias_given !== null && row.alias_family !== null) person.names.push({ ...foldPersonName({ givenName: row.alias_given, familyName: row.alias_family }), alias: true })
  }
  return people
}

/** The person with their aliases that have not been removed; merged records are never candidates. */
function peopleWithAliases(tx: Tx) {
  return tx
    .selectFrom('person')
    .leftJoin('person_alias', (join) => join.onRef('person_alias.person_id', '=', 'person.id').on('person_alias.removed_at', 'is', null))
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth', 'person_alias.given_name as alias_given', 'person_alias.family_name as alias_family'])
    .where('person.merged_into_id', 'is', null)
}

const identifierKey = (kind: string, value: string) => `${kind}\u0000${value}`

/** Who holds any of these identifiers, current or ended: the (kind, value) index, one lookup per value. */
export function identifierHoldersQuery(tx: Tx, values: ReadonlyMap<IdentifierKind, ReadonlySet<string>>) {
  return tx
    .selectFrom('person_identifier')
    .select(['person_identifier.person_id', 'person_identifier.kind', 'person_identifier.value'])
    .where((eb) => eb.or([...values].map(([kind, kindValues]) => eb.and([eb('person_identifier.kind', '=', kind), eb('person_identifier.value', 'in', [...kindValues])]))))
}

/** Everyone born on one of these dates, with their aliases: the date_of_birth index, never a scan of person. */
export function peopleOnDatesQuery(tx: Tx, dates: readonly string[]) {
  return peopleWithAliases(tx).where('person.date_of_birth', 'in', dates)
}

/**
 * One round for up to `candidatesPerQuery` candidates, in four indexed queries however
 * many candidates: identifiers (person_identifier kind+value index), dates of birth and
 * their typos (person.date_of_birth index), and the visibility of what matched.
 */
async function matchRound(tx: Tx, scope: Scope, candidates: readonly MatchCandidate[]): Promise<MatchesWithHidden[]> {
  const identifierValues = new Map<IdentifierKind, Set<string>>()
  for (const candidate of candidates) {
    for (const { kind, value } of candidate.identifiers) identifierValues.set(kind, (identifierValues.get(kind) ?? new Set()).add(value))
  }
  const identifierRows = identifierValues.size === 0 ? [] : await identifierHoldersQuery(tx, identifierValues).execute()
  const holders = new Map<string, string[]>()
  for (const row of identifierRows) holders.set(identifierKey(row.kind, row.value), [...(holders.get(identifierKey(row.kind, row.value)) ?? []), row.person_id])

  const compared = candidates.map((candidate) => candidateOf(candidate, candidate.dateOfBirth))
  const dates = [...new Set(compared.flatMap((candidate) => [candidate.dateOfBirth, ...candidate.mistypedDates]))]
  const byDate = collectPeople(await peopleOnDatesQuery(tx, dates).execute())
  const peopleOnDate = new Map<string, RecordedPerson[]>()
  for (const person of byDate.values()) {
    const onDate = peopleOnDate.get(person.dateOfBirth)
    if (onDate) onDate.push(person)
    else peopleOnDate.set(person.dateOfBirth, [person])
  }

  // People found only by an identifier: their names too, to score them (and merged ones drop out here).
  const people = new Map(byDate)
  const missing = [...new Set(identifierRows.map((row) => row.person_id))].filter((id) => !people.has(id))
  for (const ids of chunks(missing, idsPerQuery)) {
    for (const [id, person] of collectPeople(await peopleWithAliases(tx).where('person.id', 'in', ids).execute())) people.set(id, person)
  }

  const scored = candidates.map((candidate, index) => {
    const shared = new Map<string, IdentifierKind[]>()
    for (const { kind, value } of candidate.identifiers) {
      for (const personId of holders.get(identifierKey(kind, value)) ?? []) shared.set(personId, [...(shared.get(personId) ?? []), kind])
    }
    const comparedCandidate = compared[index] as Candidate
    const onDates = [candidate.dateOfBirth, ...comparedCandidate.mistypedDates].flatMap((date) => peopleOnDate.get(date) ?? [])
    const ids = new Set([...shared.keys(), ...onDates.map((person) => person.id)])
    return [...ids].flatMap((id) => {
      const person = people.get(id)
      if (!person) return []
      const evidence: Evidence = { dateOfBirth: person.dateOfBirth, names: person.names, sharedIdentifiers: shared.get(id) ?? [] }
      const score = scoreMatch(comparedCandidate, evidence)
      return score === null ? [] : [{ person, ...score }]
    })
  })

  const matchedIds = [...new Set(scored.flatMap((matches) => matches.map((match) => match.person.id)))]
  const visible = new Set<string>()
  for (const ids of chunks(matchedIds, idsPerQuery)) {
    for (const row of await tx.selectFrom('person').select('person.id').where('person.id', 'in', ids).where(personVisibleTo(scope)).execute()) visible.add(row.id)
  }

  return scored.map((matches) => ({
    inScope: matches
      .filter((match) => visible.has(match.person.id))
      .map((match) => ({
        personId: match.person.id,
        givenName: match.person.givenName,
        familyName: match.person.familyName,
        dateOfBirth: match.person.dateOfBirth,
        score: match.score,
        reasons: match.reasons,
        explanations: match.explanations,
      }))
      .sort((a, b) => b.score - a.score || a.familyName.localeCompare(b.familyName) || a.personId.localeCompare(b.personId)),
    elsewhereIds: matches.filter((match) => !visible.has(match.person.id)).map((match) => match.person.id),
  }))
}

/** Matches for many candidates, in order, a round of queries per `candidatesPerQuery` (no query per candidate). */
export async function matchWithHidden(tx: Tx, scope: Scope, candidates: readonly MatchCandidate[]): Promise<MatchesWithHidden[]> {
  const results: MatchesWithHidden[] = []
  for (const round of chunks(candidates, candidatesPerQuery)) results.push(...(await matchRound(tx, scope, round)))
  return results
}

const withoutHidden = (matches: MatchesWithHidden): PossibleMatches => ({ inScope: matches.inScope, elsewhere: matches.elsewhereIds.length > 0 })

/** Possible existing records of the person a user is about to record. */
export async function findPossibleMatches(tx: Tx, scope: Scope, candidate: MatchCandidate): Promise<PossibleMatches> {
  const [matches] = await matchWithHidden(tx, scope, [candidate])
  return withoutHidden(matches ?? { inScope: [], elsewhereIds: [] })
}

/** The batch form for an import: one result per candidate, in the same order. */
export async function findPossibleMatchesForMany(tx: Tx, scope: Scope, candidates: readonly MatchCandidate[]): Promise<PossibleMatches[]> {
  return (await matchWithHidden(tx, scope, candidates)).map(withoutHidden)
}

// Access requests ---------------------------------------------------------------------------

export interface FiledRequest {
  id: string
  personId: string
  teamId: string
}

/**
 * Files one pending request per (person, team) for each team with an open involvement
 * with one of `personIds` — never to the requester's own teams, and not again where the
 * requester already has one pending with that team about that person (a second click).
 */
export async function fileAccessRequests(tx: Tx, scope: Scope, personIds: readonly string[], reason: string): Promise<FiledRequest[]> {
  if (personIds.length === 0) return []
  let holders = tx
    .selectFrom('involvement')
    .select(['involvement.person_id', 'involvement.team_id'])
    .distinct()
    .where('involvement.person_id', 'in', personIds)
    .where('involvement.status', '=', 'open')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('access_request')
            .select('access_request.id')
            .whereRef('access_request.person_id', '=', 'involvement.person_id')
            .whereRef('access_request.owning_team_id', '=', 'involvement.team_id')
            .where('access_request.requested_by', '=', scope.userId)
            .where('access_request.status', '=', 'pending'),
        ),
      ),
    )
  if (scope.teamIds.length > 0) holders = holders.where('involvement.team_id', 'not in', scope.teamIds)
  const filed = (await holders.orderBy('involvement.person_id').orderBy('involvement.team_id').execute()).map((row) => ({ id: newId(), personId: row.person_id, teamId: row.team_id }))
  for (const batch of chunks(filed, candidatesPerQuery)) {
    await tx
      .insertInto('access_request')
      .values(batch.map((request) => ({ id: request.id, requested_by: scope.userId, requesting_organisation_id: scope.organisationId, owning_team_id: request.teamId, person_id: request.personId, reason, status: 'pending' as const })))
      .execute()
  }
  return filed
}

export interface ReceivedRequest {
  id: string
  status: AccessRequestStatus
  reason: string
  created_at: string
  requester_name: string
  requester_email: string
  requesting_organisation: string
  team_name: string
  person_id: string
  given_name: string
  family_name: string
  date_of_birth: string
  decided_at: string | null
  decider_name: string | null
  decision_note: string | null
}

/**
 * Requests received by the caller's teams about people the caller can see: the owning
 * team's own scope decides, inside the query, whose requests are shown.
 */
function receivedRequests(tx: Tx, scope: Scope) {
  return tx
    .selectFrom('access_request')
    .innerJoin('person', 'person.id', 'access_request.person_id')
    .innerJoin('staff_user as requester', 'requester.id', 'access_request.requested_by')
    .innerJoin('organisation', 'organisation.id', 'access_request.requesting_organisation_id')
    .innerJoin('team', 'team.id', 'access_request.owning_team_id')
    .leftJoin('staff_user as decider', 'decider.id', 'access_request.decided_by')
    .where((eb) => (scope.teamIds.length === 0 ? sql<boolean>`1 = 0` : eb('access_request.owning_team_id', 'in', scope.teamIds)))
    .where(personVisibleTo(scope))
}

const receivedColumns = [
  'access_request.id',
  'access_request.status',
  'access_request.reason',
  'access_request.created_at',
  'requester.display_name as requester_name',
  'requester.email as requester_email',
  'organisation.name as requesting_organisation',
  'team.name as team_name',
  'person.id as person_id',
  'person.given_name',
  'person.family_name',
  'person.date_of_birth',
  'access_request.decided_at',
  'decider.display_name as decider_name',
  'access_request.decision_note',
] as const

export const requestsPerPage = 25

/** One page of received requests: those waiting for a decision first, then the rest, newest first within each. */
export async function listReceivedRequests(tx: Tx, scope: Scope, page: number): Promise<{ requests: ReceivedRequest[]; total: number }> {
  const [requests, count] = await Promise.all([
    receivedRequests(tx, scope)
      .select(receivedColumns)
      .orderBy((eb) => eb.case().when('access_request.status', '=', 'pending').then(0).else(1).end())
      .orderBy('access_request.created_at', 'desc')
      .orderBy('access_request.id')
      .limit(requestsPerPage)
      .offset((page - 1) * requestsPerPage)
      .execute(),
    receivedRequests(tx, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { requests: requests as ReceivedRequest[], total: Number(count.n) }
}

export async function findReceivedRequest(tx: Tx, scope: Scope, id: string): Promise<ReceivedRequest | undefined> {
  return (await receivedRequests(tx, scope).select(receivedColumns).where('access_request.id', '=', id).executeTakeFirst()) as ReceivedRequest | undefined
}

/** Records the decision on a pending request of one of the caller's teams; false when it was decided already (or is not theirs). */
export async function decideRequest(tx: Tx, scope: Scope, id: string, decision: { status: 'granted' | 'declined'; note: string | null; at: string }): Promise<boolean> {
  if (scope.teamIds.length === 0) return false
  const result = await tx
    .updateTable('access_request')
    .set({ status: decision.status, decision_note: decision.note, decided_by: scope.userId, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('owning_team_id', 'in', scope.teamIds)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
