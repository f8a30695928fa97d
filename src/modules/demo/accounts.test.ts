import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { signIn } from '../../../test/support/sessions.ts'
import { peoplePaths } from '../people/index.ts'
import { demoAccounts } from './accounts.ts'
import { seedDemo } from './seed.ts'

const demoPassword = 'a demo password for tests'

describeEachDialect('demo accounts', (database) => {
  let app: FastifyInstance

  before(async () => {
    await seedDemo(database().handle, { demoPassword, people: 40 })
    ;({ app } = await createTestApp(database()))
  })
  after(() => app.close())

  it('has exactly one demo account for every built-in role', () => {
    const roles = [...app.roles.keys()].sort()
    assert.deepEqual(demoAccounts.map((account) => account.role).sort(), roles)
  })

  it('stores them as demo users, active, with the demo password hashed', async () => {
    // The demo referrals' colleagues (referrals.ts) are staff too, but have no password: these are the accounts that sign in.
    const users = await database().handle.db.selectFrom('staff_user').select(['email', 'is_demo', 'status', 'password_hash']).where('password_hash', 'is not', null).execute()
    assert.equal(users.length, demoAccounts.length)
    for (const user of users) {
      assert.equal(user.is_demo, true)
      assert.equal(user.status, 'active')
      assert.match(user.password_hash ?? '', /^\$argon2id\$/)
      assert.ok(!(user.password_hash ?? '').includes(demoPassword))
    }
  })

  it('lets every demo account sign in without a second factor', async () => {
    for (const account of demoAccounts) {
      const session = await signIn(app, { email: account.email, password: demoPassword })
      const page = await app.inject({ method: 'GET', url: '/account', headers: { cookie: session.cookie } })
      assert.equal(page.statusCode, 200, account.email)
      assert.ok(page.body.includes(account.email), account.email)
    }
  })

  it('shows each role the header links its capabilities open, and no others', async () => {
    const expectations: Record<string, string[]> = {
      ig_lead: ['Sharing agreements', 'Break-glass reviews', 'Audit trail'],
      organisation_administrator: ['Administration'],
      volunteer: [],
    }
    for (const [role, links] of Object.entries(expectations)) {
      const account = demoAccounts.find((candidate) => candidate.role === role)!
      const session = await signIn(app, { email: account.email, password: demoPassword })
      const home = await app.inject({ method: 'GET', url: '/', headers: { cookie: session.cookie } })
      for (const label of ['Administration', 'Sharing agreements', 'Break-glass reviews', 'Audit trail']) {
        assert.equal(home.body.includes(`>${label}<`) || new RegExp(`>\\s*${label}\\s*<`).test(home.body), links.includes(label), `${role}: ${label}`)
      }
    }
  })

  it('gives the demo clinician people to see through their team, and the analyst no person pages', async () => {
    const { db } = database().handle
    const clinician = demoAccounts.find((account) => account.role === 'clinician')!
    const analyst = demoAccounts.find((account) => account.role === 'data_analyst')!
    const held = await db
      .selectFrom('involvement')
      .innerJoin('team_membership', 'team_membership.team_id', 'involvement.team_id')
      .innerJoin('staff_user', 'staff_user.id', 'team_membership.user_id')
      .select('involvement.person_id')
      .where('staff_user.email', '=', clinician.email)
      .where('involvement.status', '=', 'open')
      .execute()
    assert.ok(held.length > 0, 'the clinician has a caseload')
    const personId = held[0]!.person_id
    const clinicianSession = await signIn(app, { email: clinician.email, password: demoPassword })
    assert.equal((await app.inject({ method: 'GET', url: peoplePaths.person({ personId }), headers: { cookie: clinicianSession.cookie } })).statusCode, 200)
    const analystSession = await signIn(app, { email: analyst.email, password: demoPassword })
    assert.equal((await app.inject({ method: 'GET', url: peoplePaths.person({ personId }), headers: { cookie: analystSession.cookie } })).statusCode, 403)
  })
})
