import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { forumPaths } from './index.ts'
import { createMember, forumTestApp, signInMember, type TestMember } from './test-fixtures/members.ts'

/*
 * The forum's members and their posts on both dialects: signing in as a member and what a
 * member session can and cannot reach, joining with a code from staff, pre-moderation, the
 * filter, safety escalation into case work, and the moderators' actions.
 */

describeEachDialect('involvement forum', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let categoryId: string
  let moderator: BrowserSession
  let member: TestMember
  let memberSession: BrowserSession

  const get = (url: string, session?: { cookie: string }) => app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} })
  const postOf = (id: string) => db.selectFrom('forum_post').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const idFrom = (location: unknown) => /#post-([0-9a-f-]+)/.exec(String(location))?.[1] ?? ''
  const topicFrom = (location: unknown) => /\/forum\/topics\/([0-9a-f-]+)/.exec(String(location))?.[1] ?? ''

  async function newTopic(session: BrowserSession, title: string, body: string) {
    const response = await postForm(app, session, forumPaths.newTopic({ categoryId }), { title, body })
    assert.equal(response.statusCode, 303, response.body)
    return { location: String(response.headers.location), postId: idFrom(response.headers.location), topicId: topicFrom(response.headers.location) }
  }

  before(async () => {
    app = await forumTestApp(database(), { preModeratedPosts: 2, rateLimit: { posts: 8, minutes: 10 } })
    db = database().handle.db
    world = await caseWorld(app, db)
    categoryId = newId()
    await db.insertInto('forum_category').values({ id: categoryId, name: 'Peer support', description: 'Talk to each other', position: 1 }).execute()
    const moderatorUser = await createUser(db, { organisationId: world.elsewhere.organisationId, roles: ['forum_moderator'], isDemo: true })
    moderator = await signIn(app, moderatorUser)
    member = await createMember(db, { sponsorUserId: world.users.clinician.id, personId: world.personId, username: 'SkyWalker' })
    memberSession = await signInMember(app, member)
  })
  after(() => app.close())

  it('signs a member in to the forum, with the banner, their sponsor and the crisis lines', async () => {
    const response = await get(forumPaths.home(), memberSession)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Not for use in a crisis/)
    assert.match(response.body, /Call the team on 01632 960 000/)
    assert.match(response.body, /116 123/)
    assert.match(response.body, /999/)
    assert.match(response.body, /A moderator is on duty now/)
    assert.match(response.body, /Peer support/)
  })

  it('refuses a wrong password', async () => {
    const page = await app.inject({ method: 'GET', url: forumPaths.signIn() })
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? ''
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
    const response = await postForm(app, { cookie, csrf }, forumPaths.signIn(), { username: member.username, password: 'not the password at all' })
    assert.equal(response.statusCode, 401)
    assert.match(response.body, /username or password is not right/)
  })

  it('sends an anonymous visitor to the forum sign-in, and a staff session gets no member page', async () => {
    const anonymous = await get(forumPaths.home())
    assert.equal(anonymous.statusCode, 303)
    assert.equal(anonymous.headers.location, `${forumPaths.signIn()}?returnTo=%2Fforum`)
    const staff = await get(forumPaths.home(), world.sessions.clinician)
    assert.equal(staff.statusCode, 403)
  })

  it('lets a member session reach nothing of the staff side, nor another member', async () => {
    for (const url of ['/people', forumPaths.moderation(), forumPaths.members(), forumPaths.moderationMember({ memberId: member.id }), '/account']) {
      const response = await get(url, memberSession)
      assert.equal(response.statusCode, 303, url)
      assert.match(String(response.headers.location), /^\/sign-in\?returnTo=/, url)
    }
    const other = await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'OtherMember' })
    const account = await get(forumPaths.account(), memberSession)
    assert.match(account.body, /SkyWalker/)
    assert.doesNotMatch(account.body, new RegExp(other.username))
  })

  it('refuses a member’s form without the member session’s CSRF token', async () => {
    const response = await postForm(app, { cookie: memberSession.cookie, csrf: 'wrong' }, forumPaths.newTopic({ categoryId }), { title: 'Hello', body: 'Hello there' })
    assert.equal(response.statusCode, 403)
  })

  it('holds a new member’s first posts for a moderator, shows them only to their author, then publishes', async () => {
    const first = await newTopic(memberSession, 'Hello everyone', 'My first post here')
    assert.match(first.location, /posted=held/)
    assert.equal((await postOf(first.postId)).status, 'pending')
    assert.deepEqual((await postOf(first.postId)).hold_reasons, ['new_member'])
    const own = await get(first.location.split('#')[0] ?? '', memberSession)
    assert.match(own.body, /My first post here/)
    assert.match(own.body, /Waiting for a moderator/)
    const reader = await signInMember(app, await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'QuietReader' }))
    assert.equal((await get(forumPaths.topic({ topicId: first.topicId }), reader)).statusCode, 404, 'a topic with nothing published is not there for others')
    assert.equal((await postForm(app, moderator, forumPaths.approvePost({ postId: first.postId }))).statusCode, 303)
    const shown = await get(forumPaths.topic({ topicId: first.topicId }), reader)
    assert.equal(shown.statusCode, 200)
    assert.match(shown.body, /My first post here/)
    const second = await postForm(app, memberSession, forumPaths.reply({ topicId: first.topicId }), { body: 'Second post' })
    assert.match(String(second.headers.location), /posted=held/)
    await postForm(app, moderator, forumPaths.approvePost({ postId: idFrom(second.headers.location) }))
    const third = await postForm(app, memberSession, forumPaths.reply({ topicId: first.topicId }), { body: 'Third post, no longer new' })
    assert.match(String(third.headers.location), /posted=published/)
    assert.equal((await postOf(idFrom(third.headers.location))).status, 'published')
  })

  it('marks a topic new until the member has read it', async () => {
    const reader = await signInMember(app, await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'NewsReader' }))
    const before = await get(forumPaths.category({ categoryId }), reader)
    assert.match(before.body, /govuk-tag--blue">New</)
    const topics = await db.selectFrom('forum_topic').select('id').where('category_id', '=', categoryId).where('last_post_at', 'is not', null).execute()
    for (const topic of topics) await get(forumPaths.topic({ topicId: topic.id }), reader)
    const afterReading = await get(forumPaths.category({ categoryId }), reader)
    assert.doesNotMatch(afterReading.body, /govuk-tag--blue">New</)
  })

  it('holds a post with an identifier or a watched word, and says why on the moderation queue', async () => {
    const withNumber = await postForm(app, memberSession, forumPaths.newTopic({ categoryId }), { title: 'Numbers', body: 'My NHS number is 943 476 5919' })
    assert.deepEqual((await postOf(idFrom(withNumber.headers.location))).hold_reasons, ['nhs_number'])
    assert.equal((await postForm(app, moderator, forumPaths.watchWords(), { kind: 'word', phrase: 'Arson' })).statusCode, 303)
    const watched = await postForm(app, memberSession, forumPaths.newTopic({ categoryId }), { title: 'Watched', body: 'He did an arson once' })
    const held = await postOf(idFrom(watched.headers.location))
    assert.equal(held.status, 'pending')
    assert.deepEqual(held.hold_reasons, ['watched_word'])
    const queue = await get(forumPaths.moderation(), moderator)
    assert.match(queue.body, /An NHS number/)
    assert.match(queue.body, /A word on the watch list/)
    const audit = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'forum.watch-word.add').executeTakeFirstOrThrow()
    assert.doesNotMatch(JSON.stringify(audit.details), /arson/i, 'the watched phrase is not copied into the trail')
  })

  it('limits how fast a member posts, keeping what they typed', async () => {
    const fast = await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'FastTyper' })
    const session = await signInMember(app, fast)
    const topic = await newTopic(session, 'Rapid', 'one')
    for (const body of ['two', 'three', 'four', 'five', 'six', 'seven', 'eight']) assert.equal((await postForm(app, session, forumPaths.reply({ topicId: topic.topicId }), { body })).statusCode, 303)
    const refused = await postForm(app, session, forumPaths.reply({ topicId: topic.topicId }), { body: 'nine, too fast' })
    assert.equal(refused.statusCode, 429)
    assert.match(refused.body, /nine, too fast/)
    assert.match(refused.body, /posted a lot in a short time/)
  })

  it('lets the author edit within the window, keeping the earlier text, and not after it', async () => {
    const topic = await newTopic(memberSession, 'Editable', 'Before the edit')
    assert.equal((await postForm(app, memberSession, forumPaths.editPost({ postId: topic.postId }), { body: 'After the edit' })).statusCode, 303)
    assert.equal((await postOf(topic.postId)).body, 'After the edit')
    const kept = await db.selectFrom('forum_post_edit').select('previous_body').where('post_id', '=', topic.postId).execute()
    assert.deepEqual(kept, [{ previous_body: 'Before the edit' }])
    await db.updateTable('forum_post').set({ created_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id', '=', topic.postId).execute()
    assert.equal((await get(forumPaths.editPost({ postId: topic.postId }), memberSession)).statusCode, 404)
    const otherMember = await signInMember(app, await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'NotTheAuthor' }))
    const fresh = await newTopic(memberSession, 'Mine', 'Only mine to edit')
    assert.equal((await postForm(app, otherMember, forumPaths.editPost({ postId: fresh.postId }), { body: 'Hijacked' })).statusCode, 404)
    assert.equal((await postOf(fresh.postId)).body, 'Only mine to edit')
  })

  it('finds published posts by their words, and never a waiting one', async () => {
    const published = await db.selectFrom('forum_post').select('body').where('status', '=', 'published').where('body', '=', 'Third post, no longer new').executeTakeFirstOrThrow()
    const found = await get(`${forumPaths.search()}?q=${encodeURIComponent('NO LONGER')}`, memberSession)
    assert.match(found.body, new RegExp(published.body))
    const waiting = await get(`${forumPaths.search()}?q=arson`, memberSession)
    assert.match(waiting.body, /0 posts found/)
  })

  it('lets a member download their posts and delete one, keeping a safeguarding copy until purged', async () => {
    const author = await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'Leaving' })
    const session = await signInMember(app, author)
    const topic = await newTopic(session, 'Going soon', 'Words I will take back')
    await postForm(app, moderator, forumPaths.approvePost({ postId: topic.postId }))
    const download = await get(forumPaths.download(), session)
    assert.equal(download.statusCode, 200)
    assert.match(String(download.headers['content-disposition']), /attachment/)
    assert.deepEqual((JSON.parse(download.body) as { posts: Array<{ text: string }> }).posts.map((post) => post.text), ['Words I will take back'])
    const deleted = await postForm(app, session, forumPaths.deletePost({ postId: topic.postId }))
    assert.equal(deleted.statusCode, 303)
    const post = await postOf(topic.postId)
    assert.equal(post.status, 'deleted')
    assert.equal(post.body, '')
    const reader = await get(forumPaths.topic({ topicId: topic.topicId }), memberSession)
    assert.doesNotMatch(reader.body, /Words I will take back/)
    assert.doesNotMatch(reader.body, /Going soon/, 'the title of a topic its author deleted goes too')
    const retained = await db.selectFrom('forum_post_retained').select(['body', 'destroy_after']).where('post_id', '=', topic.postId).orderBy('body').execute()
    assert.deepEqual(retained.map((row) => row.body), ['Going soon', 'Words I will take back'])
    const days = (Date.parse(retained[0]?.destroy_after ?? '') - Date.now()) / 86_400_000
    assert.ok(days > 89.9 && days <= 90, `kept for 90 days, not ${days}`)
    const { purgeRetainedPosts } = await import('./index.ts')
    assert.equal(await purgeRetainedPosts(database().handle, new Date()), 0)
    assert.equal(await purgeRetainedPosts(database().handle, new Date(Date.now() + 91 * 86_400_000)), 2)
    assert.equal((await db.selectFrom('forum_post_retained').select('id').where('post_id', '=', topic.postId).execute()).length, 0)
    assert.equal((await postForm(app, memberSession, forumPaths.deletePost({ postId: (await newTopic(session, 'x', 'not yours')).postId }))).statusCode, 404, 'nobody deletes another member’s post')
  })
})
