import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { aliasTypes, identifierKinds } from '../db/schema.ts'
import { CodeListError, codeList, codeLists, isCode, labelOf, loadCodeLists, parseCodeLists, requiredCharacteristicCodes } from './code-lists.ts'

const minimal = (body: string) => parseCodeLists(body, 'test.yml')

describe('the shipped code lists', () => {
  it('offers prefer-not-to-say and not-known in every equality characteristic', () => {
    const characteristics = codeLists.names().filter((name) => codeList(name).characteristic)
    assert.deepEqual(characteristics.sort(), ['disability', 'ethnicity', 'gender_identity', 'gender_reassignment', 'marital_status', 'pregnancy_maternity', 'religion', 'sex', 'sexual_orientation'])
    for (const name of characteristics) {
      for (const code of requiredCharacteristicCodes) assert.ok(isCode(name, code), `${name} offers ${code}`)
    }
  })

  it('has the 19 ONS 2021 ethnic groups under their five headings', () => {
    const grouped = codeList('ethnicity').codes.filter((code) => code.group !== undefined)
    assert.equal(grouped.length, 19)
    assert.deepEqual([...new Set(grouped.map((code) => code.group))], [
      'Asian or Asian British',
      'Black, Black British, Caribbean or African',
      'Mixed or multiple ethnic groups',
      'White',
      'Other ethnic group',
    ])
  })

  it('agrees with the database types on alias types and identifier kinds', () => {
    assert.deepEqual(codeList('alias_type').codes.map((code) => code.code), [...aliasTypes])
    assert.deepEqual(codeList('identifier_kind').codes.map((code) => code.code), [...identifierKinds])
  })

  it('gives every list a version, and the lists the person record uses', () => {
    for (const name of ['sex', 'gender_identity', 'language', 'needs', 'need_source', 'involvement_closing_reason', 'location_kind', 'identifier_end_reason']) {
      assert.match(codeList(name).version, /\S/, name)
    }
    assert.equal(codeList('language').codes.length, 20)
    assert.ok(isCode('needs', 'speech_and_language'))
  })

  it('labels a code, shows an unknown code as it is, and nothing for no code', () => {
    assert.equal(labelOf('ethnicity', 'white_roma'), 'White: Roma')
    assert.equal(labelOf('needs', 'retired_code'), 'retired_code')
    assert.equal(labelOf('sex', null), '')
    assert.equal(isCode('sex', 'female'), true)
    assert.equal(isCode('sex', 'Female'), false)
    assert.equal(isCode('sex', 7), false)
  })

  it('throws on a list name nobody defined: a mistake in code, not data', () => {
    assert.throws(() => codeList('star_sign'), CodeListError)
    assert.throws(() => isCode('star_sign', 'leo'), /no code list named "star_sign"/)
  })
})

describe('reading a code-list file', () => {
  it('reads lists with their name, version, codes and groups', () => {
    const lists = minimal("colour:\n  name: Colour\n  version: 2\n  codes:\n    - { code: red, label: Red, group: Warm }\n    - { code: blue, label: Blue }\n")
    assert.deepEqual(lists.codeList('colour'), { name: 'Colour', version: '2', characteristic: false, codes: [{ code: 'red', label: 'Red', group: 'Warm', shortLabel: 'Red' }, { code: 'blue', label: 'Blue' }] })
  })

  it('gives a grouped code its label under the group heading', () => {
    const lists = minimal("ethnicity:\n  name: Ethnic group\n  version: 1\n  codes:\n    - { code: white_roma, group: White, label: 'White: Roma' }\n    - { code: white_other, group: White, label: 'White: any other White background' }\n")
    assert.deepEqual(lists.codeList('ethnicity').codes.map((code) => [code.label, code.shortLabel]), [['White: Roma', 'Roma'], ['White: any other White background', 'Any other White background']])
  })

  it('refuses a bad file with a message naming the list and the problem', () => {
    const refusals: [string, RegExp][] = [
      ['colour: [', /test\.yml: not valid YAML/],
      ['- a\n- b\n', /expected lists by name/],
      ['colour:\n  name: Colour\n  codes:\n    - { code: red, label: Red }\n', /list "colour": no version/],
      ['colour:\n  version: 1\n  codes:\n    - { code: red, label: Red }\n', /list "colour": no name/],
      ['colour:\n  name: Colour\n  version: 1\n  codes: []\n', /list "colour": no codes/],
      ['colour:\n  name: Colour\n  version: 1\n  codes:\n    - { code: red }\n', /code "red" has no label/],
      ['colour:\n  name: Colour\n  version: 1\n  codes:\n    - { code: Red Wine, label: Red }\n', /lower-case letters, digits and underscores/],
      ['colour:\n  name: Colour\n  version: 1\n  codes:\n    - { code: red, label: Red }\n    - { code: red, label: Scarlet }\n', /code "red" appears twice/],
      ['Colour:\n  name: Colour\n  version: 1\n  codes:\n    - { code: red, label: Red }\n', /a list name must be/],
      ['sex:\n  name: Sex\n  version: 1\n  characteristic: true\n  codes:\n    - { code: female, label: Female }\n    - { code: not_known, label: Not known }\n', /list "sex": an equality characteristic must offer prefer_not_to_say/],
    ]
    for (const [body, message] of refusals) assert.throws(() => minimal(body), (error: unknown) => error instanceof CodeListError && message.test(error.message), body)
  })

  it('says which file could not be read', () => {
    const missing = path.join(os.tmpdir(), 'pathways-no-such-dir', 'code-lists.yml')
    assert.throws(() => loadCodeLists(missing), /cannot read .*code-lists\.yml/)
  })

  it('loads a file from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-code-lists-'))
    const file = path.join(dir, 'lists.yml')
    fs.writeFileSync(file, 'size:\n  name: Size\n  version: 1\n  codes:\n    - { code: small, label: Small }\n')
    assert.equal(loadCodeLists(file).labelOf('size', 'small'), 'Small')
    fs.rmSync(dir, { recursive: true })
  })
})
