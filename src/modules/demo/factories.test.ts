import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adultAges, familyNames, givenNames, nameListSizes, personFactory, youngAdultAges, type MadePerson, type PersonOptions } from './factories.ts'
import { createRandom } from './random.ts'

const asOf = '2026-03-15'

function makePeople(seed: number, count: number, options: PersonOptions = { asOf }): MadePerson[] {
  const random = createRandom(seed)
  return Array.from({ length: count }, () => personFactory(random, options))
}

/** Whole years between a date of birth and `on`. */
function ageOn(dateOfBirth: string, on: string): number {
  const hadBirthday = on.slice(5) >= dateOfBirth.slice(5)
  return Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (hadBirthday ? 0 : 1)
}

describe('personFactory', () => {
  it('makes the same people from the same seed', () => {
    assert.deepEqual(makePeople(11, 200), makePeople(11, 200))
  })

  it('makes different people from a different seed', () => {
    assert.notDeepEqual(makePeople(11, 200), makePeople(12, 200))
  })

  it('makes adults aged 18 to 70, with a share of young adults for the YOI service', () => {
    const ages = makePeople(3, 3000).map((person) => ageOn(person.date_of_birth, asOf))
    assert.ok(ages.every((age) => age >= adultAges.min && age <= adultAges.max), `ages ${Math.min(...ages)}–${Math.max(...ages)}`)
    assert.equal(Math.min(...ages), 18)
    assert.equal(Math.max(...ages), 70)
    const youngAdults = ages.filter((age) => age <= youngAdultAges.max).length
    assert.ok(youngAdults > 3000 / 8 && youngAdults < 3000 / 3.5, `${youngAdults} young adults`)
  })

  it('keeps to the age range asked for, on a leap day too', () => {
    for (const on of [asOf, '2028-02-29']) {
      const ages = makePeople(5, 2000, { ages: youngAdultAges, asOf: on }).map((person) => ageOn(person.date_of_birth, on))
      assert.deepEqual([...new Set(ages)].sort(), [18, 19, 20, 21])
    }
  })

  it('takes names only from the name lists', () => {
    for (const person of makePeople(8, 2000)) {
      assert.ok(givenNames.includes(person.given_name), person.given_name)
      assert.ok(familyNames.includes(person.family_name), person.family_name)
    }
  })

  it('gives names with hyphens, apostrophes, spaces and accented letters', () => {
    const names = makePeople(2, 500).flatMap((person) => [person.given_name, person.family_name])
    for (const shape of [/-/, /'/, / /, /[^\x00-\x7f]/]) assert.ok(names.some((name) => shape.test(name)), String(shape))
  })
})

describe('name lists', () => {
  it('hold no name twice', () => {
    assert.equal(new Set(givenNames).size, givenNames.length)
    assert.equal(new Set(familyNames).size, familyNames.length)
  })

  it('combine into more full names than the 250k-person benchmark needs', () => {
    assert.equal(nameListSizes.combinations, givenNames.length * familyNames.length)
    assert.ok(nameListSizes.combinations >= 250_000)
  })
})
