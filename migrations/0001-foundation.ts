import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('seed_run')
    .addColumn('name', t.text, (c) => c.primaryKey())
    .addColumn('applied_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  await db.schema
    .createTable('organisation')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull().unique())
    .addColumn('type', t.text, (c) => c.notNull())
    .addColumn('parent_id', t.id, (c) => c.references('organisation.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  await db.schema
    .createTable('service')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('slug', t.text, (c) => c.notNull().unique())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('summary', t.text, (c) => c.notNull())
    .addColumn('setting', t.text, (c) => c.notNull())
    .addColumn('is_public', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('service_organisation_idx').on('service').column('organisation_id').execute()

  await db.schema
    .createTable('service_element')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('capacity', t.integer)
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('service_element_name_unique', ['service_id', 'name'])
    .execute()

  await db.schema
    .createTable('team')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('service_id', t.id, (c) => c.references('service.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('team_name_unique', ['organisation_id', 'name'])
    .execute()

  await db.schema
    .createTable('person')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('given_name', t.text, (c) => c.notNull())
    .addColumn('family_name', t.text, (c) => c.notNull())
    .addColumn('date_of_birth', t.date, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
}
