import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { candidateOf, foldName, foldPersonName, jaroWinkler, mistypedDatesOfBirth, nameSimilarity, nameThreshold, scoreMatch, type Evidence } from './rules.ts'

const name = (givenName: string, familyName: string) => foldPersonName({ givenName, familyName })
const candidate = (givenName: string, familyName: string, dateOfBirth = '1990-04-01') => candidateOf({ givenName, familyName }, dateOfBirth)
const recorded = (givenName: string, familyName: string, options: Partial<Evidence> & { aliases?: [string, string][] } = {}): Evidence => ({
  dateOfBirth: options.dateOfBirth ?? '1990-04-01',
  names: [{ ...name(givenName, familyName), alias: false }, ...(options.aliases ?? []).map(([given, family]) => ({ ...name(given, family), alias: true }))],
  sharedIdentifiers: options.sharedIdentifiers ?? [],
})

describe('foldName', () => {
  it('ignores case, accents, spaces, hyphens and both kinds of apostrophe', () => {
    assert.equal(foldName("O'Thistledown"), foldName('O’Thistledown'))
    assert.equal(foldName('Dvořák-Teacup'), 'dvorakteacup')
    assert.equal(foldName('van der Puddle'), 'vanderpuddle')
    assert.equal(foldName('SIÂN'), 'sian')
  })

  it('folds letters Unicode does not decompose', () => {
    assert.equal(foldName('Łukasz'), 'lukasz')
    assert.equal(foldName('Søren'), 'soren')
    assert.equal(foldName('Weiß'), 'weiss')
  })
})

describe('jaroWinkler', () => {
  it('is 1 for equal strings and 0 when nothing is shared', () => {
    assert.equal(jaroWinkler('teacup', 'teacup'), 1)
    assert.equal(jaroWinkler('mary', 'john'), 0)
    assert.equal(jaroWinkler('', 'john'), 0)
  })

  it('gives the published value for the classic example', () => {
    // MARTHA / MARHTA: Jaro 0.944, Winkler with a three-letter common prefix 0.961.
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961')
  })

  it('is symmetric', () => {
    for (const [a, b] of [['jon', 'john'], ['steven', 'stephen'], ['dwayne', 'duane']] as const) assert.equal(jaroWinkler(a, b), jaroWinkler(b, a))
  })
})

describe('nameSimilarity', () => {
  it('finds spellings of one name alike, and different people not', () => {
    assert.ok(nameSimilarity(name('Jon', 'Teacup'), name('John', 'Teacup')) >= nameThreshold)
    assert.ok(nameSimilarity(name('Steven', 'Puddleby'), name('Stephen', 'Puddleby')) >= nameThreshold)
    assert.ok(nameSimilarity(name('Mary', 'Quillfeather'), name('John', 'Teacup')) < nameThreshold)
  })

  it('forgives the given and family names typed the wrong way round', () => {
    assert.equal(nameSimilarity(name('Teacup', 'John'), name('John', 'Teacup')), 1)
  })

  it('does not take twins (one family name, different given names) for one person', () => {
    assert.equal(nameSimilarity(name('Juniper', 'Teacup'), name('Jasper', 'Teacup')), 0)
  })
})

describe('mistypedDatesOfBirth', () => {
  it('swaps day and month, and moves a year either way', () => {
    assert.deepEqual(mistypedDatesOfBirth('1990-04-01').sort(), ['1989-04-01', '1990-01-04', '1991-04-01'])
  })

  it('offers only real dates, and not the date itself', () => {
    // 31 April does not exist; 29 February 1996 has no neighbour a year either side; 5 May swapped is 5 May.
    assert.deepEqual(mistypedDatesOfBirth('1990-03-31').sort(), ['1989-03-31', '1991-03-31'])
    assert.deepEqual(mistypedDatesOfBirth('1996-02-29'), [])
    assert.deepEqual(mistypedDatesOfBirth('1990-05-05').sort(), ['1989-05-05', '1991-05-05'])
  })
})

describe('scoreMatch', () => {
  it('matches a similar name with the same date of birth, and says why', () => {
    const score = scoreMatch(candidate('Jon', 'Teacup'), recorded('John', 'Teacup'))
    assert.ok(score)
    assert.deepEqual(score.reasons, ['name_and_date_of_birth'])
    assert.deepEqual(score.explanations, ['personMatching.explanations.similarName', 'personMatching.explanations.sameDateOfBirth'])
    assert.ok(score.score >= 50 && score.score <= 80)
  })

  it('does not match unrelated names, even on the same date of birth', () => {
    assert.equal(scoreMatch(candidate('Mary', 'Quillfeather'), recorded('John', 'Teacup')), null)
  })

  it('does not match the same name on an unrelated date of birth', () => {
    assert.equal(scoreMatch(candidate('John', 'Teacup', '1975-11-30'), recorded('John', 'Teacup')), null)
  })

  it('matches an identical name on a mistyped date of birth, but not a merely similar one', () => {
    const swapped = scoreMatch(candidate('John', 'Teacup', '1990-01-04'), recorded('John', 'Teacup'))
    assert.ok(swapped)
    assert.deepEqual(swapped.explanations, ['personMatching.explanations.sameName', 'personMatching.explanations.similarDateOfBirth'])
    assert.ok(scoreMatch(candidate('John', 'Teacup', '1991-04-01'), recorded('John', 'Teacup')))
    assert.ok(scoreMatch(candidate('Teacup', 'John', '1991-04-01'), recorded('John', 'Teacup')), 'names in the wrong boxes too')
    assert.equal(scoreMatch(candidate('Jon', 'Teacup', '1991-04-01'), recorded('John', 'Teacup')), null)
  })

  it('matches through an alias, ranking it below the recorded name', () => {
    const viaAlias = scoreMatch(candidate('Johnny', 'Marmalade-Finch'), recorded('John', 'Teacup', { aliases: [['Johnny', 'Marmalade Finch']] }))
    assert.ok(viaAlias)
    assert.deepEqual(viaAlias.explanations, ['personMatching.explanations.alias', 'personMatching.explanations.sameDateOfBirth'])
    const viaName = scoreMatch(candidate('John', 'Teacup'), recorded('John', 'Teacup'))
    assert.ok(viaName && viaName.score > viaAlias.score)
  })

  it('ignores accents, case, hyphens and apostrophes when comparing names', () => {
    const score = scoreMatch(candidate('sian', "o'brien-teacup"), recorded('Siân', 'O’Brien Teacup'))
    assert.ok(score)
    assert.ok(score.explanations.includes('personMatching.explanations.sameName'))
  })

  it('matches on an equal identifier alone, whatever the name and date of birth', () => {
    const score = scoreMatch(candidate('Mary', 'Quillfeather', '1970-01-01'), recorded('John', 'Teacup', { sharedIdentifiers: ['nhs_number'] }))
    assert.ok(score)
    assert.deepEqual(score.reasons, ['identifier'])
    assert.deepEqual(score.explanations, ['personMatching.explanations.identifier.nhs_number'])
  })

  it('ranks an equal identifier above the best name and date of birth', () => {
    const byIdentifier = scoreMatch(candidate('Mary', 'Quillfeather', '1970-01-01'), recorded('John', 'Teacup', { sharedIdentifiers: ['crn'] }))
    const byName = scoreMatch(candidate('John', 'Teacup'), recorded('John', 'Teacup'))
    assert.ok(byIdentifier && byName)
    assert.ok(byIdentifier.score > byName.score, `${byIdentifier.score} > ${byName.score}`)
    const both = scoreMatch(candidate('John', 'Teacup'), recorded('John', 'Teacup', { sharedIdentifiers: ['crn'] }))
    assert.ok(both)
    assert.deepEqual(both.reasons, ['identifier', 'name_and_date_of_birth'])
    assert.ok(both.score > byIdentifier.score)
  })

  it('scores a closer name higher', () => {
    const exact = scoreMatch(candidate('John', 'Teacup'), recorded('John', 'Teacup'))
    const close = scoreMatch(candidate('Jon', 'Teacup'), recorded('John', 'Teacup'))
    assert.ok(exact && close && exact.score > close.score)
  })
})
