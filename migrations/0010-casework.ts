import type { Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

/**
 * Case work (issue 7). A case is an allocation: a person's place in a service element with
 * a keyworker and/or lead clinician. Everything written about the case hangs off the
 * allocation and repeats the person id, so scope (which is about people) is one join away.
 * Versioned records (formulation, risk plan) add a row per version; case notes are never
 * updated — an amendment is a new row naming the one it amends.
 */
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  // Closing a case: the summary written at closure, and the team a transfer hands over to.
  await db.schema.alterTable('allocation').addColumn('closing_summary', t.text).execute()
  await db.schema.alterTable('allocation').addColumn('transferred_to_team_id', t.id, (c) => c.references('team.id')).execute()
  // A case's history is the person's timeline events that name the case.
  await db.schema.alterTable('person_timeline_event').addColumn('allocation_id', t.id, (c) => c.references('allocation.id')).execute()
  await db.schema.createIndex('person_timeline_event_allocation_idx').on('person_timeline_event').columns(['allocation_id', 'occurred_at']).execute()

  await db.schema
    .createTable('case_formulation')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('version', t.integer, (c) => c.notNull())
    // The part every case reader sees: presenting difficulties, the 4 Ps, strengths, relational patterns, links to risk, recommendations.
    .addColumn('shared', t.json, (c) => c.notNull())
    // The clinical-only part: health-only, for clinical roles of health organisations.
    .addColumn('clinical', t.json, (c) => c.notNull())
    .addColumn('formulated_on', t.date, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('case_formulation_version_unique', ['allocation_id', 'version'])
    .execute()

  // Co-authors of a formulation version (typically the clinician and the offender manager).
  await db.schema
    .createTable('case_formulation_author')
    .addColumn('formulation_id', t.id, (c) => c.notNull().references('case_formulation.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addPrimaryKeyConstraint('case_formulation_author_pk', ['formulation_id', 'user_id'])
    .execute()

  // One pathway plan per case; goals and actions change status in place, each change audited.
  await db.schema
    .createTable('pathway_plan')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().unique().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('review_on', t.date)
    // The recommended pathway: next service in custody, progression move, community plan.
    .addColumn('custody_next_service', t.text)
    .addColumn('progression_move', t.text)
    .addColumn('community_pathway', t.text)
    .addColumn('version', t.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('pathway_plan_review_idx').on('pathway_plan').column('review_on').execute()

  await db.schema
    .createTable('plan_goal')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('plan_id', t.id, (c) => c.notNull().references('pathway_plan.id'))
    .addColumn('description', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('plan_goal_plan_idx').on('plan_goal').columns(['plan_id', 'position']).execute()

  await db.schema
    .createTable('plan_action')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('goal_id', t.id, (c) => c.notNull().references('plan_goal.id'))
    .addColumn('description', t.text, (c) => c.notNull())
    // Who does it: a named worker, or a role in words ("the person", "offender manager").
    .addColumn('owner_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('owner_description', t.text)
    .addColumn('due_on', t.date)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('plan_action_goal_idx').on('plan_action').column('goal_id').execute()
  await db.schema.createIndex('plan_action_due_idx').on('plan_action').columns(['status', 'due_on']).execute()

  // The community pathway's three tiers (training, consultation, co-working) a case is in, over time.
  await db.schema
    .createTable('case_tier')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('tier', t.text, (c) => c.notNull())
    .addColumn('started_on', t.date, (c) => c.notNull())
    .addColumn('ended_on', t.date)
    .addColumn('recorded_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('case_tier_allocation_idx').on('case_tier').column('allocation_id').execute()

  // A contact is one event (a session, visit or consultation); attendance is per person, so a group session is one contact with many attendees.
  await db.schema
    .createTable('contact')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('service_element_id', t.id, (c) => c.notNull().references('service_element.id'))
    .addColumn('title', t.text)
    .addColumn('occurs_at', t.instant, (c) => c.notNull())
    .addColumn('duration_minutes', t.integer)
    .addColumn('location', t.text)
    .addColumn('follow_up', t.text)
    .addColumn('recorded_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('contact_element_idx').on('contact').columns(['service_element_id', 'occurs_at']).execute()

  await db.schema
    .createTable('contact_attendee')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contact.id'))
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    // null until the contact has happened: planned.
    .addColumn('outcome', t.text)
    .addColumn('cancelled_by', t.text)
    .addColumn('outcome_reason', t.text)
    .addUniqueConstraint('contact_attendee_unique', ['contact_id', 'allocation_id'])
    .execute()
  await db.schema.createIndex('contact_attendee_allocation_idx').on('contact_attendee').column('allocation_id').execute()
  await db.schema.createIndex('contact_attendee_person_idx').on('contact_attendee').column('person_id').execute()

  await db.schema
    .createTable('case_note')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('note_type', t.text, (c) => c.notNull())
    // Clinical content: readable only by clinical roles of health organisations (scope.readsHealthOnly).
    .addColumn('health_only', t.boolean, (c) => c.notNull())
    .addColumn('text', t.text, (c) => c.notNull())
    // An amendment is a new row: the original stays as written.
    .addColumn('amends_note_id', t.id, (c) => c.references('case_note.id'))
    .addColumn('amendment_reason', t.text)
    .addColumn('author_user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('author_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('case_note_allocation_idx').on('case_note').columns(['allocation_id', 'created_at']).execute()
  await db.schema.createIndex('case_note_amends_idx').on('case_note').column('amends_note_id').execute()

  await db.schema
    .createTable('case_note_attachment')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('note_id', t.id, (c) => c.notNull().references('case_note.id'))
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('media_type', t.text, (c) => c.notNull())
    .addColumn('size_bytes', t.integer, (c) => c.notNull())
    .addColumn('sha256', t.text, (c) => c.notNull())
    .addColumn('storage', t.text, (c) => c.notNull())
    .addColumn('storage_key', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('uploaded_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('case_note_attachment_note_idx').on('case_note_attachment').column('note_id').execute()

  await db.schema
    .createTable('risk_plan')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('summary', t.text, (c) => c.notNull())
    .addColumn('triggers', t.text)
    .addColumn('warning_signs', t.text)
    .addColumn('protective_factors', t.text)
    // Contingency actions: [{ action, contact }] — what to do, and whom to contact.
    .addColumn('contingencies', t.json, (c) => c.notNull())
    .addColumn('review_on', t.date, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('risk_plan_version_unique', ['allocation_id', 'version'])
    .execute()
  await db.schema.createIndex('risk_plan_review_idx').on('risk_plan').column('review_on').execute()

  // One completed questionnaire: the instrument (key and version, from src/modules/outcomes) with the answers and the scored total.
  await db.schema
    .createTable('outcome_measurement')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('allocation_id', t.id, (c) => c.notNull().references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('instrument_key', t.text, (c) => c.notNull())
    .addColumn('instrument_version', t.text, (c) => c.notNull())
    .addColumn('measured_on', t.date, (c) => c.notNull())
    .addColumn('answers', t.json, (c) => c.notNull())
    .addColumn('total', t.integer, (c) => c.notNull())
    .addColumn('recorded_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('outcome_measurement_allocation_idx').on('outcome_measurement').columns(['allocation_id', 'instrument_key', 'measured_on']).execute()

  // Work someone must do that is not already a date on a record: a hand-over after transfer, a concern raised in the forum.
  await db.schema
    .createTable('case_task')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('allocation_id', t.id, (c) => c.references('allocation.id'))
    .addColumn('person_id', t.id, (c) => c.references('person.id'))
    .addColumn('assigned_user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('assigned_team_id', t.id, (c) => c.references('team.id'))
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('detail', t.text)
    // Where the task came from, for a link back (e.g. a forum post).
    .addColumn('source_type', t.text)
    .addColumn('source_id', t.text)
    .addColumn('due_on', t.date)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('done_at', t.instant)
    .addColumn('done_by', t.id, (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('case_task_user_idx').on('case_task').columns(['assigned_user_id', 'status']).execute()
  await db.schema.createIndex('case_task_team_idx').on('case_task').columns(['assigned_team_id', 'status']).execute()
}
