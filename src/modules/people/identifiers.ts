// The identifiers partner agencies use for the same person: NHS number (health), PNC ID
// (police), prison number (prisons) and probation case reference number (CRN).
//
// Each identifier is read once, by one function, into either its canonical form or the reason
// it is not one; `isValid…`, `normalise…` and `…Problem` are three views of that reading, so
// they can never disagree. Problems are machine codes: forms map them to content keys, and
// the wording lives in content, not here.

type Reading<Problem extends string> = { canonical: string; problem: null } | { canonical: null; problem: Problem }

const accept = (canonical: string) => ({ canonical, problem: null })
const reject = <Problem extends string>(problem: Problem) => ({ canonical: null, problem })

/**
 * What someone typed, without the spaces they used to group characters (including pasted
 * non-breaking ones) and with letters upper-cased. Only a–z are upper-cased: `toUpperCase`
 * turns some other letters into ASCII ones ('ı' → 'I', 'ſ' → 'S'), which would invent a
 * character the person never typed.
 */
function compact(typed: string): string {
  return typed.replace(/\s/gu, '').replace(/[a-z]/g, (letter) => letter.toUpperCase())
}

// NHS number --------------------------------------------------------------------------------

export type NhsNumberProblem = 'empty' | 'notDigits' | 'wrongLength' | 'checkDigit'

/**
 * The modulus 11 check digit for the first nine digits, or null when it would be 10: no NHS
 * number is issued with such a prefix, so no tenth digit can make one valid.
 */
function nhsCheckDigit(firstNine: string): number | null {
  const sum = [...firstNine].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  return check === 10 ? null : check
}

function readNhsNumber(typed: string): Reading<NhsNumberProblem> {
  // The number is printed in groups, 943 476 5919, and some systems write 943-476-5919.
  const digits = compact(typed).replaceAll('-', '')
  if (digits === '') return reject('empty')
  // Checked before the length, so that "943476591O" (a letter O) is not reported as a length.
  if (!/^[0-9]+$/.test(digits)) return reject('notDigits')
  if (digits.length !== 10) return reject('wrongLength')
  // A check digit of 10 is reported as a check digit problem too: to the person typing, both
  // mean the same thing — a digit is wrong.
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return reject('checkDigit')
  return accept(digits)
}

/** Whether what was typed is an NHS number: 10 digits whose last is the modulus 11 check digit. */
export const isValidNhsNumber = (typed: string): boolean => readNhsNumber(typed).problem === null
/** The NHS number as 10 digits with no spaces or hyphens, or null when it is not a valid one. */
export const normaliseNhsNumber = (typed: string): string | null => readNhsNumber(typed).canonical
/** What is wrong with a typed NHS number, or null when nothing is. */
export const nhsNumberProblem = (typed: string): NhsNumberProblem | null => readNhsNumber(typed).problem

// PNC ID ------------------------------------------------------------------------------------

export type PncIdProblem = 'empty' | 'wrongFormat' | 'checkLetter'

// The PNC's 23 check letters, in the order the remainder indexes them (there is no I, O or S).
const pncCheckLetters = 'ZABCDEFGHJKLMNPQRTUVWXY'

function readPncId(typed: string): Reading<PncIdProblem> {
  const compacted = compact(typed)
  if (compacted === '') return reject('empty')
  // The year must have four digits: "12/…" could be 1912 or 2012, and guessing would invent
  // a century. Serials are often written without their leading zeros, so 1 to 7 digits.
  const parts = /^([0-9]{4})\/([0-9]{1,7})([A-Z])$/.exec(compacted)
  if (parts === null) return reject('wrongFormat')
  // The defaults are never used (all three groups are in the pattern); they satisfy the types.
  const [, year = '', shortSerial = '', letter = ''] = parts
  const serial = shortSerial.padStart(7, '0')
  // The check covers the two-digit year and the serial, read as one nine-digit number; it is
  // under 10⁹, so it is exact as a JavaScript number.
  const index = Number(year.slice(2) + serial) % pncCheckLetters.length
  if (pncCheckLetters[index] !== letter) return reject('checkLetter')
  return accept(`${year}/${serial}${letter}`)
}

/** Whether what was typed is a PNC ID: YYYY/NNNNNNNC, the serial with or without its leading zeros, with the right check letter. */
export const isValidPncId = (typed: string): boolean => readPncId(typed).problem === null
/** The PNC ID as YYYY/NNNNNNNC (serial padded to 7 digits), or null when it is not a valid one. */
export const normalisePncId = (typed: string): string | null => readPncId(typed).canonical
/** What is wrong with a typed PNC ID, or null when nothing is. */
export const pncIdProblem = (typed: string): PncIdProblem | null => readPncId(typed).problem

// Prison number and CRN ----------------------------------------------------------------------

// Neither carries a check character, so the shape is all that can be checked.
export type PrisonNumberProblem = 'empty' | 'wrongFormat'
export type CrnProblem = 'empty' | 'wrongFormat'

function readByShape(typed: string, shape: RegExp): Reading<'empty' | 'wrongFormat'> {
  const compacted = compact(typed)
  if (compacted === '') return reject('empty')
  return shape.test(compacted) ? accept(compacted) : reject('wrongFormat')
}

const prisonNumberShape = /^[A-Z][0-9]{4}[A-Z]{2}$/
const crnShape = /^[A-Z][0-9]{6}$/

/** Whether what was typed is a prison number: a letter, four digits and two letters (A1234BC). */
export const isValidPrisonNumber = (typed: string): boolean => readByShape(typed, prisonNumberShape).problem === null
/** The prison number in capitals with no spaces, or null when it is not one. */
export const normalisePrisonNumber = (typed: string): string | null => readByShape(typed, prisonNumberShape).canonical
/** What is wrong with a typed prison number, or null when nothing is. */
export const prisonNumberProblem = (typed: string): PrisonNumberProblem | null => readByShape(typed, prisonNumberShape).problem

/** Whether what was typed is a probation case reference number: a letter and six digits (X123456). */
export const isValidCrn = (typed: string): boolean => readByShape(typed, crnShape).problem === null
/** The CRN in capitals with no spaces, or null when it is not one. */
export const normaliseCrn = (typed: string): string | null => readByShape(typed, crnShape).canonical
/** What is wrong with a typed CRN, or null when nothing is. */
export const crnProblem = (typed: string): CrnProblem | null => readByShape(typed, crnShape).problem
