import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { sql } from 'kysely'
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/support/dialects.ts'
import { verifyAuditChain } from '../../src/platform/audit/index.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { generateBenchData } from './index.ts'

/*
 * The benchmark dataset at a tiny size, on both dialects: the same seed gives the same
 * records in the same order, a different seed different ones; the shapes are the ones the
 * benchmarks rely on (a few referrals per person, sessions, notes, risk plans and
 * measurements on the places under way, an audit trail that verifies); SQLite's search
 * documents written by the load are the ones the database's own view makes; and every
 * foreign key holds although the load did not check them as it went.
 */

const people = 200
const options = { people, seed: 42, asOf: '2026-06-30', demoPassword: 'bench only, never used to sign in' }

/** The first people as made: what the seed decides (ids and times of writing are not). */
function firstPeople(db: Db) {
  return db.selectFrom('person').select(['given_name', 'family_name', 'date_of_birth', 'sex', 'location_kind']).orderBy('id').limit(40).execute()
}

/** Each person's referrals in order, by service and status. */
async function referralStories(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .innerJoin('person', 'person.id', 'referral.person_id')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .select(['person.family_name', 'person.date_of_birth', 'service.slug', 'referral.status', 'referral.created_at'])
    .orderBy('person.id')
    .orderBy('referral.id')
    .execute()
  return rows.map((row) => `${row.family_name} ${row.date_of_birth} ${row.slug} ${row.status} ${row.created_at.slice(0, 10)}`)
}

const count = async (db: Db, table: 'contact' | 'case_note' | 'risk_plan' | 'outcome_measurement' | 'audit_event' | 'referral') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count)

describeEachDialect('benchmark data generator', (database, dialect) => {
  let db: Db
  let again: TestDatabase

  before(async () => {
    db = database().handle.db
    await generateBenchData(database().handle, options)
    again = await createTestDatabase(dialect)
    await generateBenchData(again.handle, options)
  })
  after(() => again.drop())

  it('makes the same people and referral histories from the same seed, and others from another', async () => {
    assert.deepEqual(await firstPeople(again.handle.db), await firstPeople(db))
    assert.deepEqual(await referralStories(again.handle.db), await referralStories(db))
    for (const table of ['contact', 'case_note', 'risk_plan', 'outcome_measurement', 'audit_event'] as const) assert.equal(await count(again.handle.db, table), await count(db, table), table)
    const other = await createTestDatabase(dialect)
    try {
      await generateBenchData(other.handle, { ...options, people: 40, seed: 43 })
      assert.notDeepEqual(await firstPeople(other.handle.db), await firstPeople(db))
    } finally {
      await other.drop()
    }
  })

  it('gives everyone a few referrals over the years, walked through the status machine', async () => {
    const perPerson = await db.selectFrom('referral').select((eb) => ['person_id', eb.fn.countAll<number>().as('count')]).groupBy('person_id').execute()
    assert.equal(perPerson.length, people)
    const counts = perPerson.map((row) => Number(row.count))
    const mean = counts.reduce((sum, value) => sum + value, 0) / counts.length
    assert.ok(mean > 1.2 && mean < 2, `referrals per person ${mean}`)
    assert.ok(counts.some((value) => value >= 3))
    // Years apart: someone's first referral is over a year older than their last.
    const spans = await db.selectFrom('referral').select((eb) => [eb.fn.min<string>('created_at').as('first'), eb.fn.max<string>('created_at').as('last')]).groupBy('person_id').execute()
    assert.ok(spans.some((span) => Date.parse(span.last) - Date.parse(span.first) > 365 * 86_400_000))
    // Each history starts from a draft and each move follows the one before.
    const moves = await db.selectFrom('referral_transition').select(['referral_id', 'from_status', 'to_status']).orderBy('referral_id').orderBy('occurred_at').execute()
    let previous: { referral_id: string; to_status: string } | undefined
    for (const move of moves) {
      assert.equal(move.from_status, previous?.referral_id === move.referral_id ? previous.to_status : 'draft')
      previous = move
    }
  })

  it('works the places under way: about ten sessions or more, notes, risk plans and CORE-10 measurements', async () => {
    const started = await db.selectFrom('allocation').innerJoin('referral', 'referral.id', 'allocation.referral_id').select('allocation.id').where('allocation.status', '=', 'active').where('referral.status', '=', 'started').execute()
    assert.ok(started.length >= 3, `${started.length} places under way`)
    const sessions = await db.selectFrom('contact_attendee').select((eb) => ['allocation_id', eb.fn.countAll<number>().as('count')]).where('allocation_id', 'in', started.map((place) => place.id)).groupBy('allocation_id').execute()
    const mean = sessions.reduce((sum, row) => sum + Number(row.count), 0) / started.length
    assert.ok(mean >= 8, `${mean} sessions per place under way`)
    assert.ok((await count(db, 'case_note')) > started.length)
    assert.ok((await count(db, 'risk_plan')) >= started.length / 2)
    const measures = await db.selectFrom('outcome_measurement').select(['instrument_key', 'answers', 'total']).execute()
    assert.ok(measures.length > 0)
    for (const measure of measures) {
      assert.equal(measure.instrument_key, 'core-10')
      assert.equal(Object.keys(measure.answers).length, 10)
      assert.ok(measure.total >= 0 && measure.total <= 40)
    }
  })

  it('keeps an audit trail in proportion that verifies, and the benchmark’s review referrals', async () => {
    const events = await count(db, 'audit_event')
    assert.ok(events >= people * 2, `${events} audit events`)
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: events })
    const review = await db
      .selectFrom('referral')
      .innerJoin('staff_user', 'staff_user.id', 'referral.referrer_user_id')
      .select('referral.status')
      .where('staff_user.email', '=', 'clinician@demo.pathways.test')
      .execute()
    assert.ok(review.length > 0 && review.every((referral) => referral.status === 'submitted'))
  })

  it('refuses a database that already holds a dataset', async () => {
    await assert.rejects(generateBenchData(database().handle, options), /already holds the bench and demo dataset; generate into an empty database/)
  })

  if (dialect === 'sqlite') {
    it('writes the search documents the database’s own view makes, indexed, and breaks no foreign key', async () => {
      const documents = await sql<{ people: number; same: number }>`
        select count(*) as people, sum(case when d.names = s.names then 1 else 0 end) as same
        from person_search_document d join person_search_source s on s.person_id = d.person_id`.execute(db)
      assert.deepEqual(documents.rows[0], { people, same: people })
      const person = await db.selectFrom('person').select('family_name').orderBy('id').executeTakeFirstOrThrow()
      const found = await sql<{ count: number }>`select count(*) as count from person_search where person_search match ${`"${person.family_name.toLowerCase().slice(0, 5)}"`}`.execute(db)
      assert.ok(Number(found.rows[0]!.count) > 0)
      assert.deepEqual((await sql`pragma foreign_key_check`.execute(db)).rows, [])
    })
  }
})
