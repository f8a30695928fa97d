import type { IdentifierKind } from '../../platform/db/schema.ts'

/*
 * Pure rules of duplicate detection: how names are compared, which dates of birth count as
 * a typo of one another, and how the evidence about one recorded person adds up to a score.
 * No I/O here; repository.ts gathers the evidence with indexed queries.
 */

/** Letters that Unicode does not decompose into a base letter and a mark. */
const unaccentable: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ŧ: 't' }

/**
 * A name as compared: lower case, without accents, and without the spaces, hyphens and
 * apostrophes (' and ’) people write differently from one form to the next, so that
 * "O’Brien-Siân" and "obrien sian" are the same name.
 */
export function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøđħıŀßæœþðŧ]/g, (letter) => unaccentable[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/**
 * Jaro–Winkler similarity of two strings, 0 (nothing alike) to 1 (equal). It forgives a
 * dropped or doubled letter and swapped neighbours, and weighs an agreeing start more,
 * which suits names typed from speech or a handwritten form (Jon/John, Steven/Stephen).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  if (a.length === 0 || b.length === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aMatched = new Array<boolean>(a.length).fill(false)
  const bMatched = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i += 1) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue
      aMatched[i] = true
      bMatched[j] = true
      matches += 1
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue
    while (!bMatched[k]) k += 1
    if (a[i] !== b[k]) transpositions += 1
    k += 1
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix += 1
  return jaro + prefix * 0.1 * (1 - jaro)
}

export interface PersonName {
  givenName: string
  familyName: string
}

/** A name already folded (foldName), so that a recorded name is folded once however often it is compared. */
export interface FoldedName {
  given: string
  family: string
}

export function foldPersonName(name: PersonName): FoldedName {
  return { given: foldName(name.givenName), family: foldName(name.familyName) }
}

/**
 * How alike two names are, 0 to 1: the mean of the given-name and family-name
 * similarities, the family name weighing more, in the order written or with the two
 * swapped (a family name typed in the given-name box), whichever is closer. A part below
 * `partFloor` sinks the whole: twins share a family name and a date of birth, not a given name.
 */
export function nameSimilarity(typed: FoldedName, recorded: FoldedName): number {
  const pair = (given: string, family: string) => {
    const givenScore = jaroWinkler(given, recorded.given)
    const familyScore = jaroWinkler(family, recorded.family)
    if (givenScore < partFloor || familyScore < partFloor) return 0
    return 0.4 * givenScore + 0.6 * familyScore
  }
  return Math.max(pair(typed.given, typed.family), pair(typed.family, typed.given))
}

/** Below this, a given or family name is another name, whatever the other part says. */
export const partFloor = 0.8
/** Names at least this alike, with the same date of birth, are a possible match ("Jon Teacup" and "John Teacup"). */
export const nameThreshold = 0.9

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function dateText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The dates of birth a typo could have turned `date` (YYYY-MM-DD) into: day and month
 * swapped (an American-style entry), and one year either side. Only real dates, never
 * `date` itself.
 */
export function mistypedDatesOfBirth(date: string): string[] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const variants: [number, number, number][] = [
    [year, day, month],
    [year - 1, month, day],
    [year + 1, month, day],
  ]
  return [...new Set(variants.filter(([y, m, d]) => isRealDate(y, m, d)).map(([y, m, d]) => dateText(y, m, d)))].filter((variant) => variant !== date)
}

/** What is known about one recorded person that a candidate might be. */
export interface Evidence {
  dateOfBirth: string
  /** The recorded name first, then aliases that have not been removed. */
  names: readonly (FoldedName & { alias: boolean })[]
  /** Kinds of identifier (current or ended) whose value equals one the candidate has. */
  sharedIdentifiers: readonly IdentifierKind[]
}

export type MatchReason = 'identifier' | 'name_and_date_of_birth'

export interface Score {
  /** 0–100; an equal identifier (90 or more) ranks above any name and date of birth (at most 80). */
  score: number
  reasons: MatchReason[]
  /** Content keys (content/personMatching.yml) saying why, in words, for the people who see the match. */
  explanations: string[]
}

const explanation = (name: string) => `personMatching.explanations.${name}`

/** Someone about to be recorded, as matching compares them: the name folded, and the dates a typo could have made of theirs. */
export interface Candidate {
  name: FoldedName
  dateOfBirth: string
  mistypedDates: readonly string[]
}

export function candidateOf(name: PersonName, dateOfBirth: string): Candidate {
  return { name: foldPersonName(name), dateOfBirth, mistypedDates: mistypedDatesOfBirth(dateOfBirth) }
}

/** The same folded name, in the order written or with given and family names swapped. */
function sameName(a: FoldedName, b: FoldedName): boolean {
  return (a.given === b.given && a.family === b.family) || (a.given === b.family && a.family === b.given)
}

/**
 * Scores a candidate against one recorded person, or null when they do not match. An equal
 * identifier (NHS number, PNC ID, prison number, CRN — current or ended) is a match on its
 * own; otherwise the names (or an alias) must be alike and the date of birth the same — or
 * a typo of it (day and month swapped, a year out), when the names are then identical.
 */
export function scoreMatch(candidate: Candidate, evidence: Evidence): Score | null {
  const sameDate = candidate.dateOfBirth === evidence.dateOfBirth
  const typoDate = !sameDate && candidate.mistypedDates.includes(evidence.dateOfBirth)
  let best: { similarity: number; alias: boolean } | null = null
  if (sameDate || typoDate) {
    for (const name of evidence.names) {
      // A mistyped date asks for the very same name, which needs no similarity measure.
      const similarity = sameDate ? nameSimilarity(candidate.name, name) : sameName(candidate.name, name) ? 1 : 0
      const good = sameDate ? similarity >= nameThreshold : similarity === 1
      // The recorded name wins a tie with an alias: it says more.
      if (good && (best === null || similarity > best.similarity)) best = { similarity, alias: name.alias }
    }
  }
  const byIdentifier = evidence.sharedIdentifiers.length > 0
  if (!byIdentifier && best === null) return null

  const explanations = [...new Set(evidence.sharedIdentifiers)].map((kind) => explanation(`identifier.${kind}`))
  if (best !== null) {
    explanations.push(explanation(best.alias ? 'alias' : best.similarity === 1 ? 'sameName' : 'similarName'))
    explanations.push(explanation(sameDate ? 'sameDateOfBirth' : 'similarDateOfBirth'))
  }
  // Between 50 and 80 by how alike the names are; less for an alias or a mistyped date.
  const nameScore = best === null ? 0 : Math.round(50 + (30 * (best.similarity - nameThreshold)) / (1 - nameThreshold)) - (best.alias ? 5 : 0) - (typoDate ? 10 : 0)
  return {
    score: byIdentifier ? (best === null ? 90 : 100) : Math.max(1, Math.min(80, nameScore)),
    reasons: [...(byIdentifier ? (['identifier'] as const) : []), ...(best !== null ? (['name_and_date_of_birth'] as const) : [])],
    explanations,
  }
}
