import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FileDuplicates, isBlankRow, problemInWords, readHeader, reasonInWords, rowFields, rowProblem } from './rules.ts'

const words = { t: (key: string, params?: Record<string, string | number>) => `${key}${params ? JSON.stringify(params) : ''}` }

describe('readHeader', () => {
  it('reads column names in any order and case, with spaces around them', () => {
    assert.deepEqual(readHeader([' Family_Name', 'given_name ', 'DATE_OF_BIRTH', 'crn']), { ok: true, columns: ['family_name', 'given_name', 'date_of_birth', 'crn'] })
  })

  it('refuses unknown, repeated and missing columns, naming them', () => {
    assert.deepEqual(readHeader(['given_name', 'family_name', 'date_of_birth', 'address', '']), { ok: false, problem: { key: 'personImport.fileProblems.unknownColumns', params: { columns: 'address, (blank)' } } })
    assert.deepEqual(readHeader(['given_name', 'family_name', 'date_of_birth', 'crn', 'CRN']), { ok: false, problem: { key: 'personImport.fileProblems.repeatedColumns', params: { columns: 'crn' } } })
    assert.deepEqual(readHeader(['given_name', 'crn']), { ok: false, problem: { key: 'personImport.fileProblems.missingColumns', params: { columns: 'family_name, date_of_birth' } } })
  })

  it('takes a first row of data for what it is: not column names', () => {
    const read = readHeader(['John', 'Teacup', '1990-04-01'])
    assert.equal(read.ok, false)
  })
})

describe('rows', () => {
  it('pairs cells with columns, and refuses a row with too few or too many cells', () => {
    assert.deepEqual(rowFields(['given_name', 'family_name'], ['John', 'Teacup']), { ok: true, fields: { given_name: 'John', family_name: 'Teacup' } })
    assert.deepEqual(rowFields(['given_name', 'family_name'], ['John']), { ok: false, problem: { field: 'row', key: 'personImport.problems.cellCount', params: { found: 1, expected: 2 } } })
    assert.equal(rowFields(['given_name'], ['John', 'Teacup']).ok, false)
  })

  it('treats a row of empty or blank cells as a blank line', () => {
    assert.equal(isBlankRow(['']), true)
    assert.equal(isBlankRow([' ', '', '\t']), true)
    assert.equal(isBlankRow(['', 'x']), false)
  })
})

describe('FileDuplicates', () => {
  it('refuses a later row with an identifier of an earlier row, naming that row and the column', () => {
    const duplicates = new FileDuplicates()
    assert.deepEqual(duplicates.check(2, { foldedName: 'johnteacup', dateOfBirth: '1990-04-01', identifiers: [{ kind: 'crn', value: 'X123456' }] }), [])
    assert.deepEqual(duplicates.check(5, { foldedName: 'maryquill', dateOfBirth: '1970-01-01', identifiers: [{ kind: 'crn', value: 'X123456' }] }), [rowProblem('crn', 'sameIdentifierInFile', { row: 2 })])
    assert.deepEqual(duplicates.check(6, { foldedName: 'zed', dateOfBirth: '1970-01-01', identifiers: [{ kind: 'nhs_number', value: 'X123456' }] }), [], 'the same value as another kind of identifier is another identifier')
  })

  it('refuses a later row with the same name and date of birth', () => {
    const duplicates = new FileDuplicates()
    duplicates.check(2, { foldedName: 'johnteacup', dateOfBirth: '1990-04-01', identifiers: [] })
    assert.deepEqual(duplicates.check(3, { foldedName: 'johnteacup', dateOfBirth: '1990-04-01', identifiers: [] }), [rowProblem('row', 'samePersonInFile', { row: 2 })])
    assert.deepEqual(duplicates.check(4, { foldedName: 'johnteacup', dateOfBirth: '1990-04-02', identifiers: [] }), [])
  })
})

describe('problems in words', () => {
  it('names the column a problem is in, and not for a problem with the whole row', () => {
    assert.equal(problemInWords({ field: 'nhs_number', key: 'people.x' }, words), 'personImport.problems.inColumn{"column":"nhs_number","problem":"people.x"}')
    assert.equal(problemInWords(rowProblem('row', 'possibleDuplicate'), words), 'personImport.problems.possibleDuplicate')
    assert.equal(reasonInWords([rowProblem('row', 'a'), rowProblem('row', 'b')], words), 'personImport.problems.a; personImport.problems.b')
  })
})
