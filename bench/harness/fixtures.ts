import type { DatabaseConfig } from '../../src/platform/config.ts'
import { openDatabase } from '../../src/platform/db/database.ts'
import { demoClinicianEmail } from '../generate/index.ts'

/** What the scenarios ask for, read from the dataset: all of it the demo clinician may see or do. */
export interface Fixtures {
  /** People in the clinician's teams' scope, those with a place under way first. */
  personIds: string[]
  /** Names of those people as staff would type them: a family name, or given and family name. */
  searches: string[]
  /** The clinician's own referrals to their service, each with the status it is in. */
  reviewReferrals: Array<{ id: string; status: string }>
  serviceSlug: string
}

export const benchAccounts = { clinician: demoClinicianEmail, analyst: 'analyst@demo.pathways.test' } as const
/** The public page of the clinician's service. */
const serviceSlug = 'fallowmere-pipe'

export async function readFixtures(config: DatabaseConfig, reviewers: number): Promise<Fixtures> {
  const { db, close } = await openDatabase(config)
  try {
    const clinician = await db.selectFrom('staff_user').select('id').where('email', '=', benchAccounts.clinician).executeTakeFirstOrThrow()
    const teamIds = (await db.selectFrom('team_membership').select('team_id').where('user_id', '=', clinician.id).execute()).map((row) => row.team_id)
    // The clinician's own cases first (their richest records), then others their teams work with.
    const caseload = await db
      .selectFrom('allocation')
      .innerJoin('person', 'person.id', 'allocation.person_id')
      .select(['person.id', 'person.given_name', 'person.family_name'])
      .where('allocation.status', '=', 'active')
      .where((eb) => eb.or([eb('allocation.lead_clinician_user_id', '=', clinician.id), eb('allocation.keyworker_user_id', '=', clinician.id)]))
      .where('person.is_restricted', '=', false)
      .orderBy('person.id')
      .limit(50)
      .execute()
    const others = await db
      .selectFrom('person')
      .select(['person.id', 'person.given_name', 'person.family_name'])
      .where('person.id', 'in', (eb) => eb.selectFrom('involvement').select('involvement.person_id').where('involvement.status', '=', 'open').where('involvement.team_id', 'in', teamIds))
      .where('person.is_restricted', '=', false)
      .orderBy('person.id')
      .limit(100)
      .execute()
    const seen = new Set(caseload.map((person) => person.id))
    const people = [...caseload, ...others.filter((person) => !seen.has(person.id))].slice(0, 100)
    if (people.length === 0) throw new Error('the dataset has nobody in the demo clinician’s scope')
    const reviewReferrals = await db
      .selectFrom('referral')
      .innerJoin('service', 'service.id', 'referral.service_id')
      .select(['referral.id', 'referral.status'])
      .where('referral.referrer_user_id', '=', clinician.id)
      .where('service.slug', '=', serviceSlug)
      .where('referral.status', 'in', ['submitted', 'in_review', 'information_requested'])
      .orderBy('referral.id')
      .limit(reviewers)
      .execute()
    return {
      personIds: people.map((person) => person.id),
      searches: people.flatMap((person, index) => (index % 2 === 0 ? [person.family_name] : [`${person.given_name} ${person.family_name}`])),
      reviewReferrals,
      serviceSlug,
    }
  } finally {
    await close()
  }
}

/** The referrals' statuses now, by id: the review round picks up where the last run left them. */
export async function reviewStatuses(config: DatabaseConfig, ids: readonly string[]): Promise<Map<string, string>> {
  const { db, close } = await openDatabase(config)
  try {
    return new Map((await db.selectFrom('referral').select(['id', 'status']).where('id', 'in', ids).execute()).map((row) => [row.id, row.status]))
  } finally {
    await close()
  }
}

/**
 * The clinician reads their notifications, as a person would between sessions: each review
 * round sends them one, and unread ones left by earlier runs would make every later page's
 * header count slower than in life.
 */
export async function readNotifications(config: DatabaseConfig, email: string): Promise<void> {
  const { db, close } = await openDatabase(config)
  try {
    const user = await db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    await db.updateTable('notification').set({ read_at: new Date().toISOString() }).where('user_id', '=', user.id).where('read_at', 'is', null).execute()
  } finally {
    await close()
  }
}
