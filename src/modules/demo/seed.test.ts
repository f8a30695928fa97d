import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { createTestDatabase, describeEachDialect } from '../../../test/support/dialects.ts'
import { openDatabase, type Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { demoDataset } from './dataset.ts'
import { personFactory } from './factories.ts'
import { createRandom } from './random.ts'
import { seedDemo, type SeedDemoCounts } from './seed.ts'

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

describeEachDialect('seedDemo', (database, dialect) => {
  let firstRun: SeedDemoCounts | null = null
  before(async () => {
    firstRun = await seedDemo(database().handle)
  })

  it('adds the whole dataset and 60 made-up people, and says how many', async () => {
    assert.deepEqual(firstRun, { organisations: demoDataset.organisations.length, services: demoDataset.services.length, people: 60 })
    assert.deepEqual(await rowCounts(database().handle.db), {
      seed_run: 1,
      organisation: demoDataset.organisations.length,
      service: demoDataset.services.length,
      service_element: demoDataset.services.reduce((sum, service) => sum + service.elements.length, 0),
      team: demoDataset.teams.length,
      person: 60,
    })
    const services = await database().handle.db.selectFrom('service').select('is_public').execute()
    assert.ok(services.every((service) => service.is_public === true))
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
    // A second handle on the same database, as a second instance of Pathways would have.
    const otherInstance = await openDatabase(fresh.config)
    try {
      const results = await Promise.all([seedDemo(fresh.handle, { people: 700, seed: 7 }), seedDemo(otherInstance, { people: 700, seed: 7 })])
      assert.equal(results.filter((result) => result === null).length, 1)
      const counts = await rowCounts(fresh.handle.db)
      assert.equal(counts.organisation, demoDataset.organisations.length)
      assert.equal(counts.person, 700)

      const fullName = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`
      const random = createRandom(7)
      const expected = Array.from({ length: 700 }, () => fullName(personFactory(random))).sort()
      const stored = await fresh.handle.db.selectFrom('person').select(['given_name', 'family_name']).execute()
      assert.deepEqual(stored.map(fullName).sort(), expected)
    } finally {
      await otherInstance.close()
      await fresh.drop()
    }
  })
})
