import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adultAges, familyNames, givenNames, nameListSizes, personFactory, youngAdultAges, type MadePerson, type PersonOptions } from './factories.ts'
import { codeList, isCode } from '../../platform/content/code-lists.ts'
import { isValidCrn, isValidNhsNumber, isValidPncId, isValidPrisonNumber } from '../people/index.ts'
import { demoDataset } from './dataset.ts'
import { communityAreas, recordedCharacteristics, womensPrison } from './person-details.ts'
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

describe('the rest of a made-up person’s record', () => {
  const people = makePeople(21, 3000)
  const share = (count: number) => count / people.length
  const count = (test: (person: MadePerson) => boolean) => people.filter(test).length

  it('gives valid identifiers: NHS numbers from the range kept for test data, PNC IDs with their check letter, prison numbers to people in custody, CRNs', () => {
    const validators: Record<string, (value: string) => boolean> = { nhs_number: isValidNhsNumber, pnc_id: isValidPncId, prison_number: isValidPrisonNumber, crn: isValidCrn }
    for (const person of people) {
      for (const { kind, value } of person.identifiers) assert.ok(validators[kind]?.(value), `${kind} ${value}`)
      assert.equal(person.identifiers.some((identifier) => identifier.kind === 'prison_number'), person.location_kind === 'custody')
      for (const { kind } of person.identifiers) assert.equal(person.identifiers.filter((other) => other.kind === kind).length, 1, 'one of each kind')
    }
    const nhsNumbers = people.flatMap((person) => person.identifiers.filter((identifier) => identifier.kind === 'nhs_number'))
    assert.ok(nhsNumbers.every(({ value }) => value.startsWith('999')))
    assert.ok(share(nhsNumbers.length) > 0.85 && share(nhsNumbers.length) < 0.97)
    assert.ok(share(count((person) => person.identifiers.some((identifier) => identifier.kind === 'crn'))) > 0.6)
  })

  it('gives about 15% other names, of the kinds in the code list', () => {
    const known = share(count((person) => person.aliases.length > 0))
    assert.ok(known > 0.11 && known < 0.19, `${known}`)
    for (const alias of people.flatMap((person) => person.aliases)) assert.ok(isCode('alias_type', alias.alias_type), alias.alias_type)
    assert.deepEqual(new Set(people.flatMap((person) => person.aliases.map((alias) => alias.alias_type))), new Set(['alias', 'previous_name', 'nickname']))
  })

  it('over-represents women, as caseloads do, with gender identities and pronouns from the code lists', () => {
    const women = share(count((person) => person.sex === 'female'))
    assert.ok(women > 0.17 && women < 0.27, `${women}`)
    for (const person of people) {
      assert.ok(isCode('sex', person.sex), person.sex)
      assert.ok(isCode('gender_identity', person.gender_identity), person.gender_identity)
    }
    assert.ok(people.some((person) => person.gender_identity === 'non_binary'))
    assert.ok(people.some((person) => person.pronouns === 'she/her') && people.some((person) => person.pronouns === null))
  })

  it('places people in custody at the demo prisons (young men at the YOI, women outside the partnership) or in a probation area', () => {
    const prisons = demoDataset.organisations.filter((organisation) => organisation.type === 'prison').map((organisation) => organisation.name)
    for (const person of people) {
      assert.ok(isCode('location_kind', person.location_kind))
      if (person.location_kind === 'custody') {
        assert.ok(person.sex === 'female' ? person.location_establishment === womensPrison : prisons.includes(person.location_establishment ?? ''), `${person.sex} at ${person.location_establishment}`)
        assert.equal(person.location_establishment === 'HMYOI Brackenford', person.sex !== 'female' && ageOn(person.date_of_birth, asOf) <= youngAdultAges.max)
      }
      if (person.location_kind === 'community') assert.ok(communityAreas.includes(person.location_area ?? ''), person.location_area ?? '')
    }
    const custody = share(count((person) => person.location_kind === 'custody'))
    assert.ok(custody > 0.3 && custody < 0.5, `${custody}`)
  })

  it('prefers a language other than English for about 8%, some needing an interpreter', () => {
    const other = people.filter((person) => person.preferred_language !== 'english')
    assert.ok(share(other.length) > 0.05 && share(other.length) < 0.11, `${share(other.length)}`)
    assert.ok(other.some((person) => person.interpreter_needed) && other.some((person) => !person.interpreter_needed))
    assert.ok(people.every((person) => isCode('language', person.preferred_language) && (person.preferred_language !== 'english' || !person.interpreter_needed)))
  })

  it('records every equality characteristic from its code list, over-representing minority ethnic groups, and always some declined or not known', () => {
    for (const name of recordedCharacteristics) assert.equal(codeList(name).characteristic, true, name)
    for (const person of people) {
      for (const { characteristic, code } of person.characteristics) assert.ok(isCode(characteristic, code), `${characteristic} ${code}`)
      const expected = recordedCharacteristics.filter((name) => name !== 'pregnancy_maternity' || person.sex === 'female')
      assert.deepEqual(person.characteristics.map((answer) => answer.characteristic).sort(), [...expected].sort())
    }
    const ethnicity = (person: MadePerson) => person.characteristics.find((answer) => answer.characteristic === 'ethnicity')?.code ?? ''
    const minority = share(count((person) => /^(mixed|asian|black|other)_/.test(ethnicity(person))))
    assert.ok(minority > 0.25 && minority < 0.45, `minority ethnic ${minority}, against under a fifth in England and Wales`)
    for (const name of recordedCharacteristics) {
      const codes = people.flatMap((person) => person.characteristics.filter((answer) => answer.characteristic === name).map((answer) => answer.code))
      for (const unanswered of ['prefer_not_to_say', 'not_known']) assert.ok(codes.includes(unanswered), `${name}: ${unanswered}`)
    }
  })

  it('gives everyone one to three different needs from the code list, with their source', () => {
    for (const person of people) {
      assert.ok(person.needs.length >= 1 && person.needs.length <= 3)
      assert.equal(new Set(person.needs.map((need) => need.need)).size, person.needs.length)
      for (const need of person.needs) {
        assert.ok(isCode('needs', need.need), need.need)
        assert.ok(isCode('need_source', need.source), need.source)
        assert.ok(need.started_on === null || need.started_on <= asOf)
      }
    }
  })
})
