import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { IdentifierKind } from '../../platform/db/schema.ts'

/** What someone is about to record: the details a new person record (or an imported row) would have. */
export interface MatchCandidate {
  givenName: string
  familyName: string
  dateOfBirth: string
  /** Normalised identifiers (people/identifiers.ts). */
  identifiers: readonly { kind: IdentifierKind; value: string }[]
}

export interface InScopeMatch {
  personId: string
  givenName: string
  familyName: string
  dateOfBirth: string
  /** Higher is a stronger match; an equal identifier ranks above any name and date of birth. */
  score: number
  reasons: readonly ('identifier' | 'name_and_date_of_birth')[]
}

/**
 * Matches the caller may see, strongest first, and whether any match lies outside their
 * scope. Nothing else about an out-of-scope match leaves this module.
 */
export interface PossibleMatches {
  inScope: InScopeMatch[]
  elsewhere: boolean
}

const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}]/gu, '').toLowerCase()

export async function findPossibleMatches(tx: Tx, scope: Scope, candidate: MatchCandidate): Promise<PossibleMatches> {
  const byIdentifier = candidate.identifiers.length === 0
    ? []
    : await tx
        .selectFrom('person_identifier')
        .select('person_id')
        .where((eb) => eb.or(candidate.identifiers.map((identifier) => eb.and([eb('kind', '=', identifier.kind), eb('value', '=', identifier.value)]))))
        .where('ended_at', 'is', null)
        .execute()
  const sameBirthDate = await tx
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name'])
    .where('date_of_birth', '=', candidate.dateOfBirth)
    .where('merged_into_id', 'is', null)
    .execute()
  const scores = new Map<string, InScopeMatch['reasons'][number][]>()
  for (const row of byIdentifier) scores.set(row.person_id, ['identifier'])
  const wanted = fold(candidate.givenName + candidate.familyName)
  for (const row of sameBirthDate) {
    if (fold(row.given_name + row.family_name) === wanted) scores.set(row.id, [...(scores.get(row.id) ?? []), 'name_and_date_of_birth'])
  }
  if (scores.size === 0) return { inScope: [], elsewhere: false }
  const visible = await tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where('person.id', 'in', [...scores.keys()])
    .where(personVisibleTo(scope))
    .execute()
  const inScope = visible
    .map((person) => {
      const reasons = scores.get(person.id) ?? []
      return { personId: person.id, givenName: person.given_name, familyName: person.family_name, dateOfBirth: person.date_of_birth, reasons, score: (reasons.includes('identifier') ? 100 : 0) + (reasons.includes('name_and_date_of_birth') ? 50 : 0) }
    })
    .sort((a, b) => b.score - a.score)
  return { inScope, elsewhere: visible.length < scores.size }
}
