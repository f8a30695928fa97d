import type { InsertObject } from 'kysely'
import { inTransaction, type DatabaseHandle, type Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { demoDataset, type DemoDataset } from './dataset.ts'
import { personFactory } from './factories.ts'
import { createRandom } from './random.ts'

export interface SeedDemoOptions {
  /** How many made-up people to add; 60 by default. */
  people?: number
  /** Seed for the made-up people; the same seed gives the same people on the same day. */
  seed?: number
}

export interface SeedDemoCounts {
  organisations: number
  services: number
  people: number
}

const defaultPeople = 60
const defaultSeed = 20_260_101
/** Rows per INSERT: few round trips, and well under both dialects' limits on bound parameters. */
const batchSize = 500

async function insertInBatches<T extends keyof Database & string>(tx: Tx, table: T, rows: readonly InsertObject<Database, T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await tx.insertInto(table).values(rows.slice(start, start + batchSize)).execute()
  }
}

/** Gives each key a new id; the lookup names the dataset's mistake when a reference does not resolve. */
function idsByKey(keys: readonly string[], kind: string): (key: string) => string {
  const ids = new Map(keys.map((key) => [key, newId()]))
  return (key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`demo dataset: no ${kind} "${key}"`)
    return id
  }
}

async function insertPartnership(tx: Tx, dataset: DemoDataset): Promise<void> {
  const organisationId = idsByKey(dataset.organisations.map((organisation) => organisation.key), 'organisation')
  const serviceId = idsByKey(dataset.services.map((service) => service.slug), 'service')

  // One statement per table: foreign keys are checked at the end of each statement, so
  // a delivery unit may come in the same INSERT as its region.
  await insertInBatches(
    tx,
    'organisation',
    dataset.organisations.map((organisation) => ({
      id: organisationId(organisation.key),
      name: organisation.name,
      type: organisation.type,
      parent_id: organisation.parent === undefined ? null : organisationId(organisation.parent),
    })),
  )
  await insertInBatches(
    tx,
    'service',
    dataset.services.map((service) => ({
      id: serviceId(service.slug),
      organisation_id: organisationId(service.provider),
      slug: service.slug,
      name: service.name,
      summary: service.summary,
      setting: service.setting,
      is_public: true,
    })),
  )
  await insertInBatches(
    tx,
    'service_element',
    dataset.services.flatMap((service) =>
      service.elements.map((element, index) => ({
        id: newId(),
        service_id: serviceId(service.slug),
        name: element.name,
        capacity: element.capacity,
        position: index + 1,
      })),
    ),
  )
  await insertInBatches(
    tx,
    'team',
    dataset.teams.map((team) => ({
      id: newId(),
      organisation_id: organisationId(team.organisation),
      name: team.name,
      service_id: team.service === undefined ? null : serviceId(team.service),
    })),
  )
}

async function insertPeople(tx: Tx, count: number, seed: number): Promise<void> {
  const random = createRandom(seed)
  const people = Array.from({ length: count }, () => ({ id: newId(), ...personFactory(random) }))
  await insertInBatches(tx, 'person', people)
}

/**
 * Adds the demo partnership and `people` made-up people, once. Returns what it added,
 * or null when the demo was already there.
 *
 * The 'demo' seed_run row goes in first, in the same transaction as the data. When two
 * instances start at once, the second one's insert waits on the first one's row
 * (PostgreSQL's unique index; SQLite's BEGIN IMMEDIATE write lock) and then, seeing it
 * committed, inserts nothing — so it adds nothing either, and no unique-violation error
 * is raised to be told apart from a real one.
 */
export async function seedDemo(database: DatabaseHandle, options: SeedDemoOptions = {}): Promise<SeedDemoCounts | null> {
  const people = options.people ?? defaultPeople
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`people must be a whole number ≥ 0, not ${people}`)
  return inTransaction(database.db, async (tx) => {
    const claimed = await tx
      .insertInto('seed_run')
      .values({ name: 'demo' })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .executeTakeFirst()
    if (claimed.numInsertedOrUpdatedRows === 0n) return null
    await insertPartnership(tx, demoDataset)
    await insertPeople(tx, people, options.seed ?? defaultSeed)
    return { organisations: demoDataset.organisations.length, services: demoDataset.services.length, people }
  })
}
