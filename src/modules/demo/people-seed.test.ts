import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { codeList } from '../../platform/content/code-lists.ts'
import type { Db } from '../../platform/db/database.ts'
import { seedDemo } from './seed.ts'

describeEachDialect('the demo people as seeded', (database) => {
  const people = 300
  let db: Db

  before(async () => {
    db = database().handle.db
    await seedDemo(database().handle, { people, seed: 99 })
  })

  it('stores each person’s details, location and language with the record', async () => {
    const rows = await db.selectFrom('person').select(['sex', 'gender_identity', 'preferred_language', 'location_kind', 'location_establishment', 'location_area']).execute()
    assert.equal(rows.length, people)
    assert.ok(rows.every((row) => row.sex !== null && row.gender_identity !== null && row.preferred_language !== null && row.location_kind !== null))
    assert.ok(rows.every((row) => (row.location_kind === 'custody') === (row.location_establishment !== null)))
    assert.ok(rows.every((row) => (row.location_kind === 'community') === (row.location_area !== null)))
  })

  it('gives no identifier to two people, and answers equality questions with the code list’s version', async () => {
    const identifiers = await db.selectFrom('person_identifier').select(['kind', 'value']).execute()
    assert.ok(identifiers.length > people * 2)
    assert.equal(new Set(identifiers.map(({ kind, value }) => `${kind} ${value}`)).size, identifiers.length)
    const answers = await db.selectFrom('person_characteristic').select(['characteristic', 'code_list_version']).execute()
    assert.ok(answers.length >= people * 6)
    for (const answer of answers) assert.equal(answer.code_list_version, codeList(answer.characteristic).version, answer.characteristic)
  })

  it('records one to three needs for everyone, and makes everyone findable by the search index', async () => {
    const needs = await db.selectFrom('person_need').select((eb) => ['person_id', eb.fn.countAll<number>().as('count')]).groupBy('person_id').execute()
    assert.equal(needs.length, people)
    assert.ok(needs.every((row) => Number(row.count) >= 1 && Number(row.count) <= 3))
    const documents = await db.selectFrom('person_search_document').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    assert.equal(Number(documents.count), people)
  })
})
