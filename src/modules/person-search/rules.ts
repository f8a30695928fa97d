// What a search query asks for, and how well a person's names answer it. Pure: no I/O.

import type { IdentifierKind } from '../../platform/db/schema.ts'
import { normaliseCrn, normaliseNhsNumber, normalisePncId, normalisePrisonNumber } from '../people/index.ts'
import { foldedNameParts, foldName } from './folding.ts'

export const searchPageSize = 20
/** The most candidates a name or date search re-ranks: enough for 10 pages, few enough to rank in a moment. */
export const candidateLimit = 200
/**
 * A caller whose teams work with at most this many people (and no sharing agreement opens
 * more) has a name compared with everyone they may see: a few milliseconds, measured by the
 * benchmarks (bench/), against tens for the index search at a region's size.
 */
export const smallScope = 2000
export const queryMaxLength = 200
/** Fewer letters than this match too many names to be worth ranking; a date of birth narrows instead. */
export const nameMinLength = 3

export interface NameQuery {
  /** The words typed, each folded (foldName), for the index's trigrams. */
  words: string[]
  /** The whole name folded, words run together: "Juniper O'Teacup" → "juniperoteacup". */
  folded: string
}

export const queryProblems = ['empty', 'tooLong', 'tooShort', 'notRecognised'] as const
export type QueryProblem = (typeof queryProblems)[number]

export type SearchQuery =
  | { kind: 'identifier'; identifiers: Array<{ kind: IdentifierKind; value: string }> }
  | { kind: 'date_of_birth'; dateOfBirth: string }
  | { kind: 'name'; name: NameQuery }
  | { kind: 'name_and_date_of_birth'; name: NameQuery; dateOfBirth: string }
  | { kind: 'problem'; problem: QueryProblem }

const identifierReaders: ReadonlyArray<[IdentifierKind, (typed: string) => string | null]> = [
  ['nhs_number', normaliseNhsNumber],
  ['pnc_id', normalisePncId],
  ['prison_number', normalisePrisonNumber],
  ['crn', normaliseCrn],
]

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/** January is 1; "jan", "sept" and full names are read, anything else is not a month. */
function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '')
  if (lower === 'sept') return 9
  const index = months.findIndex((month) => month === lower || (lower.length === 3 && month.startsWith(lower)))
  return index === -1 ? null : index + 1
}

/** YYYY-MM-DD when the day, month and year make a real date, otherwise null. */
function calendarDate(year: number, month: number | null, day: number): string | null {
  if (month === null || year < 1900 || year > 9999) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

// Each date shape as a whole word of the query: 1990-04-01, 1/4/1990 (also with . or -), 1 April 1990.
// Years always have four digits: "90" could be 1990 or 2090, and guessing would invent a date.
const dateShapes: ReadonlyArray<[RegExp, (parts: string[]) => string | null]> = [
  [/(?<=^|\s)(\d{4})-(\d{1,2})-(\d{1,2})(?=\s|$)/, ([, year, month, day]) => calendarDate(Number(year), Number(month), Number(day))],
  [/(?<=^|\s)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?=\s|$)/, ([, day, month, year]) => calendarDate(Number(year), Number(month), Number(day))],
  [/(?<=^|\s)(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})(?=\s|$)/i, ([, day, month, year]) => calendarDate(Number(year), monthNumber(month ?? ''), Number(day))],
]

/** The first date of birth written in the query, and the query without it. */
function findDate(query: string): { dateOfBirth: string; rest: string } | null {
  for (const [shape, read] of dateShapes) {
    const found = shape.exec(query)
    if (!found) continue
    const dateOfBirth = read([...found].map((part) => part ?? ''))
    if (dateOfBirth) return { dateOfBirth, rest: query.slice(0, found.index) + ' ' + query.slice(found.index + found[0].length) }
  }
  return null
}

function readName(text: string): NameQuery {
  const words = text
    .split(/[\s,]+/u)
    .map((word) => foldName(word).replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0)
  return { words, folded: words.join('') }
}

/**
 * Reads what was typed in the search box: an identifier in any of the ways people write
 * it (exact search, current and ended identifiers); a date of birth, alone or with a name;
 * or a name, searched tolerantly.
 */
export function readQuery(typed: string): SearchQuery {
  const query = typed.normalize('NFC').trim()
  if (query === '') return { kind: 'problem', problem: 'empty' }
  if (query.length > queryMaxLength) return { kind: 'problem', problem: 'tooLong' }
  const identifiers = identifierReaders.flatMap(([kind, normalise]) => {
    const value = normalise(query)
    return value === null ? [] : [{ kind, value }]
  })
  if (identifiers.length > 0) return { kind: 'identifier', identifiers }
  const date = findDate(query)
  const name = readName(date ? date.rest : query)
  // A number that is neither an identifier nor a date: a mistyped NHS number, say. Searching names for it would only find nothing.
  if (/\d/.test(name.folded)) return { kind: 'problem', problem: 'notRecognised' }
  if (date) return name.folded === '' ? { kind: 'date_of_birth', dateOfBirth: date.dateOfBirth } : { kind: 'name_and_date_of_birth', name, dateOfBirth: date.dateOfBirth }
  if (name.folded.length < nameMinLength) return { kind: 'problem', problem: 'tooShort' }
  return { kind: 'name', name }
}

/**
 * Edits (insert, delete, change or swap two neighbouring letters) between `a` and `b`:
 * the optimal string alignment distance, so "teacpu" is one edit from "teacup". Stops
 * counting past `limit`, returning limit + 1, because the search only asks "within n?".
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const x = codePoints(a)
  const y = codePoints(b)
  // Three rows of the table, reused: a search compares the query with hundreds of names.
  let beforePrevious = new Int32Array(y.length + 1)
  let previous = new Int32Array(y.length + 1)
  let current = new Int32Array(y.length + 1)
  for (let j = 0; j <= y.length; j += 1) previous[j] = j
  for (let i = 1; i <= x.length; i += 1) {
    current[0] = i
    let rowBest = i
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1)
      current[j] = value
      rowBest = Math.min(rowBest, value)
    }
    if (rowBest > limit) return limit + 1
    ;[beforePrevious, previous, current] = [previous, current, beforePrevious]
  }
  return Math.min(previous[y.length]!, limit + 1)
}

/** The code points of a string (UTF-16 units when it has no surrogate pairs, which is nearly always). */
function codePoints(text: string): ArrayLike<number> {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    const units = new Uint16Array(text.length)
    for (let index = 0; index < text.length; index += 1) units[index] = text.charCodeAt(index)
    return units
  }
  return Array.from(text, (character) => character.codePointAt(0)!)
}

/**
 * The word with each two neighbouring, different letters swapped: "teacpu" → "etacpu",
 * "taecpu", …, "teacup". A name typed with two letters the wrong way round is one of these
 * exactly, so the search finds it as an exact name, wherever the swap is.
 */
export function transpositions(word: string): string[] {
  const letters = [...word]
  const swapped = letters.slice(0, -1).flatMap((letter, index) => {
    const next = letters[index + 1] as string
    return letter === next ? [] : [[...letters.slice(0, index), next, letter, ...letters.slice(index + 2)].join('')]
  })
  return [...new Set(swapped)]
}

/**
 * The least word similarity (pg_trgm: trigrams shared, over trigrams of the query and the
 * matched words together) of a name one changed, missing or extra letter away. pg_trgm
 * takes each word's distinct trigrams, the word padded with two spaces before and one
 * after; such an edit breaks at most 3 of them and brings at most 3 new ones. (Swapped
 * letters are found exactly: transpositions.) Never below 0.25, so that a short name still
 * has to share something.
 */
export function similarityFloor(words: readonly string[]): number {
  const trigrams = new Set(words.flatMap((word) => {
    const padded = [...`  ${word} `]
    return padded.slice(2).map((_, index) => padded.slice(index, index + 3).join(''))
  }))
  return Math.max(0.25, Math.floor(((trigrams.size - 3) / (trigrams.size + 3)) * 100) / 100 - 0.01)
}

/** Edits forgiven in a name of this many letters: none in a short name, one misspelt or swapped letter, two in a long full name. */
export function editsForgiven(length: number): number {
  if (length <= 3) return 0
  return length <= 8 ? 1 : 2
}

export interface Name {
  givenName: string
  familyName: string
}

/** A person's names as the search compares them; merged-in names are other names the person is known by. */
export interface CandidateNames extends Name {
  aliases: readonly Name[]
}

export interface NameMatch {
  on: 'name' | 'alias'
  /** Edits between the query and the nearest form of the name. */
  distance: number
  /** The query is the whole name (given then family, or family then given) exactly, once folded. */
  exactFullName: boolean
  /** The alias that matched, as recorded. */
  alias?: Name
}

/** The folded forms a query is compared with: the full name both ways round, each name, and each part of a hyphenated or spaced name. */
function nameForms(name: Name): { full: string[]; other: string[] } {
  const given = foldName(name.givenName)
  const family = foldName(name.familyName)
  return { full: [given + family, family + given], other: [family, given, ...foldedNameParts(name.familyName), ...foldedNameParts(name.givenName)] }
}

function matchOne(query: NameQuery, name: Name): { distance: number; exactFullName: boolean } | null {
  const limit = editsForgiven(query.folded.length)
  const forms = nameForms(name)
  const full = Math.min(...forms.full.map((form) => editDistance(query.folded, form, limit)))
  const distance = Math.min(full, ...forms.other.map((form) => editDistance(query.folded, form, limit)))
  return distance > limit ? null : { distance, exactFullName: full === 0 }
}

/** How closely the person's names answer the query, or null when none is close enough. The person's own name wins a tie with an alias. */
export function matchName(query: NameQuery, person: CandidateNames): NameMatch | null {
  let best: NameMatch | null = null
  const own = matchOne(query, person)
  if (own) best = { on: 'name', ...own }
  for (const alias of person.aliases) {
    const match = matchOne(query, alias)
    if (match && (best === null || match.distance < best.distance)) best = { on: 'alias', ...match, alias }
  }
  return best
}

export type MatchedOn = 'identifier' | 'name' | 'alias' | 'date_of_birth'

export interface Ranked {
  personId: string
  givenName: string
  familyName: string
  matchedOn: MatchedOn
  /** 0 for an exact identifier, 1 for an exact full name, 2 for anything else. */
  tier: number
  distance: number
}

/** Exact identifier, then exact full name, then the closest names; ties by family name, given name and id, so pages never shuffle. */
export function compareRanked(a: Ranked, b: Ranked): number {
  const byName = (x: Ranked) => [foldName(x.familyName), foldName(x.givenName), x.familyName, x.givenName, x.personId]
  const keys: Array<[number | string, number | string]> = [
    [a.tier, b.tier],
    [a.distance, b.distance],
    [a.matchedOn === 'alias' ? 1 : 0, b.matchedOn === 'alias' ? 1 : 0],
    ...byName(a).map((key, index): [string, string] => [key, byName(b)[index] as string]),
  ]
  for (const [left, right] of keys) if (left !== right) return left < right ? -1 : 1
  return 0
}

/** The tier a name match ranks in. */
export function tierOf(match: NameMatch): number {
  return match.exactFullName ? 1 : 2
}
