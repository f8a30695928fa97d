import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { before, it } from 'node:test'
import { createTestDatabase, describeEachDialect } from '../../../test/support/dialects.ts'
import type { DatabaseConfig } from '../../platform/config.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { demoDataset } from './dataset.ts'
import { personFactory } from './factories.ts'
import { createRandom } from './random.ts'
import { defaultDemoPeople, seedDemo, type SeedDemoCounts, type SeedDemoOptions } from './seed.ts'

const countedTables = ['seed_run', 'organisation', 'service', 'service_element', 'team', 'person'] as const satisfies readonly (keyof Database)[]

async function rowCounts(db: Db): Promise<Record<(typeof countedTables)[number], number>> {
  const entries = await Promise.all(
    countedTables.map(async (table) => {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      return [table, row.count] as const
    }),
  )
  return Object.fromEntries(entries) as Record<(typeof countedTables)[number], number>
}

/** Runs in a separate Node process: opens the database, says it is ready, seeds when stdin closes. */
const seedingScript = `
  import { once } from 'node:events'
  import { openDatabase } from ${JSON.stringify(new URL('../../platform/db/database.ts', import.meta.url).href)}
  import { seedDemo } from ${JSON.stringify(new URL('./seed.ts', import.meta.url).href)}
  const { config, options } = JSON.parse(process.env.SEED_REQUEST)
  const handle = await openDatabase(config)
  process.stdout.write('ready\\n')
  process.stdin.resume()
  await once(process.stdin, 'end')
  try {
    process.stdout.write(JSON.stringify(await seedDemo(handle, options)))
  } finally {
    await handle.close()
  }
`

interface SeedingProcess {
  /** Settles once the process has booted and opened the database. */
  ready: Promise<void>
  start(): void
  result: Promise<SeedDemoCounts | null>
}

/**
 * A second instance of Pathways, as a separate process. (Two SQLite handles in one
 * process cannot stand in for it: better-sqlite3 waits for the write lock synchronously,
 * blocking the event loop that the lock holder needs to finish.)
 */
function startSeedingProcess(config: DatabaseConfig, options: SeedDemoOptions): SeedingProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', seedingScript], {
    env: { ...process.env, SEED_REQUEST: JSON.stringify({ config, options }) },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  let output = ''
  const readyLine = 'ready\n'
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (output.startsWith(readyLine)) resolve()
    })
    child.on('close', () => reject(new Error('the seeding process ended before it was ready')))
  })
  const result = new Promise<SeedDemoCounts | null>((resolve, reject) => {
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(output.slice(readyLine.length)) as SeedDemoCounts | null)
      else reject(new Error(`the seeding process exited with code ${code}`))
    })
  })
  return { ready, start: () => child.stdin.end(), result }
}

describeEachDialect('seedDemo', (database, dialect) => {
  let firstRun: SeedDemoCounts | null = null
  before(async () => {
    firstRun = await seedDemo(database().handle)
  })

  it('adds the whole dataset and the default number of made-up people, and says how many', async () => {
    assert.deepEqual(firstRun, { organisations: demoDataset.organisations.length, services: demoDataset.services.length, people: defaultDemoPeople })
    assert.deepEqual(await rowCounts(database().handle.db), {
      seed_run: 1,
      organisation: demoDataset.organisations.length,
      service: demoDataset.services.length,
      service_element: demoDataset.services.reduce((sum, service) => sum + service.elements.length, 0),
      team: demoDataset.teams.length,
      person: defaultDemoPeople,
    })
    const services = await database().handle.db.selectFrom('service').select('is_public').execute()
    assert.ok(services.every((service) => service.is_public === true))
  })

  it('gives the demo people names with hyphens, apostrophes and accented letters, for search to cope with', async () => {
    const people = await database().handle.db.selectFrom('person').select(['given_name', 'family_name']).execute()
    const names = people.flatMap((person) => [person.given_name, person.family_name])
    for (const shape of [/-/, /['’]/, /[^\x00-\x7f]/]) assert.ok(names.some((name) => shape.test(name)), String(shape))
  })

  it('adds nothing and returns null the second time', async () => {
    const before = await rowCounts(database().handle.db)
    assert.equal(await seedDemo(database().handle), null)
    assert.deepEqual(await rowCounts(database().handle.db), before)
  })

  it('gives the PIPE wing 30 engagement and 30 treatment places', async () => {
    const elements = await database()
      .handle.db.selectFrom('service_element')
      .innerJoin('service', 'service.id', 'service_element.service_id')
      .select(['service_element.name', 'service_element.capacity'])
      .where('service.slug', '=', 'fallowmere-pipe')
      .orderBy('service_element.position')
      .execute()
    assert.deepEqual(elements, [
      { name: 'Engagement service', capacity: 30 },
      { name: 'Treatment service', capacity: 30 },
    ])
  })

  it('places every probation delivery unit within the probation region', async () => {
    const { db } = database().handle
    const region = await db.selectFrom('organisation').select('id').where('type', '=', 'probation_region').executeTakeFirstOrThrow()
    const units = await db.selectFrom('organisation').select('parent_id').where('type', '=', 'probation_delivery_unit').execute()
    assert.ok(units.length >= 2)
    assert.deepEqual(units.map((unit) => unit.parent_id), units.map(() => region.id))
  })

  it('gives every service at least one service team', async () => {
    const { db } = database().handle
    const services = await db.selectFrom('service').select('id').execute()
    const teams = await db.selectFrom('team').select('service_id').where('service_id', 'is not', null).execute()
    const served = new Set(teams.map((team) => team.service_id))
    assert.deepEqual(services.filter((service) => !served.has(service.id)), [])
  })

  it('seeds once when two instances start at the same moment, with the people the seed makes', async () => {
    const fresh = await createTestDatabase(dialect)
    try {
      const options = { people: 1000, seed: 7 }
      const instances = [startSeedingProcess(fresh.config, options), startSeedingProcess(fresh.config, options)]
      await Promise.all(instances.map((instance) => instance.ready))
      for (const instance of instances) instance.start()
      const results = await Promise.all(instances.map((instance) => instance.result))
      assert.equal(results.filter((result) => result === null).length, 1)
      const counts = await rowCounts(fresh.handle.db)
      assert.equal(counts.organisation, demoDataset.organisations.length)
      assert.equal(counts.person, options.people)

      const fullName = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
      const random = createRandom(options.seed)
      const expected = Array.from({ length: options.people }, () => fullName(personFactory(random))).sort()
      const stored = await fresh.handle.db.selectFrom('person').select(['given_name', 'family_name']).execute()
      assert.deepEqual(stored.map(fullName).sort(), expected)
    } finally {
      await fresh.drop()
    }
  })
})
