import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * The person record of issue 5: identity details on `person`, and every part that changes
 * over time (aliases, identifiers, characteristics, needs) in its own table whose rows are
 * ended, never deleted, so that history is kept. `person_change` records who changed what.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  const personColumns: [string, typeof t.text][] = [
    ['sex', t.text],
    ['gender_identity', t.text],
    ['pronouns', t.text],
    ['preferred_language', t.text],
    ['communication_needs', t.text],
    ['reasonable_adjustments', t.text],
    ['location_kind', t.text],
    ['location_establishment', t.text],
    ['location_area', t.text],
    ['created_by', t.id],
  ]
  for (const [name, type] of personColumns) await db.schema.alterTable('person').addColumn(name, type).execute()
  await db.schema.alterTable('person').addColumn('interpreter_needed', t.boolean, (c) => c.notNull().defaultTo(false)).execute()
  // Optimistic concurrency: an edit names the version it started from, and a stale one is refused.
  await db.schema.alterTable('person').addColumn('version', t.integer, (c) => c.notNull().defaultTo(1)).execute()
  // Set on the record merged into another; such a record is hidden and its page leads to the survivor.
  await db.schema.alterTable('person').addColumn('merged_into_id', t.id, (c) => c.references('person.id')).execute()
  await db.schema.createIndex('person_date_of_birth_idx').on('person').columns(['date_of_birth']).execute()

  await db.schema
    .createTable('person_alias')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('alias_type', t.text, (c) => c.notNull())
    .addColumn('given_name', t.text, (c) => c.notNull())
    .addColumn('family_name', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('recorded_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('removed_at', t.instant)
    .addColumn('removed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('person_alias_person_idx').on('person_alias').column('person_id').execute()

  // More than one of a kind over time (a new prison number each sentence); `value` is the normalised form.
  await db.schema
    .createTable('person_identifier')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('value', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('recorded_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('ended_at', t.instant)
    .addColumn('ended_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('ended_reason', t.text)
    .execute()
  await db.schema.createIndex('person_identifier_value_idx').on('person_identifier').columns(['kind', 'value']).execute()
  await db.schema.createIndex('person_identifier_person_idx').on('person_identifier').column('person_id').execute()

  // One current row per characteristic; a new answer supersedes the old one. Codes come from versioned code lists.
  await db.schema
    .createTable('person_characteristic')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('characteristic', t.text, (c) => c.notNull())
    .addColumn('code', t.text, (c) => c.notNull())
    .addColumn('code_list_version', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('recorded_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('superseded_at', t.instant)
    .execute()
  await db.schema.createIndex('person_characteristic_person_idx').on('person_characteristic').columns(['person_id', 'characteristic']).execute()
  await db.schema.createIndex('person_characteristic_code_idx').on('person_characteristic').columns(['characteristic', 'code']).execute()

  await db.schema
    .createTable('person_need')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('need', t.text, (c) => c.notNull())
    .addColumn('started_on', t.date)
    .addColumn('ended_on', t.date)
    .addColumn('source', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('recorded_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('removed_at', t.instant)
    .addColumn('removed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('person_need_person_idx').on('person_need').column('person_id').execute()

  // The history of the record: one row per change, with the values before and after.
  await db.schema
    .createTable('person_change')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('section', t.text, (c) => c.notNull())
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('changed_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('changed_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('person_change_person_idx').on('person_change').columns(['person_id', 'changed_at']).execute()

  // Events later modules add to a person's timeline (referrals, contacts, moves), each with the
  // data category that decides who may see it and the organisation that recorded it.
  await db.schema
    .createTable('person_timeline_event')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('occurred_at', t.instant, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('data_category', t.text, (c) => c.notNull())
    .addColumn('organisation_id', t.id, (c) => c.references('organisation.id'))
    .addColumn('record_type', t.text)
    .addColumn('record_id', t.id)
    .addColumn('details', t.json)
    .addColumn('recorded_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('person_timeline_event_person_idx').on('person_timeline_event').columns(['person_id', 'occurred_at']).execute()

  await db.schema.alterTable('involvement').addColumn('opened_by', t.id, (c) => c.references('staff_user.id')).execute()
  await db.schema.alterTable('involvement').addColumn('closed_by', t.id, (c) => c.references('staff_user.id')).execute()
  await db.schema.alterTable('involvement').addColumn('closing_note', t.text).execute()
}
