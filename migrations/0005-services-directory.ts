import { sql, type Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Issue 5, the services directory: what a service offers, who it is for and how to refer,
 * where it works (several settings), eligibility rules as data, who may refer, files for
 * referrers, and the history of changes made by service managers.
 */
export async function up(db: Kysely<any>, { dialect, types: t }: MigrationContext): Promise<void> {
  for (const column of ['description', 'audience', 'how_to_refer']) {
    await db.schema.alterTable('service').addColumn(column, t.text, (c) => c.notNull().defaultTo('')).execute()
  }
  for (const column of ['contact_name', 'contact_email', 'contact_phone']) await db.schema.alterTable('service').addColumn(column, t.text).execute()

  // A service can work in several settings; the old single column said so only for custody
  // and community together. Custody in the old list meant prison.
  await db.schema
    .createTable('service_setting')
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('setting', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_setting_pk', ['service_id', 'setting'])
    .execute()
  await db.schema.createIndex('service_setting_setting_idx').on('service_setting').columns(['setting', 'service_id']).execute()
  await sql`insert into service_setting (service_id, setting) select id, 'prison' from service where setting in ('custody', 'custody_and_community')`.execute(db)
  await sql`insert into service_setting (service_id, setting) select id, 'community' from service where setting in ('community', 'custody_and_community')`.execute(db)
  await db.schema.alterTable('service').dropColumn('setting').execute()

  // `parameters` holds the rule's own values (services/rules.ts validates them on the way in and out).
  await db.schema
    .createTable('service_eligibility_rule')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('parameters', t.json, (c) => c.notNull())
    .addColumn('position', t.integer, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('service_eligibility_rule_service_idx').on('service_eligibility_rule').columns(['service_id', 'position']).execute()

  // No rows: any role that may refer, from any kind of organisation.
  await db.schema
    .createTable('service_referrer_role')
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('role', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_referrer_role_pk', ['service_id', 'role'])
    .execute()
  await db.schema
    .createTable('service_referrer_organisation_type')
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('organisation_type', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_referrer_organisation_type_pk', ['service_id', 'organisation_type'])
    .execute()

  // The bytes of files stored in the database (FILE_STORAGE=database), by generated key.
  await db.schema
    .createTable('stored_file')
    .addColumn('key', t.id, (c) => c.primaryKey())
    .addColumn('content', sql.raw(dialect === 'postgres' ? 'bytea' : 'blob'), (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  // A removed download is kept (removed_at), so the history says what referrers could fetch when.
  await db.schema
    .createTable('service_download')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('document_type', t.text, (c) => c.notNull())
    .addColumn('byte_size', t.integer, (c) => c.notNull())
    .addColumn('sha256', t.text, (c) => c.notNull())
    .addColumn('storage', t.text, (c) => c.notNull())
    .addColumn('storage_key', t.id, (c) => c.notNull().unique())
    .addColumn('uploaded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('uploaded_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('removed_at', t.instant)
    .addColumn('removed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('service_download_service_idx').on('service_download').columns(['service_id', 'uploaded_at']).execute()

  await db.schema
    .createTable('service_change')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('details', t.json, (c) => c.notNull())
    .addColumn('changed_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('changed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('service_change_service_idx').on('service_change').columns(['service_id', 'changed_at']).execute()
}
