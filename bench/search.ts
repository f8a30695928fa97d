// Person search at scale: seeds N made-up people (the demo seed and its person factory) into
// a fresh database, then times searches of each kind as a member of staff with a realistic
// scope sees them, and prints the query plan of the name search.
//
//   node --import tsx bench/search.ts [--people 25000,250000] [--runs 30] [--dialect sqlite|postgres]
//
// SQLite uses a temporary file; PostgreSQL a temporary database at TEST_DATABASE_URL. No
// timings are asserted anywhere: the numbers are for people to read (ARCHITECTURE.md).

import { parseArgs } from 'node:util'
import { CompiledQuery, sql, type Compilable } from 'kysely'
import { createTestDatabase } from '../test/support/dialects.ts'
import { demoAccounts, seedDemo } from '../src/modules/demo/index.ts'
import { foldName, searchPeople } from '../src/modules/person-search/index.ts'
import { exactNamesQuery, nameCandidatesQuery } from '../src/modules/person-search/repository.ts'
import { personVisibleTo, type Scope } from '../src/platform/auth/scope.ts'
import { inTransaction, type Db, type Dialect, type Tx } from '../src/platform/db/database.ts'

const { values: options } = parseArgs({
  options: {
    people: { type: 'string', default: '25000,250000' },
    runs: { type: 'string', default: '30' },
    dialect: { type: 'string', default: 'sqlite' },
  },
})
const dialect = options.dialect as Dialect
const runs = Number(options.runs)

/** The scope of a demo account, as a request would build it. */
async function scopeOf(db: Db, email: string): Promise<Scope> {
  const user = await db.selectFrom('staff_user').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow()
  const teams = await db.selectFrom('team_membership').select('team_id').where('user_id', '=', user.id).execute()
  const now = new Date().toISOString()
  return { userId: user.id, organisationId: user.organisation_id, teamIds: teams.map((team) => team.team_id), purpose: 'direct_care', readsHealthOnly: false, now, today: now.slice(0, 10) }
}

/** One letter dropped, and two neighbouring letters swapped, near the middle of a name. */
const dropped = (name: string) => name.slice(0, Math.floor(name.length / 2)) + name.slice(Math.floor(name.length / 2) + 1)
const swapped = (name: string) => {
  const at = Math.floor(name.length / 2) - 1
  return name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2)
}

/** Queries of each kind about people the scope can see (so each finds someone). */
async function queriesFor(db: Db, scope: Scope): Promise<Array<[kind: string, query: string]>> {
  const people = await db
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where(personVisibleTo(scope))
    .orderBy('person.id')
    .limit(400)
    .execute()
  const pick = (index: number) => people[(index * 37) % people.length]!
  const identifier = await db
    .selectFrom('person_identifier')
    .select('value')
    .where('person_id', 'in', people.map((person) => person.id))
    .where('kind', '=', 'nhs_number')
    .executeTakeFirst()
  const queries: Array<[string, string]> = [
    ['exact full name', `${pick(1).given_name} ${pick(1).family_name}`],
    ['family name', pick(2).family_name],
    ['family name, letter missing', dropped(pick(3).family_name)],
    ['family name, letters swapped', swapped(pick(4).family_name)],
    ['given name only', pick(5).given_name],
    ['date of birth', pick(6).date_of_birth.split('-').reverse().join('/')],
    ['name and date of birth', `${pick(7).family_name} ${pick(7).date_of_birth}`],
  ]
  if (identifier) queries.push(['NHS number', identifier.value.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')])
  return queries
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN
const milliseconds = (value: number) => `${value.toFixed(1)} ms`

/** The plan of the query `build` makes, as the dialect's EXPLAIN prints it. */
async function explain(db: Db, build: (tx: Tx) => Compilable<unknown>): Promise<string> {
  return inTransaction(db, async (tx) => {
    const compiled = build(tx).compile()
    const keyword = dialect === 'sqlite' ? 'explain query plan' : 'explain'
    const rows = (await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`${keyword} ${compiled.sql}`, [...compiled.parameters]))).rows
    return rows.map((row) => `    ${row.detail ?? row['QUERY PLAN']}`).join('\n')
  })
}

for (const count of options.people.split(',').map(Number)) {
  const database = await createTestDatabase(dialect)
  try {
    const seedStarted = performance.now()
    await seedDemo(database.handle, { people: count, demoPassword: 'bench only, never used to sign in' })
    const { db } = database.handle
    if (dialect === 'postgres') await sql`analyze`.execute(db)
    console.log(`\n${count.toLocaleString('en-GB')} people (${dialect}), seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)
    for (const role of ['clinician', 'probation_officer']) {
      const account = demoAccounts.find((candidate) => candidate.role === role)!
      const scope = await scopeOf(db, account.email)
      const visible = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('count')).where(personVisibleTo(scope)).executeTakeFirstOrThrow()
      console.log(`  as the demo ${role.replace('_', ' ')} (${Number(visible.count).toLocaleString('en-GB')} people in scope):`)
      const all: number[] = []
      for (const [kind, query] of await queriesFor(db, scope)) {
        const times: number[] = []
        let found = 0
        for (let run = 0; run < runs; run += 1) {
          const started = performance.now()
          const result = await inTransaction(db, (tx) => searchPeople(tx, dialect, scope, query, 1))
          times.push(performance.now() - started)
          found = result.ok ? result.total : -1
        }
        times.sort((a, b) => a - b)
        all.push(...times)
        console.log(`    ${kind.padEnd(30)} p50 ${milliseconds(percentile(times, 0.5)).padStart(9)}  p95 ${milliseconds(percentile(times, 0.95)).padStart(9)}  (${found} found)`)
      }
      all.sort((a, b) => a - b)
      console.log(`    ${'all searches'.padEnd(30)} p50 ${milliseconds(percentile(all, 0.5)).padStart(9)}  p95 ${milliseconds(percentile(all, 0.95)).padStart(9)}`)
    }
    const probation = await scopeOf(db, demoAccounts.find((candidate) => candidate.role === 'probation_officer')!.email)
    console.log(`  plan of the exact name search for "teacup":\n${await explain(db, (tx) => exactNamesQuery(tx, dialect, probation, [foldName('Teacup')]))}`)
    console.log(`  plan of the close name search for "quilfeather":\n${await explain(db, (tx) => nameCandidatesQuery(tx, dialect, probation, [foldName('Quilfeather')])!)}`)
  } finally {
    await database.drop()
  }
}
