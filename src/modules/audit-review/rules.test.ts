import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { csvCell, csvRow } from './csv.ts'
import { auditReviewQuery } from './forms.ts'
import { readDate } from './rules.ts'

describe('readDate', () => {
  it('reads a complete, real date', () => {
    assert.deepEqual(readDate({ day: '1', month: '7', year: '2025' }), { state: 'date', date: '2025-07-01' })
    assert.deepEqual(readDate({ day: '29', month: '02', year: '2024' }), { state: 'date', date: '2024-02-29' })
  })

  it('tells an empty date from an incomplete one', () => {
    assert.deepEqual(readDate({}), { state: 'empty' })
    assert.deepEqual(readDate({ day: '1', year: '2025' }), { state: 'incomplete' })
  })

  it('refuses impossible dates rather than rolling them over', () => {
    for (const parts of [
      { day: '31', month: '2', year: '2025' },
      { day: '29', month: '2', year: '2025' },
      { day: '1', month: '13', year: '2025' },
      { day: '0', month: '1', year: '2025' },
      { day: '1', month: '1', year: '25' },
      { day: 'x', month: '1', year: '2025' },
    ]) {
      assert.deepEqual(readDate(parts), { state: 'impossible' }, JSON.stringify(parts))
    }
  })
})

describe('CSV cells', () => {
  it('quotes only fields with a comma, quote or line break, doubling quotes', () => {
    assert.equal(csvCell('plain'), 'plain')
    assert.equal(csvCell('Smith, "Jo"'), '"Smith, ""Jo"""')
    assert.equal(csvCell('two\nlines'), '"two\nlines"')
    assert.equal(csvCell(null), '')
    assert.equal(csvCell(42), '42')
  })

  it('turns text a spreadsheet would run as a formula into text', () => {
    assert.equal(csvCell('=1+1'), "'=1+1")
    assert.equal(csvCell('+44 20'), "'+44 20")
    assert.equal(csvCell('-2'), "'-2")
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(csvCell('\t=1'), "'\t=1")
    assert.equal(csvCell('=HYPERLINK("x","y")'), `"'=HYPERLINK(""x"",""y"")"`)
    assert.equal(csvCell('a=b'), 'a=b')
  })

  it('ends each row with CRLF', () => {
    assert.equal(csvRow(['a', null, 'b,c']), 'a,,"b,c"\r\n')
  })
})

describe('the audit filters query', () => {
  const parse = (query: Record<string, unknown>) => auditReviewQuery.safeParse(query)

  it('treats empty fields as "any" and reads ids in lower case', () => {
    const id = '0190A3C2-7B1E-7C3D-8E4F-5A6B7C8D9E0F'
    const result = parse({ person: ` ${id} `, user: ' Jo@Example.TEST ', organisation: '', action: '', outcome: '', 'from-day': '', 'from-month': '', 'from-year': '' })
    assert.deepEqual(result.data?.filters, { personId: id.toLowerCase(), userEmail: 'jo@example.test', organisationId: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined })
    assert.deepEqual(result.data?.cursor, {})
  })

  it('reads the page cursor, and ignores a mangled one', () => {
    assert.deepEqual(parse({ olderThan: '120' }).data?.cursor, { olderThan: 120 })
    assert.deepEqual(parse({ newerThan: '7' }).data?.cursor, { newerThan: 7 })
    assert.deepEqual(parse({ olderThan: '-1' }).data?.cursor, {})
    assert.deepEqual(parse({ olderThan: 'DROP TABLE' }).data?.cursor, {})
  })

  it('names the field of each problem with a content key', () => {
    const problems = (query: Record<string, unknown>) => parse(query).error?.issues.map((issue) => [issue.path[0], issue.message])
    assert.deepEqual(problems({ person: 'someone' }), [['person', 'auditReview.filters.errors.personInvalid']])
    assert.deepEqual(problems({ outcome: 'maybe' }), [['outcome', 'auditReview.filters.errors.outcomeInvalid']])
    assert.deepEqual(problems({ user: ['a@example.test', 'b@example.test'] }), [['user', 'auditReview.filters.errors.userInvalid']])
    assert.deepEqual(problems({ 'to-day': '1', 'to-month': '7', 'to-year': '2025', 'from-day': '2', 'from-month': '7', 'from-year': '2025' }), [['to-day', 'auditReview.filters.errors.toBeforeFrom']])
    assert.deepEqual(
      problems({ person: 'someone', 'from-day': '31', 'from-month': '2', 'from-year': '2025', 'to-year': '2025' }),
      [
        ['person', 'auditReview.filters.errors.personInvalid'],
        ['from-day', 'auditReview.filters.errors.fromImpossible'],
        ['to-day', 'auditReview.filters.errors.toIncomplete'],
      ],
      'every problem at once',
    )
  })
})
