import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Which file store holds a referral attachment's bytes (src/platform/files: disk or
 * database), as service downloads record it: each file is read back from the store it was
 * saved in, whatever store new files go to later. No attachment existed before this
 * migration, so the default only satisfies NOT NULL on SQLite.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema.alterTable('referral_attachment').addColumn('storage', t.text, (c) => c.notNull().defaultTo('database')).execute()
}
