import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  crnProblem,
  isValidCrn,
  isValidNhsNumber,
  isValidPncId,
  isValidPrisonNumber,
  nhsNumberProblem,
  normaliseCrn,
  normaliseNhsNumber,
  normalisePncId,
  normalisePrisonNumber,
  pncIdProblem,
  prisonNumberProblem,
} from './identifiers.ts'

// The three views of one identifier, so that the tables and properties below are written once.
type Identifier = {
  name: string
  isValid: (typed: string) => boolean
  normalise: (typed: string) => string | null
  problem: (typed: string) => string | null
}

const nhsNumber: Identifier = { name: 'NHS number', isValid: isValidNhsNumber, normalise: normaliseNhsNumber, problem: nhsNumberProblem }
const pncId: Identifier = { name: 'PNC ID', isValid: isValidPncId, normalise: normalisePncId, problem: pncIdProblem }
const prisonNumber: Identifier = { name: 'prison number', isValid: isValidPrisonNumber, normalise: normalisePrisonNumber, problem: prisonNumberProblem }
const crn: Identifier = { name: 'CRN', isValid: isValidCrn, normalise: normaliseCrn, problem: crnProblem }

function assertAccepts(identifier: Identifier, rows: [typed: string, canonical: string][]) {
  for (const [typed, canonical] of rows) {
    assert.equal(identifier.normalise(typed), canonical, `normalise ${JSON.stringify(typed)}`)
    assert.equal(identifier.isValid(typed), true, `isValid ${JSON.stringify(typed)}`)
    assert.equal(identifier.problem(typed), null, `problem ${JSON.stringify(typed)}`)
  }
}

function assertRejects(identifier: Identifier, rows: [typed: string, problem: string][]) {
  for (const [typed, problem] of rows) {
    assert.equal(identifier.problem(typed), problem, `problem ${JSON.stringify(typed)}`)
    assert.equal(identifier.isValid(typed), false, `isValid ${JSON.stringify(typed)}`)
    assert.equal(identifier.normalise(typed), null, `normalise ${JSON.stringify(typed)}`)
  }
}

/** Every string made by replacing one digit of `value` with a different digit. */
function singleDigitChanges(value: string): string[] {
  return [...value].flatMap((character, index) =>
    /[0-9]/.test(character)
      ? '0123456789'.split('').filter((digit) => digit !== character).map((digit) => value.slice(0, index) + digit + value.slice(index + 1))
      : [],
  )
}

/** Every string made by swapping two adjacent, different digits of `value`. */
function adjacentTranspositions(value: string): string[] {
  return [...value].slice(0, -1).flatMap((character, index) => {
    const next = value[index + 1] ?? ''
    if (!/[0-9]/.test(character) || !/[0-9]/.test(next) || character === next) return []
    return [value.slice(0, index) + next + character + value.slice(index + 2)]
  })
}

// A small seeded generator (mulberry32), so that the property tests are the same on every run.
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `value` as someone might type it: spaces here and there, some letters in lower case. */
function typedVariant(value: string, next: () => number): string {
  return [...value].map((character) => {
    const cased = next() < 0.5 ? character.toLowerCase() : character
    return next() < 0.3 ? ` ${cased}` : cased
  }).join('') + (next() < 0.3 ? ' ' : '')
}

describe('NHS number', () => {
  it('accepts valid numbers however they are typed, as 10 digits', () => {
    assertAccepts(nhsNumber, [
      ['9434765919', '9434765919'], // the published test number
      ['943 476 5919', '9434765919'],
      ['  943 476 5919  ', '9434765919'],
      ['943-476-5919', '9434765919'],
      ['943\u00a0476\u00a05919', '9434765919'], // non-breaking spaces, pasted from a letter
      ['4010232137', '4010232137'],
      // 1×10 + 6×2 = 22, and 22 mod 11 = 0, so 11 − 0 = 11 gives a check digit of 0.
      ['100 000 0060', '1000000060'],
    ])
  })

  it('says what is wrong with a number that is not one', () => {
    assertRejects(nhsNumber, [
      ['', 'empty'],
      ['   ', 'empty'],
      [' - ', 'empty'],
      ['943476591', 'wrongLength'],
      ['94347659190', 'wrongLength'],
      ['943 476 591', 'wrongLength'],
      ['943476591O', 'notDigits'], // a letter O for a zero
      ['943476591l', 'notDigits'], // a letter l for a one: never "fixed"
      ['NHS9434765919', 'notDigits'],
      ['943.476.5919', 'notDigits'], // only spaces and hyphens separate groups
      ['９４３４７６５９１９', 'notDigits'], // full-width digits are not read as digits
      ['9434765918', 'checkDigit'],
      ['9434765910', 'checkDigit'],
    ])
  })

  it('rejects every number whose check digit would be 10', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 6×2 = 309, and 309 mod 11 = 1, so 11 − 1 = 10.
    // 1×10 + 2×9 + 3×8 + 4×7 + 5×6 + 6×5 + 7×4 + 8×3 + 9×2 = 210, and 210 mod 11 = 1 as well.
    for (const firstNine of ['943476596', '123456789']) {
      assertRejects(nhsNumber, '0123456789'.split('').map((last) => [firstNine + last, 'checkDigit']))
    }
  })

  it('catches every single-digit change to a valid number', () => {
    const changes = singleDigitChanges('9434765919')
    assert.equal(changes.length, 90)
    assertRejects(nhsNumber, changes.map((changed) => [changed, 'checkDigit']))
  })

  it('catches every swap of two adjacent different digits in valid numbers', () => {
    for (const valid of ['9434765919', '4010232137', '1000000060']) {
      const swaps = adjacentTranspositions(valid)
      assert.ok(swaps.length > 0)
      assertRejects(nhsNumber, swaps.map((swapped) => [swapped, 'checkDigit']))
    }
  })

  it('has at most one valid last digit for any nine, and catches every single-digit change and swap of the valid numbers found', () => {
    const next = random(2026)
    let found = 0
    for (let round = 0; round < 300; round += 1) {
      const firstNine = String(Math.floor(next() * 1e9)).padStart(9, '0')
      const valid = '0123456789'.split('').map((last) => firstNine + last).filter(isValidNhsNumber)
      assert.ok(valid.length <= 1, firstNine)
      for (const number of valid) {
        found += 1
        for (const changed of [...singleDigitChanges(number), ...adjacentTranspositions(number)]) assert.equal(isValidNhsNumber(changed), false, `${number} → ${changed}`)
      }
    }
    // About 10 in 11 prefixes have a check digit; a generator that found none would prove nothing.
    assert.ok(found > 200, `found ${found}`)
  })
})

describe('PNC ID', () => {
  it('accepts valid IDs however they are typed, padding the serial to 7 digits', () => {
    // 120000123 mod 23 = 15, and letter 15 of ZABCDEFGHJKLMNPQRTUVWXY is Q.
    assertAccepts(pncId, [
      ['2012/0000123Q', '2012/0000123Q'],
      ['2012/123Q', '2012/0000123Q'],
      ['2012/00123q', '2012/0000123Q'],
      [' 2012 / 0000123 Q ', '2012/0000123Q'],
      ['2004/12345D', '2004/0012345D'],
      ['1999/7654321V', '1999/7654321V'],
      ['2020/1e', '2020/0000001E'],
      ['2023/4567890X', '2023/4567890X'],
      ['1985/0T', '1985/0000000T'],
    ])
  })

  it('says what is wrong with an ID that is not one', () => {
    assertRejects(pncId, [
      ['', 'empty'],
      [' ', 'empty'],
      // B would be the right letter for 99 and 1234567: the two-digit year is what is refused.
      ['99/1234567B', 'wrongFormat'],
      ['12/0000123Q', 'wrongFormat'],
      ['20120000123Q', 'wrongFormat'], // no slash: not guessed
      ['2012-0000123Q', 'wrongFormat'],
      ['2012/00000123Q', 'wrongFormat'], // 8 digits, even if the first is a zero
      ['2012/Q', 'wrongFormat'],
      ['2012/0000123', 'wrongFormat'],
      ['2012/0000123QQ', 'wrongFormat'],
      ['2012/0000123ı', 'wrongFormat'], // a dotless i is not upper-cased into an I
      ['2012/0000123R', 'checkLetter'],
      ['2012/0000123I', 'checkLetter'],
    ])
  })

  it('rejects every other check letter', () => {
    const others = 'ABCDEFGHIJKLMNOPRSTUVWXYZ'.split('')
    assert.equal(others.length, 25)
    assertRejects(pncId, others.map((letter) => [`2012/0000123${letter}`, 'checkLetter']))
  })

  it('catches every single-digit change to the two-digit year and the serial', () => {
    const changes = singleDigitChanges('2012/0000123Q').filter((changed) => changed.slice(0, 2) === '20')
    assert.equal(changes.length, 81)
    assertRejects(pncId, changes.map((changed) => [changed, 'checkLetter']))
  })

  it('checks only the two-digit year, as the rule says, so a changed century is not caught', () => {
    assert.equal(normalisePncId('1912/0000123Q'), '1912/0000123Q')
  })
})

describe('prison number', () => {
  it('accepts a letter, four digits and two letters, however they are typed', () => {
    assertAccepts(prisonNumber, [
      ['A1234BC', 'A1234BC'],
      ['a1234bc', 'A1234BC'],
      [' A1234 BC ', 'A1234BC'],
      ['a 1234 bc', 'A1234BC'],
    ])
  })

  it('says what is wrong with a number that is not one', () => {
    assertRejects(prisonNumber, [
      ['', 'empty'],
      ['1234ABC', 'wrongFormat'],
      ['A123BC', 'wrongFormat'],
      ['A12345BC', 'wrongFormat'],
      ['AB1234C', 'wrongFormat'],
      ['A1234B', 'wrongFormat'],
      ['A1234BCD', 'wrongFormat'],
      ['A1234B1', 'wrongFormat'],
      ['A-1234-BC', 'wrongFormat'], // hyphens are removed from NHS numbers only
      ['A1234ıC', 'wrongFormat'], // a dotless i is not upper-cased into an I
    ])
  })
})

describe('probation case reference number (CRN)', () => {
  it('accepts a letter and six digits, however they are typed', () => {
    assertAccepts(crn, [
      ['X123456', 'X123456'],
      ['x123456', 'X123456'],
      [' X 123 456 ', 'X123456'],
    ])
  })

  it('says what is wrong with a reference that is not one', () => {
    assertRejects(crn, [
      ['', 'empty'],
      ['X12345', 'wrongFormat'],
      ['X1234567', 'wrongFormat'],
      ['1234567', 'wrongFormat'],
      ['XX12345', 'wrongFormat'],
      ['X12345A', 'wrongFormat'],
      ['X-123456', 'wrongFormat'],
      ['ſ123456', 'wrongFormat'], // a long s is not upper-cased into an S
    ])
  })
})

describe('properties of every identifier', () => {
  const examples: [Identifier, string[]][] = [
    [nhsNumber, ['9434765919', '4010232137', '1000000060']],
    [pncId, ['2012/0000123Q', '2004/0012345D', '1999/7654321V', '2020/0000001E']],
    [prisonNumber, ['A1234BC', 'Z9876YX']],
    [crn, ['X123456', 'A000001']],
  ]
  // Random strings from the characters identifiers are made of, plus separators and a few
  // look-alikes, so that most are not identifiers and some nearly are.
  const alphabet = '0123456789 -/abqxzABQXZOlı\u00a0'
  const next = random(11)
  const noise = Array.from({ length: 2000 }, () =>
    Array.from({ length: Math.floor(next() * 15) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  )

  for (const [identifier, valid] of examples) {
    it(`normalises typed variants of a valid ${identifier.name} back to it`, () => {
      for (const canonical of valid) {
        for (let round = 0; round < 50; round += 1) {
          const typed = typedVariant(canonical, next)
          assert.equal(identifier.normalise(typed), canonical, JSON.stringify(typed))
        }
      }
    })

    it(`agrees with itself on any input, and normalising a ${identifier.name} twice changes nothing`, () => {
      const inputs = [...valid, ...valid.map((canonical) => typedVariant(canonical, next)), ...noise]
      for (const typed of inputs) {
        const normalised = identifier.normalise(typed)
        const problem = identifier.problem(typed)
        const message = JSON.stringify(typed)
        assert.equal(identifier.isValid(typed), normalised !== null && problem === null, message)
        assert.equal(normalised === null, problem !== null, message)
        if (normalised !== null) {
          assert.equal(identifier.normalise(normalised), normalised, message)
          assert.equal(identifier.problem(normalised), null, message)
        }
      }
    })
  }
})
