import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Issue 5, duplicates and cohort import. `access_request`: a user who found a possible
 * match outside their scope asks the team holding it for access; one row per team.
 * `person_import`: one upload (no personal data: counts and a checksum), and its rejected
 * rows as typed, kept so the uploader can page through them and download them.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('access_request')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('requested_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('requesting_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('owning_team_id', t.id, (c) => c.notNull().references('team.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('decided_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('decided_at', t.instant)
    .addColumn('decision_note', t.text)
    .execute()
  // The owning team's list: its pending requests first, newest first.
  await db.schema.createIndex('access_request_team_idx').on('access_request').columns(['owning_team_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('access_request_person_idx').on('access_request').column('person_id').execute()

  await db.schema
    .createTable('person_import')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('requested_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('team_id', t.id, (c) => c.notNull().references('team.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('file_checksum', t.text, (c) => c.notNull())
    // The file's own column names, in its order, for the download of rejected rows.
    .addColumn('columns', t.json, (c) => c.notNull())
    .addColumn('row_count', t.integer, (c) => c.notNull())
    .addColumn('imported_count', t.integer, (c) => c.notNull())
    .addColumn('rejected_count', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('person_import_user_idx').on('person_import').columns(['requested_by', 'created_at']).execute()

  await db.schema
    .createTable('person_import_rejection')
    .addColumn('import_id', t.id, (c) => c.notNull().references('person_import.id'))
    .addColumn('row_number', t.integer, (c) => c.notNull())
    .addColumn('cells', t.json, (c) => c.notNull())
    .addColumn('problems', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('person_import_rejection_pk', ['import_id', 'row_number'])
    .execute()
}
