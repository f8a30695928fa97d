import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { createTestDatabase, describeEachDialect } from '../../../test/support/dialects.ts'
import { signIn } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { allocationsPaths, freePlacesByElement } from '../allocations/index.ts'
import { availableTransitions, referralStatuses, type ReferralStatus, type Side } from '../referrals/index.ts'
import { demoAccounts } from './accounts.ts'
import { demoHistory } from './referrals.ts'
import { seedDemo } from './seed.ts'

const demoPassword = 'a demo password for tests'
const seed = 4242

/** What the demo's referrals are, whatever their ids: service, element, status and person, sorted. */
async function referralSummary(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('person', 'person.id', 'referral.person_id')
    .leftJoin('service_element', 'service_element.id', 'referral.service_element_id')
    .select(['service.slug', 'service_element.name as element', 'referral.status', 'referral.priority', 'person.given_name', 'person.family_name'])
    .execute()
  return rows.map((row) => `${row.slug}/${row.element}/${row.status}/${row.priority}/${row.given_name} ${row.family_name}`).sort()
}

describeEachDialect('the demo referrals', (database, dialect) => {
  let db: Db
  let app: FastifyInstance

  before(async () => {
    db = database().handle.db
    await seedDemo(database().handle, { demoPassword, seed })
    ;({ app } = await createTestApp(database()))
  })
  after(() => app.close())

  it('has referrals in every status', async () => {
    const statuses = await db.selectFrom('referral').select('status').distinct().execute()
    assert.deepEqual(statuses.map((row) => row.status).sort(), [...referralStatuses].sort())
  })

  it('walks every history through the status machine, each move made by someone on the side and in a role that may make it', async () => {
    const referrals = await db.selectFrom('referral').select(['id', 'status', 'service_id', 'referrer_user_id', 'referrer_team_id', 'referred_at']).execute()
    const transitions = await db.selectFrom('referral_transition').select(['referral_id', 'from_status', 'to_status', 'by_user_id', 'reason', 'occurred_at']).orderBy('occurred_at').orderBy('id').execute()
    const roles = await db.selectFrom('staff_user_role').select(['user_id', 'role']).execute()
    const memberships = await db.selectFrom('team_membership').innerJoin('team', 'team.id', 'team_membership.team_id').select(['team_membership.user_id', 'team.id as team_id', 'team.service_id']).execute()
    for (const referral of referrals) {
      let status: ReferralStatus = 'draft'
      for (const move of transitions.filter((row) => row.referral_id === referral.id)) {
        assert.equal(move.from_status, status, `referral ${referral.id}`)
        const mine = memberships.filter((row) => row.user_id === move.by_user_id)
        const sides: Side[] = []
        if (move.by_user_id === referral.referrer_user_id || mine.some((row) => row.team_id === referral.referrer_team_id)) sides.push('referrer')
        if (mine.some((row) => row.service_id === referral.service_id)) sides.push('service')
        const actorRoles = roles.filter((row) => row.user_id === move.by_user_id).map((row) => row.role)
        const allowed = availableTransitions(status, actorRoles, sides).map((transition) => transition.to)
        assert.ok(allowed.includes(move.to_status as ReferralStatus), `${status} → ${move.to_status} by ${actorRoles.join(', ')} on ${sides.join(', ')}`)
        status = move.to_status as ReferralStatus
      }
      assert.equal(status, referral.status)
      assert.equal(referral.referred_at, transitions.find((row) => row.referral_id === referral.id && row.to_status === 'submitted')?.occurred_at ?? null, 'referred when first submitted')
    }
    assert.ok(transitions.filter((row) => ['declined', 'withdrawn', 'ended_early', 'transferred'].includes(row.to_status)).every((row) => row.reason !== null), 'reasons where the machine needs them')
  })

  it('fills PIPE Engagement (30 of 30) and women’s housing (5 of 5), and nearly fills PIPE Treatment (28 of 30)', async () => {
    const places = async (slug: string) => {
      const service = await db.selectFrom('service').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
      return Object.fromEntries((await freePlacesByElement(db, service.id)).map((element) => [element.name, `${element.taken}/${element.capacity}`]))
    }
    assert.deepEqual(await places('fallowmere-pipe'), { 'Engagement service': '30/30', 'Treatment service': '28/30' })
    assert.deepEqual(await places('womens-supported-housing'), { 'Housing placements': '5/5' })
  })

  it('keeps a place only for referrals that are allocated or started, and ends it with the work', async () => {
    const places = await db.selectFrom('allocation').innerJoin('referral', 'referral.id', 'allocation.referral_id').select(['allocation.status', 'allocation.ended_reason', 'referral.status as referral_status']).execute()
    for (const place of places) {
      if (place.status === 'active') assert.ok(['allocated', 'started'].includes(place.referral_status), place.referral_status)
      else assert.equal(place.ended_reason, place.referral_status)
    }
  })

  it('has people waiting for PIPE places with different priorities and dates referred', async () => {
    const waiting = await db.selectFrom('referral').innerJoin('service', 'service.id', 'referral.service_id').select(['referral.priority', 'referral.referred_at']).where('service.slug', '=', 'fallowmere-pipe').where('referral.status', '=', 'waiting').execute()
    assert.ok(waiting.length >= 8, `${waiting.length} waiting`)
    assert.equal(new Set(waiting.map((row) => row.priority)).size, 2)
    assert.equal(new Set(waiting.map((row) => row.referred_at?.slice(0, 10))).size > 4, true)
  })

  it('gives the demo keyworker and clinician caseloads they can open', async () => {
    for (const role of ['prison_keyworker', 'clinician']) {
      const account = demoAccounts.find((candidate) => candidate.role === role)!
      const session = await signIn(app, { email: account.email, password: demoPassword })
      const caseload = await app.inject({ method: 'GET', url: allocationsPaths.api.caseload(), headers: { cookie: session.cookie } })
      assert.equal(caseload.statusCode, 200)
      const { total, allocations } = caseload.json() as { total: number; allocations: Array<{ person: unknown }> }
      assert.ok(total >= 10, `${role} holds ${total} places`)
      assert.ok(allocations.every((allocation) => allocation.person !== null), 'every person on the caseload is in the worker’s scope')
    }
  })

  it('builds histories by the shortest way through the status machine, or through the status asked for', () => {
    assert.deepEqual(demoHistory('waiting').map((move) => move.to), ['submitted', 'in_review', 'accepted', 'waiting'])
    assert.deepEqual(demoHistory('withdrawn', 'waiting').map((move) => `${move.side}:${move.to}`), ['referrer:submitted', 'service:in_review', 'service:accepted', 'service:waiting', 'referrer:withdrawn'])
  })

  it('seeds the same referrals from the same seed', async () => {
    const again = await createTestDatabase(dialect)
    try {
      await seedDemo(again.handle, { demoPassword, seed })
      assert.deepEqual(await referralSummary(again.handle.db), await referralSummary(db))
    } finally {
      await again.drop()
    }
  })
})
