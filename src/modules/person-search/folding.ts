// How a name is folded for search: the same letters whatever the accents, case, hyphens,
// apostrophes and spaces, so "O’Biscuit", "o'biscuit" and "OBISCUIT" all read "obiscuit".
//
// The search index (migrations/0006-person-search.ts) builds its SQL from these same lists,
// so the database and `foldName` fold alike. Changing a list changes how new rows are folded:
// it needs a migration that recreates the index's triggers and rebuilds the documents.

/** Letters with no Unicode decomposition to a base letter, spelt as people write them without the mark. */
const undecomposable: ReadonlyArray<[string, string]> = [
  ['Æ', 'AE'], ['æ', 'ae'], ['Ð', 'D'], ['ð', 'd'], ['Ø', 'O'], ['ø', 'o'], ['Þ', 'TH'], ['þ', 'th'], ['ß', 'ss'],
  ['Đ', 'D'], ['đ', 'd'], ['Ħ', 'H'], ['ħ', 'h'], ['ı', 'i'], ['Ĳ', 'IJ'], ['ĳ', 'ij'], ['ĸ', 'k'], ['Ŀ', 'L'], ['ŀ', 'l'],
  ['Ł', 'L'], ['ł', 'l'], ['ŉ', 'n'], ['Ŋ', 'N'], ['ŋ', 'n'], ['Œ', 'OE'], ['œ', 'oe'], ['Ŧ', 'T'], ['ŧ', 't'], ['ſ', 's'],
  ['ƒ', 'f'], ['Ə', 'E'], ['ə', 'e'], ['ǝ', 'e'], ['Ǽ', 'AE'], ['ǽ', 'ae'], ['Ǿ', 'O'], ['ǿ', 'o'],
]

/**
 * Every Latin-1 and Latin Extended letter that decomposes into a base letter and combining
 * marks (é, ř, ş, ŵ …), mapped to that base letter. Canonical decompositions are frozen by
 * Unicode's stability policy, so this list is the same on every Node version.
 */
function decomposableLetters(): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (let code = 0xc0; code <= 0x24f; code += 1) {
    const letter = String.fromCodePoint(code)
    const decomposed = letter.normalize('NFD')
    if (/^[A-Za-z][\u0300-\u036f]+$/.test(decomposed)) pairs.push([letter, decomposed[0] as string])
  }
  return pairs
}

/** Each letter to fold and what it folds to, before lower-casing. Multi-letter foldings (Æ → AE) first, so SQL can replace them before single ones. */
export const letterFoldings: ReadonlyArray<readonly [string, string]> = [
  ...undecomposable.filter(([, to]) => to.length > 1),
  ...undecomposable.filter(([, to]) => to.length === 1),
  ...decomposableLetters(),
]

/** Characters that join or separate parts of a name and are left out: spaces, hyphens, apostrophes (straight and typographic), full stops and commas. */
export const nameSeparators: readonly string[] = [' ', '\u00a0', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', "'", '\u2018', '\u2019', '\u02bc', '\u00b4', '`', '.', ',']

const foldingOf = new Map(letterFoldings)
const separators = new Set(nameSeparators)
const separatorRun = new RegExp(`[\\s${nameSeparators.map((separator) => `\\u${separator.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]+`, 'u')

const ascii = /^[\x00-\x7f]*$/
const asciiSeparators = new RegExp(`[${nameSeparators.filter((separator) => separator < '\x80').map((separator) => `\\x${separator.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}]`, 'g')

/** Letters folded, lower case, without separators: "Dvořák-Teacup" → "dvorakteacup". */
export function foldName(text: string): string {
  // Most names are plain ASCII, which has nothing to fold: a search compares hundreds of them.
  if (ascii.test(text)) return text.toLowerCase().replace(asciiSeparators, '')
  let folded = ''
  for (const character of text.normalize('NFC')) folded += foldingOf.get(character) ?? character
  return [...folded.toLowerCase()].filter((character) => !separators.has(character)).join('')
}

/** The parts of a name as written, folded: "Dvořák-Teacup" → ["dvorak", "teacup"], "O'Biscuit" → ["o", "biscuit"]. */
export function foldedNameParts(text: string): string[] {
  return text.split(separatorRun).map(foldName).filter((part) => part.length > 0)
}
