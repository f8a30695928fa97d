import { isValidCrn, isValidNhsNumber, isValidPrisonNumber } from '../people/index.ts'

/**
 * The identifying-details filter (DOMAIN.md "The involvement forum": pseudonyms only, no
 * real names, offence details or identifying information about anyone). It finds what a
 * post must not carry and says which kinds it found — never the text itself, so nothing
 * it returns can leak into a log.
 *
 * It errs on the side of holding. A held post waits for a moderator; it is never rejected.
 * A false hold costs a moderator a glance; a missed identifier costs someone their privacy.
 * So candidates are found by shape and then classified: a 10-digit number that passes the
 * NHS check digit is an NHS number; one that fails it is still held — as a phone number when
 * it looks like a UK one, otherwise as a long number (a mistyped identifier, an account
 * number). PNC IDs, prison numbers and CRNs are held by shape (a PNC ID with a wrong check
 * letter is a mistyped PNC ID, not a harmless string).
 */

export const findingKinds = [
  'nhs_number',
  'pnc_id',
  'prison_number',
  'crn',
  'phone_number',
  'long_number',
  'email_address',
  'postcode',
  'watched_name',
  'watched_word',
  'safety_words',
] as const
export type FindingKind = (typeof findingKinds)[number]

/** Phrases moderators keep (forum_watch_word) and the built-in safety phrases (content/forum-settings.yml). */
export interface WatchLists {
  /** Names of real people the forum must not carry. */
  names: readonly string[]
  /** Words a moderator should see before anyone else: offence details, places, slurs. */
  words: readonly string[]
  /** Words that suggest a risk to someone's safety: the post is held and escalated to the member's sponsor. */
  safety: readonly string[]
}

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu
// PNC IDs are written with a two- or four-digit year; any of that shape is held (a wrong check letter is a mistyped PNC ID).
const pncShape = /(?<![\p{L}\p{N}])(\d{2}|\d{4})\/(\d{1,7})([A-Za-z])(?![\p{L}\p{N}])/gu
// A run of digits with the spaces, hyphens, dots and brackets people write numbers with.
const numberRun = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{7,}\d(?![\p{L}\p{N}])/gu
const prisonNumber = /(?<![\p{L}\p{N}])[A-Za-z]\d{4}[A-Za-z]{2}(?![\p{L}\p{N}])/gu
const crn = /(?<![\p{L}\p{N}])[A-Za-z]\d{6}(?![\p{L}\p{N}])/gu
// The Royal Mail's postcode format (outward code, optional space, inward code), in any case.
const postcode = /(?<![\p{L}\p{N}])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) ?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu

function classifyNumber(candidate: string): FindingKind | null {
  const digits = candidate.replace(/\D/g, '')
  if (digits.length === 10 && isValidNhsNumber(digits)) return 'nhs_number'
  if (/^0\d{9,10}$/.test(digits) || (candidate.startsWith('+44') && /^44\d{9,10}$/.test(digits))) return 'phone_number'
  return digits.length >= 9 ? 'long_number' : null
}

/** Folds text for matching watch-list phrases: compatibility forms (full-width letters), case, and runs of spaces. */
export function foldPhrase(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

function phrasePattern(phrase: string): RegExp | null {
  const folded = foldPhrase(phrase)
  if (folded === '') return null
  const escaped = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u')
}

function containsPhrase(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => phrasePattern(phrase)?.test(folded) ?? false)
}

/** The kinds of identifying detail and watched words in `text`, each once, in the order of `findingKinds`. */
export function findIdentifyingDetails(text: string, lists: WatchLists): FindingKind[] {
  const found = new Set<FindingKind>()
  let rest = text.normalize('NFKC')
  // Each match is blanked once classified, so its digits are not found again as a number.
  const scan = (pattern: RegExp, classify: (candidate: string) => FindingKind | null) => {
    rest = rest.replace(pattern, (candidate) => {
      const kind = classify(candidate)
      if (kind === null) return candidate
      found.add(kind)
      return ' '.repeat(candidate.length)
    })
  }
  scan(email, () => 'email_address')
  scan(pncShape, () => 'pnc_id')
  scan(numberRun, classifyNumber)
  scan(prisonNumber, (candidate) => (isValidPrisonNumber(candidate) ? 'prison_number' : null))
  scan(crn, (candidate) => (isValidCrn(candidate) ? 'crn' : null))
  scan(postcode, () => 'postcode')
  const folded = foldPhrase(text)
  if (containsPhrase(folded, lists.names)) found.add('watched_name')
  if (containsPhrase(folded, lists.words)) found.add('watched_word')
  if (containsPhrase(folded, lists.safety)) found.add('safety_words')
  return findingKinds.filter((kind) => found.has(kind))
}

