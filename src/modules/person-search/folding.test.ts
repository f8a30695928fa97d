import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { foldedNameParts, foldName, letterFoldings, nameSeparators } from './folding.ts'

describe('folding a name', () => {
  it('drops accents, case, hyphens, apostrophes, spaces and full stops', () => {
    const cases: Array<[string, string]> = [
      ['Dvořák-Teacup', 'dvorakteacup'],
      ["O'Biscuit", 'obiscuit'],
      ['O’Gumdrop', 'ogumdrop'],
      ['van der Puddle', 'vanderpuddle'],
      ['Łukasz', 'lukasz'],
      ['Søren Ødegård', 'sorenodegard'],
      ['Groß', 'gross'],
      ['Ægir', 'aegir'],
      ['Ionuț', 'ionut'],
      ['Şükrü', 'sukru'],
      ['Žygimantas', 'zygimantas'],
      ['Llŷr', 'llyr'],
      ['St. John-Smythe', 'stjohnsmythe'],
      ['ZOË', 'zoe'],
    ]
    for (const [written, folded] of cases) assert.equal(foldName(written), folded, written)
  })

  it('folds a letter typed as a base letter and a combining mark the same as the composed letter', () => {
    assert.equal(foldName('Zoe\u0308'), foldName('Zoë'))
  })

  it('leaves only lower-case letters a–z from every folded Latin letter', () => {
    for (const [from] of letterFoldings) assert.match(foldName(from), /^[a-z]+$/, from)
    for (const separator of nameSeparators) assert.equal(foldName(`a${separator}b`), 'ab', JSON.stringify(separator))
  })

  it('splits a name into its folded parts', () => {
    assert.deepEqual(foldedNameParts('Dvořák-Teacup'), ['dvorak', 'teacup'])
    assert.deepEqual(foldedNameParts("Parsnip-Ó Dubh"), ['parsnip', 'o', 'dubh'])
    assert.deepEqual(foldedNameParts("O’Biscuit"), ['o', 'biscuit'])
    assert.deepEqual(foldedNameParts('Juniper'), ['juniper'])
  })
})
