import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { completeAnswers, referralWorld, type Member, type ReferralWorld } from '../../../test/support/referrals.ts'
import { postForm } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { referralsPaths } from '../referrals/index.ts'
import { notificationsPaths } from './paths.ts'

describeEachDialect('notifications: to their recipients only, with a count in the header', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld
  let referralId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await referralWorld(app, db)
    const response = await postForm(app, world.referrer.session, referralsPaths.newReferral({ personId: world.personId }), { ...completeAnswers(world), action: 'submit' })
    referralId = String(response.headers.location).split('/').at(-1) ?? ''
  })
  after(() => app.close())

  const list = (who: Member) => app.inject({ method: 'GET', url: notificationsPaths.list(), headers: { cookie: who.session.cookie } })
  const noticeOf = (kind: string) => db.selectFrom('notification').select('id').where('referral_id', '=', referralId).where('kind', '=', kind).executeTakeFirstOrThrow()

  it('tells every member of the receiving team of a new referral, naming the service and not the person', async () => {
    for (const member of [world.reviewer, world.clinician]) {
      const page = await list(member)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`New referral to ${world.serviceName}`))
      assert.match(page.body, new RegExp(`href="/referrals/${referralId}"`))
      assert.match(page.body, /Unread/)
      assert.doesNotMatch(page.body, /Fennelwick/)
      assert.match(page.body, /Notifications \(1 unread\)/, 'the header counts it')
    }
  })

  it('tells nobody else: not the referrer of their own referral, not a colleague, not another organisation', async () => {
    for (const member of [world.referrer, world.colleague, world.stranger]) {
      const page = await list(member)
      assert.match(page.body, /You have no notifications/)
      assert.doesNotMatch(page.body, /unread\)/)
    }
  })

  it('marks a notification read for its recipients only; anyone else is told it does not exist', async () => {
    const { id } = await noticeOf('referral.submitted')
    assert.equal((await postForm(app, world.stranger.session, notificationsPaths.read({ notificationId: id }))).statusCode, 404)
    assert.equal((await postForm(app, world.referrer.session, notificationsPaths.read({ notificationId: id }))).statusCode, 404)
    assert.equal((await db.selectFrom('notification').select('read_at').where('id', '=', id).executeTakeFirstOrThrow()).read_at, null)
    const read = await postForm(app, world.clinician.session, notificationsPaths.read({ notificationId: id }))
    assert.equal(read.statusCode, 303)
    assert.equal(read.headers.location, notificationsPaths.list())
    assert.ok((await db.selectFrom('notification').select('read_at').where('id', '=', id).executeTakeFirstOrThrow()).read_at)
    const after = await list(world.reviewer)
    assert.doesNotMatch(after.body, /unread\)/, 'read for the whole team')
    assert.match(after.body, new RegExp(`New referral to ${world.serviceName}`), 'still listed')
  })

  it('tells the referrer of the decision, in words, newest first', async () => {
    await postForm(app, world.reviewer.session, referralsPaths.transitions({ referralId }), { to: 'in_review' })
    await postForm(app, world.reviewer.session, referralsPaths.transitions({ referralId }), { to: 'accepted' })
    const page = await list(world.referrer)
    assert.match(page.body, new RegExp(`Your referral to ${world.serviceName} was accepted`))
    assert.match(page.body, /Notifications \(1 unread\)/)
    assert.doesNotMatch((await list(world.colleague)).body, /was accepted/, 'the referrer\'s own')
    assert.doesNotMatch((await list(world.reviewer)).body, /was accepted/)
  })
})
