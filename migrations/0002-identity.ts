import { sql, type Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'

export async function up(db: Kysely<any>, { dialect, types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('staff_user')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('email', t.text, (c) => c.notNull().unique())
    .addColumn('display_name', t.text, (c) => c.notNull())
    .addColumn('password_hash', t.text)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('is_demo', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('mfa_secret', t.text)
    .addColumn('mfa_enrolled_at', t.instant)
    // The last 30-second step whose code was accepted: a code is good once, not for its whole window.
    .addColumn('mfa_last_step', t.bigint)
    .addColumn('oidc_subject', t.text, (c) => c.unique())
    .addColumn('locked_until', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('staff_user_organisation_idx').on('staff_user').column('organisation_id').execute()

  await db.schema
    .createTable('staff_user_role')
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('role', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_user_role_pk', ['user_id', 'role'])
    .execute()

  await db.schema
    .createTable('team_membership')
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('team_id', t.id, (c) => c.notNull().references('team.id'))
    .addPrimaryKeyConstraint('team_membership_pk', ['user_id', 'team_id'])
    .execute()
  await db.schema.createIndex('team_membership_team_idx').on('team_membership').column('team_id').execute()

  // Anonymous sessions (user_id null) carry the CSRF token of the sign-in form.
  await db.schema
    .createTable('session')
    .addColumn('id_hash', t.text, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.references('staff_user.id'))
    .addColumn('csrf_token', t.text, (c) => c.notNull())
    .addColumn('mfa_pending', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('reauthenticated_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute()

  await db.schema
    .createTable('sign_in_attempt')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email', t.text, (c) => c.notNull())
    .addColumn('address', t.text, (c) => c.notNull())
    .addColumn('succeeded', t.boolean, (c) => c.notNull())
    .addColumn('attempted_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sign_in_attempt_email_idx').on('sign_in_attempt').columns(['email', 'attempted_at']).execute()
  await db.schema.createIndex('sign_in_attempt_address_idx').on('sign_in_attempt').columns(['address', 'attempted_at']).execute()

  await db.schema
    .createTable('mfa_recovery_code')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('code_hash', t.text, (c) => c.notNull())
    .addColumn('used_at', t.instant)
    .execute()
  await db.schema.createIndex('mfa_recovery_code_user_idx').on('mfa_recovery_code').column('user_id').execute()

  await db.schema
    .createTable('password_reset')
    .addColumn('token_hash', t.text, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('issued_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('used_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  await db.schema
    .createTable('api_token')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('token_hash', t.text, (c) => c.notNull().unique())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('last_used_at', t.instant)
    .addColumn('revoked_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()

  // A team's open involvement with a person is the first way into their record (ARCHITECTURE "Access and audit").
  await db.schema
    .createTable('involvement')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('team_id', t.id, (c) => c.notNull().references('team.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('started_on', t.date, (c) => c.notNull())
    .addColumn('ended_on', t.date)
    .addColumn('closed_reason', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema.createIndex('involvement_team_person_idx').on('involvement').columns(['team_id', 'status', 'person_id']).execute()
  await db.schema.createIndex('involvement_person_idx').on('involvement').columns(['person_id', 'status']).execute()

  await db.schema.alterTable('person').addColumn('is_restricted', t.boolean, (c) => c.notNull().defaultTo(false)).execute()
  await db.schema
    .createTable('restricted_grant')
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('granted_by', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('granted_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .addPrimaryKeyConstraint('restricted_grant_pk', ['person_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('sharing_agreement')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('owner_organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addColumn('starts_on', t.date, (c) => c.notNull())
    .addColumn('ends_on', t.date)
    .addColumn('created_at', t.instant, (c) => c.notNull().defaultTo(t.now))
    .execute()
  await db.schema
    .createTable('sharing_agreement_party')
    .addColumn('agreement_id', t.id, (c) => c.notNull().references('sharing_agreement.id'))
    .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('sharing_agreement_party_pk', ['agreement_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('sharing_agreement_party_organisation_idx').on('sharing_agreement_party').column('organisation_id').execute()
  // Purposes and data categories are rows, not JSON, so scope checks are plain indexed joins on both dialects.
  await db.schema
    .createTable('sharing_agreement_purpose')
    .addColumn('agreement_id', t.id, (c) => c.notNull().references('sharing_agreement.id'))
    .addColumn('purpose', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('sharing_agreement_purpose_pk', ['agreement_id', 'purpose'])
    .execute()
  await db.schema
    .createTable('sharing_agreement_category')
    .addColumn('agreement_id', t.id, (c) => c.notNull().references('sharing_agreement.id'))
    .addColumn('data_category', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('sharing_agreement_category_pk', ['agreement_id', 'data_category'])
    .execute()

  await db.schema
    .createTable('break_glass')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('staff_user.id'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('person.id'))
    .addColumn('category', t.text, (c) => c.notNull())
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('reviewed_by', t.id, (c) => c.references('staff_user.id'))
    .addColumn('reviewed_at', t.instant)
    .addColumn('review_outcome', t.text)
    .addColumn('review_note', t.text)
    .execute()
  await db.schema.createIndex('break_glass_user_person_idx').on('break_glass').columns(['user_id', 'person_id', 'expires_at']).execute()

  // The audit trail: append-only, each row chained to the one before by SHA-256.
  await db.schema
    .createTable('audit_event')
    .addColumn('sequence', dialect === 'postgres' ? sql.raw('bigint generated always as identity') : sql.raw('integer'), (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', t.id, (c) => c.notNull().unique())
    .addColumn('occurred_at', t.instant, (c) => c.notNull())
    .addColumn('user_id', t.id)
    .addColumn('organisation_id', t.id)
    .addColumn('person_id', t.id)
    .addColumn('record_type', t.text)
    .addColumn('record_id', t.text)
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('purpose', t.text)
    .addColumn('route', t.text)
    .addColumn('request_id', t.text)
    .addColumn('outcome', t.text, (c) => c.notNull())
    .addColumn('details', t.json)
    .addColumn('previous_hash', t.text, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_event_person_idx').on('audit_event').columns(['person_id', 'occurred_at']).execute()
  await db.schema.createIndex('audit_event_user_idx').on('audit_event').columns(['user_id', 'occurred_at']).execute()
  await db.schema.createIndex('audit_event_time_idx').on('audit_event').column('occurred_at').execute()
  // The IG lead's audit viewer pages through one organisation's events by sequence.
  await db.schema.createIndex('audit_event_organisation_idx').on('audit_event').columns(['organisation_id', 'sequence']).execute()

  if (dialect === 'postgres') {
    await sql`
      create function audit_event_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op;
      end $$`.execute(db)
    await sql`create trigger audit_event_append_only before update or delete on audit_event for each row execute function audit_event_refuse_change()`.execute(db)
    await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_refuse_change()`.execute(db)
  } else {
    await sql`create trigger audit_event_no_update before update on audit_event begin select raise(abort, 'audit_event is append-only: UPDATE refused'); end`.execute(db)
    await sql`create trigger audit_event_no_delete before delete on audit_event begin select raise(abort, 'audit_event is append-only: DELETE refused'); end`.execute(db)
  }
}
