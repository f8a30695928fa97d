import { sql, type Kysely } from 'kysely'
import { columnTypes, type ColumnTypes } from './columns.ts'
import type { DatabaseHandle, Dialect } from './database.ts'

export interface MigrationContext {
  dialect: Dialect
  types: ColumnTypes
}

export interface Migration {
  version: number
  name: string
  up(db: Kysely<any>, context: MigrationContext): Promise<void>
}

export interface MigrationReport {
  applied: Migration[]
  alreadyApplied: number
}

/** Any constant will do; it only has to be the same in every instance of Pathways. */
const postgresLockKey = 727_384_001

export class MigrationError extends Error {
  override name = 'MigrationError'
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(`migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions are 1, 2, 3, … with no gaps)`)
    }
  })
}

/**
 * Forward-only: migrations run in order, once, all in one transaction. The transaction
 * first takes a lock — an advisory lock on PostgreSQL, the write lock of BEGIN IMMEDIATE
 * on SQLite — so a second instance starting at the same moment waits, then finds the
 * work done.
 */
export async function migrate(handle: DatabaseHandle, migrations: readonly Migration[]): Promise<MigrationReport> {
  checkOrder(migrations)
  const context: MigrationContext = { dialect: handle.dialect, types: columnTypes(handle.dialect) }
  const report = await handle.db.transaction().execute(async (tx) => {
    if (handle.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${postgresLockKey})`.execute(tx)
    }
    await tx.schema
      .createTable('schema_migration')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', context.types.instant, (c) => c.notNull().defaultTo(context.types.now))
      .execute()
    const applied = await tx.selectFrom('schema_migration').select(['version', 'name']).orderBy('version').execute()
    applied.forEach((row, index) => {
      const known = migrations[index]
      if (!known || known.version !== row.version || known.name !== row.name) {
        throw new MigrationError(
          `the database has migration ${row.version} "${row.name}", which this version of Pathways does not have; run the newer version that wrote it`,
        )
      }
    })
    const pending = migrations.slice(applied.length)
    for (const migration of pending) {
      await migration.up(tx, context)
      await tx.insertInto('schema_migration').values({ version: migration.version, name: migration.name }).execute()
    }
    return { applied: pending, alreadyApplied: applied.length }
  })
  return report
}
