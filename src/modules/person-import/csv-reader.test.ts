import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CsvParser, maxRecordLength, NotUtf8Error, readCsv, type CsvRecord } from './csv-reader.ts'

/** Every record of `text`, fed to the parser in pieces of `size` characters. */
function parse(text: string, size = text.length || 1): CsvRecord[] {
  const parser = new CsvParser()
  const records: CsvRecord[] = []
  for (let start = 0; start < text.length; start += size) records.push(...parser.push(text.slice(start, start + size)))
  return [...records, ...parser.end()]
}

const cells = (records: CsvRecord[]) => records.map((record) => record.cells)

async function collect(chunks: (Uint8Array | string)[]): Promise<CsvRecord[]> {
  const records: CsvRecord[] = []
  for await (const record of readCsv(chunks)) records.push(record)
  return records
}

describe('CsvParser', () => {
  it('reads fields and records, with CRLF, LF or CR line ends, and no empty record after the last line break', () => {
    for (const end of ['\r\n', '\n', '\r']) {
      assert.deepEqual(cells(parse(`a,b,c${end}1,2,3${end}`)), [['a', 'b', 'c'], ['1', '2', '3']], JSON.stringify(end))
    }
    assert.deepEqual(cells(parse('a,b\r\n1,2')), [['a', 'b'], ['1', '2']], 'no line break at the end')
  })

  it('keeps empty fields, at the start, middle and end of a record', () => {
    assert.deepEqual(cells(parse(',x,,\n')), [['', 'x', '', '']])
  })

  it('reads quoted fields holding commas, line breaks and doubled quotes', () => {
    const records = parse('name,note\r\n"Teacup, John","said ""hello""\r\nand left"\r\n""," "\r\n')
    assert.deepEqual(cells(records), [['name', 'note'], ['Teacup, John', 'said "hello"\r\nand left'], ['', ' ']])
    assert.ok(records.every((record) => record.problem === null))
  })

  it('numbers records as a spreadsheet numbers rows, a record with a line break inside quotes being one row', () => {
    const records = parse('h\n"two\nlines"\n\nfour\n')
    assert.deepEqual(records.map((record) => [record.row, record.cells]), [[1, ['h']], [2, ['two\nlines']], [3, ['']], [4, ['four']]])
  })

  it('gives the same records however the text is cut into pieces, a CRLF or a doubled quote split included', () => {
    const text = '\uFEFFa,"b ""c"""\r\n"d\r\ne",f\r\n,\r\n'
    const whole = parse(text)
    for (let size = 1; size <= text.length; size += 1) assert.deepEqual(parse(text, size), whole, `pieces of ${size}`)
    assert.deepEqual(cells(whole), [['a', 'b "c"'], ['d\r\ne', 'f'], ['', '']])
  })

  it('ignores a byte-order mark at the start of the file only', () => {
    assert.deepEqual(cells(parse('\uFEFFgiven_name\n\uFEFFx\n')), [['given_name'], ['\uFEFFx']])
  })

  it('reports a quote inside an unquoted field or after a closing quote, keeping the text as typed', () => {
    assert.deepEqual(parse('ab"c,d\n'), [{ row: 1, cells: ['ab"c', 'd'], problem: 'strayQuote' }])
    assert.deepEqual(parse('"ab"c,d\n'), [{ row: 1, cells: ['abc', 'd'], problem: 'strayQuote' }])
  })

  it('reports a quote never closed, in the last record', () => {
    assert.deepEqual(parse('a\n"unclosed,b\nc'), [
      { row: 1, cells: ['a'], problem: null },
      { row: 2, cells: ['unclosed,b\nc'], problem: 'unterminatedQuote' },
    ])
  })

  it('cuts a record longer than the limit short and reports it, reading on with the next record', () => {
    const records = parse(`${'x'.repeat(maxRecordLength + 10)}\nnext\n`)
    assert.equal(records[0]?.problem, 'tooLong')
    assert.equal(records[0]?.cells[0]?.length, maxRecordLength)
    assert.deepEqual(records[1], { row: 2, cells: ['next'], problem: null })
  })

  it('reads nothing from an empty file', () => {
    assert.deepEqual(parse(''), [])
  })
})

describe('readCsv', () => {
  it('decodes UTF-8 split anywhere across chunks', async () => {
    const bytes = new TextEncoder().encode('\uFEFFgiven_name,family_name\nSiân,Dvořák-Teacup\n')
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]))
    assert.deepEqual(cells(await collect(chunks)), [['given_name', 'family_name'], ['Siân', 'Dvořák-Teacup']])
  })

  it('refuses bytes that are not UTF-8', async () => {
    // "Siân" in Windows-1252: â is the single byte 0xE2, which starts no valid UTF-8 sequence here.
    await assert.rejects(collect([new Uint8Array([0x53, 0x69, 0xe2, 0x6e, 0x0a])]), NotUtf8Error)
  })
})
