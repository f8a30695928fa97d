import type { Scope } from '../../platform/auth/scope.ts'
import type { Dialect, Tx } from '../../platform/db/database.ts'
import type { IdentifierKind } from '../../platform/db/schema.ts'
import { everyoneInSmallScope, findByDateOfBirth, findByIdentifiers, findExactNames, findNameCandidates, otherNamesOf, type FoundPerson, type IdentifierHit } from './repository.ts'
import { candidateLimit, compareRanked, matchName, readQuery, searchPageSize, smallScope, tierOf, type MatchedOn, type NameQuery, type QueryProblem, type Ranked, type SearchQuery } from './rules.ts'

export interface PersonSearchResult {
  personId: string
  givenName: string
  familyName: string
  dateOfBirth: string
  matchedOn: MatchedOn
  /** The alias (or name of a record merged into this one) that matched, as recorded. */
  aliasName?: string
  /** The identifiers that matched, ended ones too. */
  identifiers?: Array<{ kind: IdentifierKind; value: string; current: boolean }>
}

export type QueryKind = Exclude<SearchQuery['kind'], 'problem'>

export type PersonSearch =
  | { ok: false; problem: QueryProblem }
  | {
      ok: true
      kind: QueryKind
      results: PersonSearchResult[]
      page: number
      /** Matches found, all pages together. */
      total: number
      hasNext: boolean
      /** More people may match than were ranked: the query is worth narrowing (a date of birth, a fuller name). */
      limited: boolean
    }

type Match = Ranked & { result: PersonSearchResult }

function fromIdentifiers(hits: IdentifierHit[]): Match[] {
  const byPerson = new Map<string, Match>()
  for (const hit of hits) {
    const match = byPerson.get(hit.id) ?? {
      personId: hit.id,
      givenName: hit.given_name,
      familyName: hit.family_name,
      matchedOn: 'identifier' as const,
      tier: 0,
      distance: 0,
      result: { personId: hit.id, givenName: hit.given_name, familyName: hit.family_name, dateOfBirth: hit.date_of_birth, matchedOn: 'identifier' as const, identifiers: [] },
    }
    match.result.identifiers?.push({ kind: hit.kind, value: hit.value, current: hit.ended_at === null })
    byPerson.set(hit.id, match)
  }
  return [...byPerson.values()]
}

function byDateOnly(people: FoundPerson[]): Match[] {
  return people.map((person) => ({
    personId: person.id,
    givenName: person.given_name,
    familyName: person.family_name,
    matchedOn: 'date_of_birth',
    tier: 2,
    distance: 0,
    result: { personId: person.id, givenName: person.given_name, familyName: person.family_name, dateOfBirth: person.date_of_birth, matchedOn: 'date_of_birth' },
  }))
}

/** Keeps the candidates whose names (or aliases) are close enough to the query, with how they matched. */
async function byName(tx: Tx, name: NameQuery, people: FoundPerson[]): Promise<Match[]> {
  const otherNames = new Map<string, Array<{ givenName: string; familyName: string }>>()
  for (const row of await otherNamesOf(tx, people.map((person) => person.id))) {
    otherNames.set(row.person_id, [...(otherNames.get(row.person_id) ?? []), { givenName: row.given_name, familyName: row.family_name }])
  }
  return people.flatMap((person): Match[] => {
    const match = matchName(name, { givenName: person.given_name, familyName: person.family_name, aliases: otherNames.get(person.id) ?? [] })
    if (!match) return []
    const result: PersonSearchResult = { personId: person.id, givenName: person.given_name, familyName: person.family_name, dateOfBirth: person.date_of_birth, matchedOn: match.on }
    if (match.alias) result.aliasName = `${match.alias.givenName} ${match.alias.familyName}`
    return [{ personId: person.id, givenName: person.given_name, familyName: person.family_name, matchedOn: match.on, tier: tierOf(match), distance: match.distance, result }]
  })
}

/** The matches for a query, and whether the candidates ran up against the limit. */
async function findMatches(tx: Tx, dialect: Dialect, scope: Scope, query: Exclude<SearchQuery, { kind: 'problem' }>): Promise<{ matches: Match[]; limited: boolean }> {
  switch (query.kind) {
    case 'identifier': {
      const hits = await findByIdentifiers(tx, scope, query.identifiers)
      return { matches: fromIdentifiers(hits.slice(0, candidateLimit)), limited: hits.length > candidateLimit }
    }
    case 'date_of_birth': {
      const people = await findByDateOfBirth(tx, scope, query.dateOfBirth)
      return { matches: byDateOnly(people.slice(0, candidateLimit)), limited: people.length > candidateLimit }
    }
    case 'name_and_date_of_birth': {
      // Everyone born that day is a candidate, so a short or badly misspelt name is still compared.
      const people = await findByDateOfBirth(tx, scope, query.dateOfBirth)
      return { matches: await byName(tx, query.name, people.slice(0, candidateLimit)), limited: people.length > candidateLimit }
    }
    case 'name': {
      // A caller who sees few people has every name compared: no index search comes close for cost.
      const everyone = await everyoneInSmallScope(tx, scope, smallScope)
      if (everyone) return { matches: await byName(tx, query.name, everyone), limited: false }
      // Exact names and parts (two letters swapped included), all of them. Only when they do
      // not fill a page are names merely close to the query looked for: that search costs
      // far more, and a name typed right is the usual case.
      const exact = await findExactNames(tx, dialect, scope, query.name.words)
      if (exact.length > candidateLimit) return { matches: await byName(tx, query.name, exact.slice(0, candidateLimit)), limited: true }
      if (exact.length >= searchPageSize) return { matches: await byName(tx, query.name, exact), limited: false }
      const close = await findNameCandidates(tx, dialect, scope, query.name.words)
      const found = new Set(exact.map((person) => person.id))
      const people = [...exact, ...close.filter((person) => !found.has(person.id))]
      return { matches: await byName(tx, query.name, people), limited: close.length >= candidateLimit }
    }
  }
}

/**
 * Finds people within the caller's scope by what was typed: an identifier, a date of
 * birth, a name (tolerant of case, accents, hyphens, apostrophes and one or two wrong
 * letters) or a name with a date of birth. Merged records are never found. Results are
 * ranked — exact identifier, exact full name, then closeness — and served a page at a time.
 */
export async function searchPeople(tx: Tx, dialect: Dialect, scope: Scope, typed: string, page: number): Promise<PersonSearch> {
  const query = readQuery(typed)
  if (query.kind === 'problem') return { ok: false, problem: query.problem }
  const { matches, limited } = await findMatches(tx, dialect, scope, query)
  const ranked = matches.sort(compareRanked)
  const start = (page - 1) * searchPageSize
  return {
    ok: true,
    kind: query.kind,
    results: ranked.slice(start, start + searchPageSize).map((match) => match.result),
    page,
    total: ranked.length,
    hasNext: start + searchPageSize < ranked.length,
    limited,
  }
}
