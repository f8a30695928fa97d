import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { signInMember } from '../forum/test-fixtures/members.ts'
import { forumPaths } from '../forum/index.ts'
import { demoMembers } from './forum.ts'
import { seedDemo } from './seed.ts'

const demoPassword = 'a demo password for tests'

describeEachDialect('demo forum', (database) => {
  let app: FastifyInstance

  before(async () => {
    await seedDemo(database().handle, { demoPassword, people: 200 })
    ;({ app } = await createTestApp(database()))
  })
  after(() => app.close())

  it('has categories, threads and a moderation queue of waiting and flagged posts', async () => {
    const { db } = database().handle
    assert.equal((await db.selectFrom('forum_category').select('id').execute()).length, 5)
    assert.equal((await db.selectFrom('forum_post').select('id').where('status', '=', 'pending').execute()).length, 2)
    assert.equal((await db.selectFrom('forum_flag').select('id').where('status', '=', 'open').execute()).length, 1)
  })

  it('links each member to a person on their sponsor’s teams’ caseload, and lets them sign in with the demo password', async () => {
    const { db } = database().handle
    const members = await db
      .selectFrom('forum_member')
      .innerJoin('staff_user', 'staff_user.id', 'forum_member.sponsor_user_id')
      .select(['forum_member.username', 'forum_member.person_id', 'staff_user.email'])
      .orderBy('forum_member.username')
      .execute()
    assert.deepEqual(members.map((member) => [member.username, member.email]), [...demoMembers].map((member) => [member.username, member.sponsor]).sort())
    assert.equal(new Set(members.map((member) => member.person_id)).size, members.length, 'each a different person')
    const session = await signInMember(app, { username: 'SkyLark', password: demoPassword })
    const home = await app.inject({ method: 'GET', url: forumPaths.home(), headers: { cookie: session.cookie } })
    assert.match(home.body, /Call the Fallowmere PIPE team/)
  })
})
