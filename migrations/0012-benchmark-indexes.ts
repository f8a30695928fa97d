import { sql, type Kysely } from 'kysely'

/**
 * Indexes chosen from the benchmarks' query plans (bench/, docs/adr/0009-benchmarks.md).
 * Each one answers a query that runs often or on a large table with an index-only lookup.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The aggregate report reads each person's current ethnic group (and other answers) without touching the table.
  await db.schema
    .createIndex('person_characteristic_current_idx')
    .on('person_characteristic')
    .columns(['characteristic', 'person_id', 'code'])
    .where(sql.ref('superseded_at'), 'is', null)
    .execute()
  // The header's count of unread notifications, on every page: a team's unread ones only, not its whole history.
  await db.schema.createIndex('notification_team_unread_idx').on('notification').column('team_id').where(sql.ref('read_at'), 'is', null).execute()
  // A referral's involvements, read on every move of the referral (submitting opens them, a decline closes them): without it, a scan of every involvement.
  await db.schema.createIndex('involvement_referral_idx').on('involvement').column('referral_id').execute()
}
