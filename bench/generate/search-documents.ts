import { letterFoldings, nameSeparators } from '../../src/modules/person-search/folding.ts'

/*
 * SQLite's search documents, written by the load itself: the view that the search index's
 * triggers read (migrations/0006-person-search.ts) folds each name with some three hundred
 * nested replace() calls, which for a bulk load costs more than everything else about a
 * person. This builds the same text in JavaScript from the same lists; the generator's test
 * checks it against the view for every person it makes.
 */

const foldingOf = new Map(letterFoldings)
const separators = new Set(nameSeparators)

/** As the view folds: letters by the list, then SQLite's lower() (ASCII letters only), separators dropped. */
function fold(text: string): string {
  let folded = ''
  for (const character of text) {
    for (const letter of foldingOf.get(character) ?? character) {
      const lower = letter >= 'A' && letter <= 'Z' ? letter.toLowerCase() : letter
      if (!separators.has(lower)) folded += lower
    }
  }
  return folded
}

/** A name whole and, when it has parts, again with its parts between "|". */
function whole(name: string): string {
  let parts = ''
  for (const character of name) parts += separators.has(character) ? '|' : character
  return parts === name ? name : `${name}|${parts}`
}

export interface DocumentNames {
  given_name: string
  family_name: string
  aliases: ReadonlyArray<{ given_name: string; family_name: string }>
}

/** The folded search document of a person with these names and current aliases (nobody merged into them). */
export function searchDocument(person: DocumentNames): string {
  const pair = (names: { given_name: string; family_name: string }) => `${whole(names.given_name)}|${whole(names.family_name)}`
  const aliases = person.aliases.length > 0 ? `|${person.aliases.map(pair).join('|')}` : ''
  return fold(`|${pair(person)}${aliases}|`)
}
