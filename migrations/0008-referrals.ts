import type { Kysely } from 'kysely'
import { newId } from '../src/platform/db/ids.ts'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Referrals, OPD screening, waiting lists and allocation (issue 6). Status changes are rows
 * in referral_transition (the history); allocations hold places, and capacity is counted
 * from them inside the allocating transaction, with the element row locked on PostgreSQL.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('referral')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('service_id', t.id, (c) => c.notNull().references('service.id'))
    // The element asked for (e.g. Treatment); the service may allocate to another.
    .addColumn('service_element_id', t.id, (c) => c.references('service_element.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('urgency', t.text, (c) => c.notNull())
    // Waiting-list order: lower first, then date referred. Set from urgency, adjustable by the service.
    .addColumn('priority', t.integer, (c) => c.notNull())
    .addColumn('referrer_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('referrer_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('referrer_team_id', t.id, (c) => c.references('team.id'))
    // The referrer's role in the person's life, as a code: offender manager, prison staff, L&D, charity …
    .addColumn('referrer_role', t.text, (c) => c.notNull())
    .addColumn('reasons', t.text)
    .addColumn('risk_summary', t.text)
    .addColumn('needs_summary', t.text)
    // What the referrer knows that eligibility rules ask about (services' rules: risk level, sentence left to serve).
    .addColumn('risk_of_serious_harm', t.text)
    .addColumn('sentence_end_on', t.date)
    .addColumn('legal_basis', t.text)
    .addColumn('consent_given_on', t.date)
    .addColumn('eligibility_override_reason', t.text)
    // First submission: the date the waiting time counts from.
    .addColumn('referred_at', t.instant)
    .addColumn('decided_at', t.instant)
    .addColumn('version', t.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('referral_person_idx').on('referral').column('person_id').execute()
  await db.schema.createIndex('referral_service_status_idx').on('referral').columns(['service_id', 'status', 'priority', 'referred_at']).execute()
  await db.schema.createIndex('referral_referrer_idx').on('referral').columns(['referrer_user_id', 'status']).execute()
  await db.schema.createIndex('referral_referrer_organisation_idx').on('referral').columns(['referrer_organisation_id', 'status']).execute()

  await db.schema
    .createTable('referral_transition')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('referral_id', t.id, (c) => c.notNull().references('referral.id'))
    .addColumn('from_status', t.text)
    .addColumn('to_status', t.text, (c) => c.notNull())
    .addColumn('reason', t.text)
    .addColumn('note', t.text)
    .addColumn('by_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('by_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('occurred_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('referral_transition_referral_idx').on('referral_transition').columns(['referral_id', 'occurred_at']).execute()

  // Notes the receiving service keeps about a referral; a referrer from another organisation never sees them.
  await db.schema
    .createTable('referral_note')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('referral_id', t.id, (c) => c.notNull().references('referral.id'))
    .addColumn('text', t.text, (c) => c.notNull())
    .addColumn('author_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('author_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('referral_note_referral_idx').on('referral_note').column('referral_id').execute()

  await db.schema
    .createTable('referral_attachment')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('referral_id', t.id, (c) => c.notNull().references('referral.id'))
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('media_type', t.text, (c) => c.notNull())
    .addColumn('size_bytes', t.integer, (c) => c.notNull())
    .addColumn('sha256', t.text, (c) => c.notNull())
    .addColumn('storage_key', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('uploaded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('removed_at', t.instant)
    .execute()
  await db.schema.createIndex('referral_attachment_referral_idx').on('referral_attachment').column('referral_id').execute()

  // Rule sets are versioned data; a screening names the row that decided it, so an old one keeps its version.
  await db.schema
    .createTable('screening_rule_set')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('key', t.text, (c) => c.notNull())
    .addColumn('version', t.text, (c) => c.notNull())
    .addColumn('population', t.text, (c) => c.notNull())
    .addColumn('effective_from', t.date, (c) => c.notNull())
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('screening_rule_set_version_unique', ['key', 'version'])
    .execute()

  // The first versions, from DOMAIN.md's summary of the published criteria. Written out here,
  // not imported, so that this migration stays as it shipped whatever the code later says.
  await db
    .insertInto('screening_rule_set')
    .values([
      {
        id: newId(),
        key: 'opd-men',
        version: '1',
        population: 'men',
        effective_from: '2015-04-01',
        definition: JSON.stringify({
          criteria: [{ key: 'high_risk_of_serious_harm' }, { key: 'likely_severe_personality_disorder' }, { key: 'link_between_disorder_and_risk' }, { key: 'managed_by_probation' }],
          score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 },
        }),
      },
      {
        id: newId(),
        key: 'opd-women',
        version: '1',
        population: 'women',
        effective_from: '2015-04-01',
        definition: JSON.stringify({
          criteria: [{ key: 'qualifying_current_offence' }, { key: 'high_risk_of_serious_harm' }, { key: 'likely_personality_disorder' }, { key: 'link_between_disorder_and_risk' }],
          score: { items: 15, itemThreshold: 10 },
        }),
      },
    ])
    .execute()

  await db.schema
    .createTable('screening')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('rule_set_id', t.id, (c) => c.notNull().references('screening_rule_set.id'))
    .addColumn('answers', t.json, (c) => c.notNull())
    .addColumn('computed_outcome', t.text, (c) => c.notNull())
    .addColumn('override_outcome', t.text)
    .addColumn('override_reason', t.text)
    .addColumn('overridden_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('overridden_at', t.instant)
    .addColumn('screened_on', t.date, (c) => c.notNull())
    .addColumn('screened_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('screening_person_idx').on('screening').columns(['person_id', 'screened_on']).execute()

  await db.schema
    .createTable('allocation')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('referral_id', t.id, (c) => c.notNull().references('referral.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('service_element_id', t.id, (c) => c.notNull().references('service_element.id'))
    .addColumn('keyworker_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('lead_clinician_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('ended_at', t.instant)
    .addColumn('ended_reason', t.text)
    .addColumn('over_capacity_reason', t.text)
    .addColumn('allocated_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .execute()
  await db.schema.createIndex('allocation_element_status_idx').on('allocation').columns(['service_element_id', 'status']).execute()
  await db.schema.createIndex('allocation_referral_idx').on('allocation').columns(['referral_id', 'status']).execute()
  await db.schema.createIndex('allocation_keyworker_idx').on('allocation').columns(['keyworker_user_id', 'status']).execute()
  await db.schema.createIndex('allocation_lead_clinician_idx').on('allocation').columns(['lead_clinician_user_id', 'status']).execute()

  // In-app notifications, to a user or to every member of a team.
  await db.schema
    .createTable('notification')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('team_id', t.id, (c) => c.references('team.id'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('referral_id', t.id, (c) => c.references('referral.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('read_at', t.instant)
    .execute()
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'read_at']).execute()
  await db.schema.createIndex('notification_team_idx').on('notification').columns(['team_id', 'created_at']).execute()

  // Messages for a later e-mail sender to drain; they carry no personal data, only what to say and a link.
  await db.schema
    .createTable('outbox_message')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('recipient_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('channel', t.text, (c) => c.notNull())
    .addColumn('template', t.text, (c) => c.notNull())
    .addColumn('parameters', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('sent_at', t.instant)
    .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('outbox_message_pending_idx').on('outbox_message').columns(['sent_at', 'created_at']).execute()

  // A referral's receiving team sees the person through this involvement (scope.ts).
  await db.schema.alterTable('involvement').addColumn('referral_id', t.id, (c) => c.references('referral.id')).execute()
}
