import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { familyNames } from '../demo/index.ts'
import { foldName } from './folding.ts'
import { compareRanked, editDistance, editsForgiven, matchName, readQuery, similarityFloor, transpositions, type CandidateNames, type Ranked } from './rules.ts'

const name = (typed: string) => {
  const query = readQuery(typed)
  assert.equal(query.kind, 'name', `${typed} reads as a name`)
  return (query as Extract<typeof query, { kind: 'name' }>).name
}

const person = (givenName: string, familyName: string, aliases: CandidateNames['aliases'] = []): CandidateNames => ({ givenName, familyName, aliases })

describe('reading a search query', () => {
  it('reads every identifier however it is typed, as its normalised value', () => {
    const cases: Array<[string, string, string]> = [
      ['9434765919', 'nhs_number', '9434765919'],
      ['943 476 5919', 'nhs_number', '9434765919'],
      [' 943-476-5919 ', 'nhs_number', '9434765919'],
      ['2012/0000123Q', 'pnc_id', '2012/0000123Q'],
      ['2012/123q', 'pnc_id', '2012/0000123Q'],
      ['a1234bc', 'prison_number', 'A1234BC'],
      ['A 1234 BC', 'prison_number', 'A1234BC'],
      ['x123456', 'crn', 'X123456'],
      ['X 123 456', 'crn', 'X123456'],
    ]
    for (const [typed, kind, value] of cases) assert.deepEqual(readQuery(typed), { kind: 'identifier', identifiers: [{ kind, value }] }, typed)
  })

  it('reads a date of birth in the ways people write one', () => {
    for (const typed of ['1990-04-01', '1/4/1990', '01/04/1990', '1.4.1990', '1-4-1990', '1 April 1990', '1 apr 1990', '1st April 1990', '01 APRIL 1990']) {
      assert.deepEqual(readQuery(typed), { kind: 'date_of_birth', dateOfBirth: '1990-04-01' }, typed)
    }
    assert.deepEqual(readQuery('30 Sept 1985'), { kind: 'date_of_birth', dateOfBirth: '1985-09-30' })
  })

  it('reads a name with a date of birth, the date anywhere in the query', () => {
    for (const typed of ['Juniper Teacup 1/4/1990', '1 April 1990 Juniper Teacup', 'Teacup, Juniper, 1990-04-01']) {
      const query = readQuery(typed)
      assert.equal(query.kind, 'name_and_date_of_birth', typed)
      assert.equal((query as Extract<typeof query, { kind: 'name_and_date_of_birth' }>).dateOfBirth, '1990-04-01', typed)
    }
    // With a date, even two letters of a name are enough to compare against the people born that day.
    assert.equal(readQuery('Li 3/2/1988').kind, 'name_and_date_of_birth')
  })

  it('folds a name and keeps its words for the index', () => {
    assert.deepEqual(name("  Juniper  O’Teacup "), { words: ['juniper', 'oteacup'], folded: 'juniperoteacup' })
    assert.deepEqual(name('DVOŘÁK-Teacup'), { words: ['dvorakteacup'], folded: 'dvorakteacup' })
  })

  it('says what is wrong with a query it cannot search', () => {
    const cases: Array<[string, string]> = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['Jo', 'tooShort'],
      ["O'", 'tooShort'],
      ['x'.repeat(201), 'tooLong'],
      // A mistyped NHS number (wrong check digit) is not searched as a name.
      ['9434765918', 'notRecognised'],
      ['31/02/1990', 'notRecognised'],
      ['1/4/90', 'notRecognised'],
      ['Teacup 12345', 'notRecognised'],
    ]
    for (const [typed, problem] of cases) assert.deepEqual(readQuery(typed), { kind: 'problem', problem }, JSON.stringify(typed))
  })
})

describe('edit distance', () => {
  it('counts a changed, missing, extra or swapped letter as one edit', () => {
    assert.equal(editDistance('teacup', 'teacup'), 0)
    assert.equal(editDistance('teacap', 'teacup'), 1)
    assert.equal(editDistance('quilfeather', 'quillfeather'), 1)
    assert.equal(editDistance('teacupp', 'teacup'), 1)
    assert.equal(editDistance('teacpu', 'teacup'), 1)
    assert.equal(editDistance('etacup', 'teacup'), 1)
    assert.equal(editDistance('', 'abc'), 3)
    assert.equal(editDistance('kitten', 'sitting'), 3)
  })

  it('is symmetric', () => {
    const words = ['teacup', 'teacpu', 'quillfeather', 'puddleby', 'obiscuit', 'dvorak', '']
    for (const a of words) for (const b of words) assert.equal(editDistance(a, b), editDistance(b, a), `${a} ${b}`)
  })

  it('stops at the limit, answering limit + 1 for anything further', () => {
    assert.equal(editDistance('teacup', 'marmalade', 1), 2)
    assert.equal(editDistance('kitten', 'sitting', 2), 3)
    assert.equal(editDistance('kitten', 'sitting', 3), 3)
    assert.equal(editDistance('ab', 'abcdef', 2), 3)
  })

  it('forgives no edit in a short name, one in a name, two in a long full name', () => {
    assert.deepEqual([3, 4, 8, 9, 20].map(editsForgiven), [0, 1, 1, 2, 2])
  })
})

describe('matching a name', () => {
  it('finds a name typed with one letter missing, changed or swapped', () => {
    assert.deepEqual(matchName(name('Quilfeather'), person('Morag', 'Quillfeather')), { on: 'name', distance: 1, exactFullName: false })
    assert.deepEqual(matchName(name('Teacpu'), person('Juniper', 'Teacup')), { on: 'name', distance: 1, exactFullName: false })
    assert.deepEqual(matchName(name('Juniper Teacap'), person('Juniper', 'Teacup')), { on: 'name', distance: 1, exactFullName: false })
  })

  it('ignores case, accents, hyphens, apostrophes and spaces', () => {
    assert.equal(matchName(name('obiscuit'), person('Zoë', "O'Biscuit"))?.distance, 0)
    assert.equal(matchName(name('O’BISCUIT'), person('Zoë', "O'Biscuit"))?.distance, 0)
    assert.equal(matchName(name('dvorak'), person('Ewa', 'Dvořák-Teacup'))?.distance, 0)
    assert.equal(matchName(name('vanderpuddle'), person('Huw', 'van der Puddle'))?.distance, 0)
    assert.equal(matchName(name('lukasz zurek puddleby'), person('Łukasz', 'Żurek-Puddleby'))?.exactFullName, true)
  })

  it('knows an exact full name, either way round', () => {
    assert.equal(matchName(name('Juniper Teacup'), person('Juniper', 'Teacup'))?.exactFullName, true)
    assert.equal(matchName(name('Teacup, Juniper'), person('Juniper', 'Teacup'))?.exactFullName, true)
    assert.equal(matchName(name('Teacup'), person('Juniper', 'Teacup'))?.exactFullName, false)
  })

  it('finds a person by an alias, naming the alias, and prefers their own name when both match', () => {
    const known = person('Juniper', 'Teacup', [{ givenName: 'June', familyName: 'Marmalade-Finch' }])
    assert.deepEqual(matchName(name('Marmalade Finch'), known), { on: 'alias', distance: 0, exactFullName: false, alias: { givenName: 'June', familyName: 'Marmalade-Finch' } })
    const sameName = person('Juniper', 'Teacup', [{ givenName: 'Juniper', familyName: 'Teacup' }])
    assert.equal(matchName(name('Juniper Teacup'), sameName)?.on, 'name')
  })

  it('does not match a different name', () => {
    assert.equal(matchName(name('Teacup'), person('Juniper', 'Marmalade')), null)
    assert.equal(matchName(name('Tea'), person('Juniper', 'Teacup')), null, 'no partial names')
    assert.equal(matchName(name('Quillfeather'), person('Morag', 'Quillwhistle')), null)
  })
})

describe('ranking', () => {
  const ranked = (personId: string, tier: number, distance: number, familyName: string, givenName = 'Sam', matchedOn: Ranked['matchedOn'] = 'name'): Ranked => ({ personId, tier, distance, familyName, givenName, matchedOn })

  it('puts exact identifiers first, then exact full names, then the closest names; ties by family name, given name and id', () => {
    const shuffled = [
      ranked('id-6', 2, 1, 'Aardvark'),
      ranked('id-5', 2, 0, 'Teacup', 'Zoë', 'alias'),
      ranked('id-4', 2, 0, 'Teacup', 'Zoë'),
      ranked('id-3', 2, 0, 'Teacup', 'Amara'),
      ranked('id-2', 1, 0, 'Zebedee'),
      ranked('id-1', 0, 0, 'Zzz'),
      ranked('id-0', 2, 0, 'Teacup', 'Amara'),
      ranked('id-7', 2, 0, 'Łapa'),
    ]
    assert.deepEqual(shuffled.sort(compareRanked).map((entry) => entry.personId), ['id-1', 'id-2', 'id-7', 'id-0', 'id-3', 'id-4', 'id-5', 'id-6'])
  })
})

describe('the similarity a name one edit away keeps', () => {
  /** pg_trgm's trigrams of one word: two spaces before, one after, as a set. */
  const trigrams = (word: string) => new Set(Array.from({ length: word.length + 1 }, (_, index) => `  ${word} `.slice(index, index + 3)))
  const similarity = (a: string, b: string) => {
    const [x, y] = [trigrams(a), trigrams(b)]
    const shared = [...x].filter((trigram) => y.has(trigram)).length
    return shared / (x.size + y.size - shared)
  }
  const oneEditAway = (word: string) => [...word].flatMap((_, index) => [
    word.slice(0, index) + 'q' + word.slice(index + 1),
    word.slice(0, index) + word.slice(index + 1),
    word.slice(0, index) + 'q' + word.slice(index),
  ]).filter((variant) => variant !== word && variant.length >= 3)

  it('is never more than a name one changed, missing or extra letter away from the query has', () => {
    const words = [...new Set(familyNames.map(foldName))].filter((word) => word.length >= 5)
    assert.ok(words.length > 500)
    for (const word of words) {
      for (const typed of oneEditAway(word)) assert.ok(similarity(typed, word) >= similarityFloor([typed]), `${typed} → ${word}`)
    }
  })

  it('leaves swapped letters to the exact search, which tries every swap', () => {
    assert.deepEqual(transpositions('teacpu'), ['etacpu', 'taecpu', 'tecapu', 'teapcu', 'teacup'])
    assert.deepEqual(transpositions('anna'), ['nana', 'anan'], 'a swap of two same letters changes nothing')
    for (const word of [...new Set(familyNames.map(foldName))]) {
      for (let index = 0; index < word.length - 1; index += 1) {
        const typed = word.slice(0, index) + (word[index + 1] ?? '') + (word[index] ?? '') + word.slice(index + 2)
        if (typed !== word) assert.ok(transpositions(typed).includes(word), `${typed} → ${word}`)
      }
    }
  })

  it('asks more of a longer query, and never less than a quarter', () => {
    assert.equal(similarityFloor(['te']), 0.25)
    assert.ok(similarityFloor(['quilfeather']) > similarityFloor(['teacup']))
    assert.ok(similarityFloor(['juniper', 'teacup']) > similarityFloor(['teacup']))
  })
})
