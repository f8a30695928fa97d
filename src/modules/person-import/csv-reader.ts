/*
 * A streaming CSV reader for RFC 4180 files: fields separated by commas, records by CRLF
 * (or LF, or CR, as spreadsheets on other systems write them), quoted fields holding commas,
 * line breaks and doubled quotes, and a UTF-8 byte-order mark (Excel's "CSV UTF-8") ignored.
 * Pure: it is handed text (or bytes) a piece at a time and holds only the record being read,
 * so a file of any size is read in bounded memory.
 */

/** What is wrong with one record's quoting; the record is still returned, as typed, so the row can be reported. */
export type CsvRecordProblem = 'strayQuote' | 'unterminatedQuote' | 'tooLong'

export interface CsvRecord {
  /** The record's position in the file, counting from 1 with the header, as a spreadsheet numbers rows. */
  row: number
  cells: string[]
  problem: CsvRecordProblem | null
}

/** A record longer than this is cut short and reported: one unclosed quote must not pull the whole file into memory. */
export const maxRecordLength = 100_000

/** Characters with a meaning outside quotes; anything else is part of a field. */
const special = new Set(['"', ',', '\r', '\n'])
const ordinaryRun = /[^",\r\n]+/y

const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const
type State = (typeof State)[keyof typeof State]

export class CsvParser {
  private state: State = State.FieldStart
  private cells: string[] = []
  private field = ''
  private length = 0
  private problem: CsvRecordProblem | null = null
  private row = 0
  private afterCarriageReturn = false
  private started = false
  private atFileStart = true

  /** Reads the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = []
    let start = 0
    if (this.atFileStart && text.length > 0) {
      this.atFileStart = false
      if (text.charCodeAt(0) === 0xfeff) start = 1
    }
    for (let index = start; index < text.length; index += 1) {
      const character = text[index] as string
      if (this.afterCarriageReturn) {
        this.afterCarriageReturn = false
        // The LF of a CRLF pair: the record already ended at the CR.
        if (character === '\n') continue
      }
      // Most of a file is ordinary text: taken a run at a time rather than a character at a time.
      if (this.state === State.Quoted && character !== '"') {
        const quote = text.indexOf('"', index)
        const end = quote === -1 ? text.length : quote
        this.append(text.slice(index, end))
        index = end - 1
        continue
      }
      if ((this.state === State.FieldStart || this.state === State.Unquoted) && !special.has(character)) {
        ordinaryRun.lastIndex = index
        ordinaryRun.test(text)
        this.append(text.slice(index, ordinaryRun.lastIndex))
        this.state = State.Unquoted
        index = ordinaryRun.lastIndex - 1
        continue
      }
      switch (this.state) {
        case State.FieldStart:
          if (character === '"') {
            this.started = true
            this.state = State.Quoted
          } else this.plain(character, records)
          break
        case State.Unquoted:
          if (character === '"') {
            this.problem ??= 'strayQuote'
            this.append(character)
          } else this.plain(character, records)
          break
        case State.Quoted:
          if (character === '"') this.state = State.QuoteInQuoted
          else this.append(character)
          break
        case State.QuoteInQuoted:
          if (character === '"') {
            // A doubled quote inside a quoted field is one quote.
            this.append('"')
            this.state = State.Quoted
          } else if (character === ',' || character === '\r' || character === '\n') {
            this.plain(character, records)
          } else {
            // Text after a closing quote ("abc"def): kept as typed, and the row reported.
            this.problem ??= 'strayQuote'
            this.append(character)
            this.state = State.Unquoted
          }
          break
      }
    }
    return records
  }

  /** The end of the file: the last record, if the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) this.problem ??= 'unterminatedQuote'
    if (!this.started && this.cells.length === 0) return []
    return [this.finishRecord()]
  }

  /** A character outside quotes: a separator, a line break, or part of the field. */
  private plain(character: string, records: CsvRecord[]): void {
    if (character === ',') {
      this.started = true
      this.cells.push(this.field)
      this.field = ''
      this.state = State.FieldStart
    } else if (character === '\r' || character === '\n') {
      this.afterCarriageReturn = character === '\r'
      records.push(this.finishRecord())
    } else {
      this.append(character)
      this.state = State.Unquoted
    }
  }

  private append(characters: string): void {
    this.started = true
    const room = maxRecordLength - this.length
    this.length += characters.length
    if (characters.length > room) {
      this.problem = 'tooLong'
      if (room > 0) this.field += characters.slice(0, room)
      return
    }
    this.field += characters
  }

  private finishRecord(): CsvRecord {
    this.row += 1
    const record = { row: this.row, cells: [...this.cells, this.field], problem: this.problem }
    this.cells = []
    this.field = ''
    this.length = 0
    this.problem = null
    this.started = false
    this.state = State.FieldStart
    return record
  }
}

/** The file is not UTF-8 text (a spreadsheet saved as .xlsx, or CSV in an old Windows encoding). */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error'
}

/** Records from a stream of bytes (a file, an upload), decoded as UTF-8 across chunk boundaries. */
export async function* readCsv(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser()
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true })
    } catch {
      throw new NotUtf8Error('the file is not UTF-8 text')
    }
  }
  for await (const chunk of chunks) yield* parser.push(typeof chunk === 'string' ? chunk : decode(chunk))
  yield* parser.push(decode())
  yield* parser.end()
}
