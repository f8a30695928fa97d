import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { columnTypes } from './columns.ts'
import { isId, newId } from './ids.ts'
import { jsonValue } from './values.ts'

interface SampleTable {
  id: string
  flag: boolean
  details: unknown
  happened_at: string
  born_on: string
  score: number
  created_at?: string
}

describeEachDialect('value conversions', (database, dialect) => {
  let db: Kysely<{ sample: SampleTable }>

  before(async () => {
    db = database().handle.db as unknown as Kysely<{ sample: SampleTable }>
    const t = columnTypes(dialect)
    await db.schema
      .createTable('sample')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('flag', t.boolean, (c) => c.notNull())
      .addColumn('details', t.json, (c) => c.notNull())
      .addColumn('happened_at', t.instant, (c) => c.notNull())
      .addColumn('born_on', t.date, (c) => c.notNull())
      .addColumn('score', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
      .execute()
  })

  it('reads back ids, booleans, JSON, instants, dates and integers as the application wrote them', async () => {
    const id = newId()
    const details = { needs: ['housing', 'debt'], interpreter: null, nested: { level: 2 } }
    await db
      .insertInto('sample')
      .values({ id, flag: true, details: jsonValue(details), happened_at: '2026-11-25T09:30:15.250Z', born_on: '1990-02-28', score: 27 })
      .execute()
    const row = await db.selectFrom('sample').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    assert.equal(row.id, id)
    assert.ok(isId(row.id))
    assert.equal(row.flag, true)
    assert.deepEqual(row.details, details)
    assert.equal(row.happened_at, '2026-11-25T09:30:15.250Z')
    assert.equal(row.born_on, '1990-02-28')
    assert.equal(row.score, 27)
  })

  it('reads false as false, and JSON arrays as arrays', async () => {
    const id = newId()
    await db
      .insertInto('sample')
      .values({ id, flag: false, details: jsonValue(['a', 1, true]), happened_at: new Date('2026-01-01T00:00:00Z') as unknown as string, born_on: '2000-01-01', score: 0 })
      .execute()
    const row = await db.selectFrom('sample').select(['flag', 'details', 'happened_at']).where('id', '=', id).executeTakeFirstOrThrow()
    assert.equal(row.flag, false)
    assert.deepEqual(row.details, ['a', 1, true])
    assert.equal(row.happened_at, '2026-01-01T00:00:00.000Z')
  })

  it('filters on booleans and compares instants in time order', async () => {
    const flagged = await db.selectFrom('sample').select('id').where('flag', '=', true).execute()
    assert.equal(flagged.length, 1)
    const later = await db.selectFrom('sample').select('score').where('happened_at', '>', '2026-06-01T00:00:00.000Z').execute()
    assert.deepEqual(later.map((row) => row.score), [27])
  })

  it('defaults instants to the insert time as an ISO-8601 UTC string', async () => {
    const row = await db.selectFrom('sample').select('created_at').executeTakeFirstOrThrow()
    assert.match(row.created_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    assert.ok(Math.abs(Date.parse(row.created_at ?? '') - Date.now()) < 60_000)
  })

  it('returns counts as numbers', async () => {
    const row = await db.selectFrom('sample').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    assert.equal(row.n, 2)
    const sum = await sql<{ total: number }>`select sum(score) as total from sample`.execute(db)
    assert.equal(sum.rows[0]?.total, 27)
  })
})

it('makes time-ordered UUIDv7 ids', () => {
  const ids = Array.from({ length: 1000 }, () => newId())
  assert.ok(ids.every(isId))
  assert.ok(ids.every((id) => id[14] === '7'), 'version 7')
  assert.deepEqual([...ids].sort(), ids, 'ids made later sort later')
  assert.equal(new Set(ids).size, ids.length)
})
