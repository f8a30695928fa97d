import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Merges of duplicate person records (src/modules/person-merge). A merge re-points the
 * duplicate's rows to the survivor and records here which rows it moved, table by table,
 * so that a reversal moves back exactly those rows and no others.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('person_merge')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('survivor_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('merged_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('merged_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('merged_at', t.instant, (c) => c.notNull())
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('moved_rows', t.json, (c) => c.notNull())
    .addColumn('reversed_at', t.instant)
    .addColumn('reversed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  // A person's merge history lists merges into them and out of them.
  await db.schema.createIndex('person_merge_survivor_idx').on('person_merge').columns(['survivor_id', 'merged_at']).execute()
  await db.schema.createIndex('person_merge_merged_idx').on('person_merge').columns(['merged_id', 'merged_at']).execute()
}
