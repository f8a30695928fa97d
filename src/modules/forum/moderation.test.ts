import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { cookieSetBy, createUser, csrfFrom, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { forumPaths } from './index.ts'
import { assertInert, xssPayloads } from './test-fixtures/xss.ts'
import { createMember, forumTestApp, neverModerated, signInMember, type TestMember } from './test-fixtures/members.ts'

/*
 * Staff and the forum on both dialects: inviting a member and their joining, safety
 * escalation into case work, the moderators' actions (each audited), who may see a
 * member's real identity, out-of-hours queueing, polls and "you said, we did", and that a
 * published list of XSS payloads stays inert on the pages that show posts.
 */

describeEachDialect('forum moderation and escalation', (database) => {
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
  const audits = (action: string) => db.selectFrom('audit_event').select(['outcome', 'person_id', 'record_id', 'user_id', 'details']).where('action', '=', action).orderBy('sequence').execute()

  /** A published post by `author` straight in the database, in a topic of its own. */
  async function publishedPost(author: TestMember, body: string, title = 'A topic') {
    const topicId = newId()
    const postId = newId()
    const now = new Date().toISOString()
    await db.insertInto('forum_topic').values({ id: topicId, category_id: categoryId, title, kind: 'discussion', author_member_id: author.id, created_at: now, last_post_at: now }).execute()
    await db.insertInto('forum_post').values({ id: postId, topic_id: topicId, author_member_id: author.id, body, status: 'published', hold_reasons: '[]', created_at: now, published_at: now }).execute()
    return { topicId, postId }
  }

  before(async () => {
    app = await forumTestApp(database(), { preModeratedPosts: 0 })
    db = database().handle.db
    world = await caseWorld(app, db)
    categoryId = newId()
    await db.insertInto('forum_category').values([
      { id: categoryId, name: 'Peer support', description: 'Talk to each other', position: 1, members_start_topics: true },
      { id: newId(), name: 'You said, we did', description: 'What changed', position: 2, members_start_topics: false },
    ]).execute()
    moderator = await signIn(app, await createUser(db, { organisationId: world.elsewhere.organisationId, roles: ['forum_moderator'], isDemo: true }))
    member = await createMember(db, { sponsorUserId: world.users.clinician.id, personId: world.personId, username: 'RiverStone' })
    memberSession = await signInMember(app, member)
  })
  after(() => app.close())

  it('invites a person the clinician can see, and the member joins with the one-time code', async () => {
    const form = await csrfFrom(app, world.sessions.clinician, `${forumPaths.invite()}?personId=${world.personId}`)
    const invited = await postForm(app, form, forumPaths.invite(), { personId: world.personId, role: 'member', sponsorUserId: world.users.clinician.id, sponsorContact: 'Ring the PIPE team on 01632 960 111' })
    assert.equal(invited.statusCode, 200)
    const code = /class="app-forum-code">([A-Z0-9-]+)</.exec(invited.body)?.[1] ?? ''
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    const [audit] = await audits('forum.member.invite')
    assert.equal(audit?.person_id, world.personId)

    const joinPage = await app.inject({ method: 'GET', url: forumPaths.join() })
    const visitor = { cookie: cookieSetBy(joinPage), csrf: /name="_csrf" value="([^"]+)"/.exec(joinPage.body)?.[1] ?? '' }
    const identifying = await postForm(app, visitor, forumPaths.join(), { code, username: 'A1234BC', password: 'a long and lovely password', confirmPassword: 'a long and lovely password' })
    assert.equal(identifying.statusCode, 400)
    assert.match(identifying.body, /does not give away who you are/)
    const joined = await postForm(app, visitor, forumPaths.join(), { code: code.toLowerCase(), username: 'NewLeaf', password: 'a long and lovely password', confirmPassword: 'a long and lovely password' })
    assert.equal(joined.statusCode, 303)
    const home = await get(forumPaths.home(), { cookie: cookieSetBy(joined) })
    assert.equal(home.statusCode, 200)
    assert.match(home.body, /Ring the PIPE team on 01632 960 111/)
    const again = await postForm(app, visitor, forumPaths.join(), { code, username: 'SecondGo', password: 'a long and lovely password', confirmPassword: 'a long and lovely password' })
    assert.equal(again.statusCode, 400, 'a code works once')
  })

  it('refuses to invite a person the inviter cannot see', async () => {
    const form = await csrfFrom(app, world.sessions.stranger, forumPaths.invite())
    const refused = await postForm(app, form, forumPaths.invite(), { personId: world.personId, role: 'member', sponsorUserId: world.users.stranger.id, sponsorContact: 'Anything' })
    assert.equal(refused.statusCode, 404)
    assert.equal((await db.selectFrom('forum_member').select('id').where('created_by', '=', world.users.stranger.id).execute()).length, 0)
  })

  it('escalates a post with safety words to the sponsor and the team holding the case, and shows the author the crisis contacts', async () => {
    const posted = await postForm(app, memberSession, forumPaths.newTopic({ categoryId }), { title: 'Hard week', body: 'Some nights I want to end it all' })
    assert.equal(posted.statusCode, 303)
    assert.equal(posted.headers.location, `${forumPaths.support()}?after=post`)
    const support = await get(String(posted.headers.location), memberSession)
    assert.match(support.body, /Thank you for sharing/)
    assert.match(support.body, /116 123/)
    const task = await db.selectFrom('case_task').selectAll().where('kind', '=', 'forum_concern').executeTakeFirstOrThrow()
    assert.equal(task.assigned_user_id, world.users.clinician.id)
    assert.equal(task.assigned_team_id, world.trust.teamId)
    assert.equal(task.allocation_id, world.allocationId)
    assert.equal(task.person_id, world.personId)
    assert.equal(task.source_type, 'forum_post')
    assert.match(task.detail ?? '', /Some nights I want to end it all/)
    const post = await postOf(task.source_id ?? '')
    assert.equal(post.status, 'pending')
    assert.deepEqual(post.hold_reasons, ['safety_words'])
    const [audit] = await audits('forum.concern.raise')
    assert.equal(audit?.person_id, world.personId)
    assert.equal(audit?.record_id, post.id)
  })

  it('escalates a member’s safety flag and tells the author kindly; the sponsor reads the post, a stranger cannot', async () => {
    const author = await createMember(db, { sponsorUserId: world.users.clinician.id, personId: world.personId, username: 'Worried' })
    const { postId } = await publishedPost(author, 'I have had enough of everything')
    const flagged = await postForm(app, memberSession, forumPaths.flagPost({ postId }), { reason: 'safety_concern', detail: 'They sound low' })
    assert.equal(flagged.headers.location, `${forumPaths.support()}?after=flag`)
    assert.match((await get(String(flagged.headers.location), memberSession)).body, /Thank you for telling us/)
    const task = await db.selectFrom('case_task').selectAll().where('source_id', '=', postId).executeTakeFirstOrThrow()
    assert.match(task.detail ?? '', /I have had enough of everything/)
    assert.match(task.detail ?? '', /They sound low/)
    const authorSession = await signInMember(app, author)
    assert.match((await get(forumPaths.home(), authorSession)).body, /Someone was worried about a post you wrote/)
    const sponsorView = await get(forumPaths.concern({ postId }), world.sessions.clinician)
    assert.equal(sponsorView.statusCode, 200)
    assert.match(sponsorView.body, /I have had enough of everything/)
    assert.match(sponsorView.body, /Rowan Quillby/)
    const strangerView = await get(forumPaths.concern({ postId }), world.sessions.stranger)
    assert.equal(strangerView.statusCode, 404)
    assert.doesNotMatch(strangerView.body, /enough of everything/)
    const denied = (await audits('forum.concern.view')).find((row) => row.user_id === world.users.stranger.id)
    assert.equal(denied?.outcome, 'denied')
  })

  it('lets a moderator raise a concern, hide with a reason, restore and edit with a reason, each audited', async () => {
    const { postId } = await publishedPost(member, 'A post to moderate with Jo Surname in it')
    assert.equal((await postForm(app, moderator, forumPaths.hidePost({ postId }), { reason: '' })).statusCode, 400, 'hiding needs a reason')
    assert.equal((await postOf(postId)).status, 'published')
    assert.equal((await postForm(app, moderator, forumPaths.hidePost({ postId }), { reason: 'Names someone' })).statusCode, 303)
    assert.equal((await postOf(postId)).status, 'hidden')
    const reader = await get(forumPaths.topic({ topicId: (await postOf(postId)).topic_id }), memberSession)
    assert.doesNotMatch(reader.body, /Jo Surname/)
    assert.match(reader.body, /A moderator removed this post/)
    assert.match((await get(forumPaths.account(), memberSession)).body, /Removed by a moderator: Names someone/, 'the author is told why')
    await postForm(app, moderator, forumPaths.moderatorEdit({ postId }), { body: 'A post to moderate with Jo in it', reason: 'Removed a surname' })
    await postForm(app, moderator, forumPaths.restorePost({ postId }), { reason: '' })
    const restored = await postOf(postId)
    assert.equal(restored.status, 'published')
    assert.equal(restored.body, 'A post to moderate with Jo in it')
    const earlier = await db.selectFrom('forum_post_edit').select(['previous_body', 'reason']).where('post_id', '=', postId).executeTakeFirstOrThrow()
    assert.deepEqual(earlier, { previous_body: 'A post to moderate with Jo Surname in it', reason: 'Removed a surname' })
    await postForm(app, moderator, forumPaths.raiseConcern({ postId }), { reason: 'Sounds unsafe at home' })
    assert.equal((await db.selectFrom('case_task').select('id').where('source_id', '=', postId).execute()).length, 1)
    for (const action of ['forum.post.hide', 'forum.post.moderator-edit', 'forum.post.restore', 'forum.concern.raise']) {
      assert.ok((await audits(action)).some((row) => row.record_id === postId && row.outcome === 'allowed'), action)
    }
  })

  it('warns and suspends a member, who may then read but not post, until reinstated', async () => {
    const unruly = await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'Unruly' })
    const session = await signInMember(app, unruly)
    await postForm(app, moderator, forumPaths.warnMember({ memberId: unruly.id }), { reason: 'Please be kind' })
    await postForm(app, moderator, forumPaths.suspendMember({ memberId: unruly.id }), { reason: 'Repeated unkindness', days: '7' })
    assert.match((await get(forumPaths.account(), session)).body, /Please be kind/)
    const refused = await postForm(app, session, forumPaths.newTopic({ categoryId }), { title: 'Still here', body: 'Let me post' })
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /suspended/)
    await postForm(app, moderator, forumPaths.reinstateMember({ memberId: unruly.id }), { reason: '' })
    assert.equal((await postForm(app, session, forumPaths.newTopic({ categoryId }), { title: 'Back', body: 'Thank you' })).statusCode, 303)
    assert.deepEqual((await db.selectFrom('forum_moderation_action').select('action').where('member_id', '=', unruly.id).orderBy('acted_at').execute()).map((row) => row.action), ['warn', 'suspend', 'reinstate'])
    assert.equal((await audits('forum.member.suspend')).at(-1)?.record_id, unruly.id)
  })

  it('shows a moderator who a member is only when their own scope finds the person, audited either way', async () => {
    const plain = await get(forumPaths.memberIdentity({ memberId: member.id }), moderator)
    assert.equal(plain.statusCode, 200, plain.body.slice(0, 3000))
    assert.doesNotMatch(plain.body, /Quillby/)
    assert.match(plain.body, /not shared with you/)
    const clinicalModerator = await createUser(db, { organisationId: world.trust.organisationId, roles: ['clinician', 'forum_moderator'], teamIds: [world.trust.teamId], isDemo: true })
    const revealed = await get(forumPaths.memberIdentity({ memberId: member.id }), await signIn(app, clinicalModerator))
    assert.match(revealed.body, /Rowan Quillby/)
    const outcomes = (await audits('forum.member.identity.view')).map((row) => [row.outcome, row.person_id])
    assert.deepEqual(outcomes, [['denied', null], ['allowed', world.personId]])
    assert.doesNotMatch((await get(forumPaths.moderation(), moderator)).body, /Quillby/, 'the queue shows usernames only')
  })

  it('runs a poll: one vote per member, results after voting', async () => {
    await postForm(app, moderator, forumPaths.newPoll(), { question: 'When should groups meet?', description: '', options: 'Mornings\nAfternoons\n' })
    const poll = await db.selectFrom('forum_poll').select('id').executeTakeFirstOrThrow()
    const options = await db.selectFrom('forum_poll_option').select(['id', 'label']).where('poll_id', '=', poll.id).orderBy('position').execute()
    assert.deepEqual(options.map((option) => option.label), ['Mornings', 'Afternoons'])
    assert.equal((await postForm(app, memberSession, forumPaths.poll({ pollId: poll.id }), { option: options[1]?.id ?? '' })).statusCode, 303)
    assert.equal((await postForm(app, memberSession, forumPaths.poll({ pollId: poll.id }), { option: options[0]?.id ?? '' })).statusCode, 409)
    const results = await get(forumPaths.poll({ pollId: poll.id }), memberSession)
    assert.match(results.body, /Afternoons <strong class="govuk-tag">Your vote<\/strong><\/th><td class="govuk-table__cell govuk-table__cell--numeric">1</)
  })

  it('posts a “you said, we did” topic that members read and reply to, but do not start', async () => {
    const category = await db.selectFrom('forum_category').select('id').where('members_start_topics', '=', false).executeTakeFirstOrThrow()
    const posted = await postForm(app, moderator, forumPaths.newUpdate(), { categoryId: category.id, title: 'Evening groups', youSaid: 'Daytime groups clash with work', weDid: 'We added a Tuesday evening group' })
    assert.equal(posted.statusCode, 303)
    const listing = await get(forumPaths.category({ categoryId: category.id }), memberSession)
    assert.match(listing.body, /Evening groups/)
    assert.doesNotMatch(listing.body, /Start a new topic/)
    assert.equal((await get(forumPaths.newTopic({ categoryId: category.id }), memberSession)).statusCode, 404)
    const topic = await db.selectFrom('forum_topic').select('id').where('title', '=', 'Evening groups').executeTakeFirstOrThrow()
    assert.match((await get(forumPaths.topic({ topicId: topic.id }), memberSession)).body, /<strong>We did:<\/strong> We added a Tuesday evening group/)
  })

  it(`leaves ${xssPayloads.length} published XSS payloads inert in posts and titles on every page that shows them`, async () => {
    const author = await createMember(db, { sponsorUserId: world.users.clinician.id, username: 'Tester' })
    const topicId = newId()
    const now = Date.now()
    await db.insertInto('forum_topic').values({ id: topicId, category_id: categoryId, title: '<script>alert("title")</script>', kind: 'discussion', author_member_id: author.id, created_at: new Date(now).toISOString(), last_post_at: new Date(now).toISOString() }).execute()
    const rows = xssPayloads.map((body, index) => ({ id: newId(), topic_id: topicId, author_member_id: author.id, body, status: index % 2 ? ('published' as const) : ('pending' as const), hold_reasons: '[]', created_at: new Date(now + index).toISOString(), published_at: new Date(now).toISOString() }))
    await db.insertInto('forum_post').values(rows).execute()
    const pages = [
      ...[1, 2, 3].map((page) => `${forumPaths.topic({ topicId })}?page=${page}`),
      forumPaths.category({ categoryId }),
      `${forumPaths.search()}?q=alert`,
    ]
    const shown = (html: string) => [...html.matchAll(/<div class="app-forum-post__body">([\s\S]*?)<\/div>/g)].map((match) => match[1] ?? '')
    let bodies = 0
    for (const url of pages) {
      const response = await get(url, memberSession)
      assert.equal(response.statusCode, 200, url)
      assert.doesNotMatch(response.body, /<script>alert/, url)
      for (const body of shown(response.body)) assertInert(body, url)
      bodies += shown(response.body).length
    }
    const queue = await get(`${forumPaths.moderation()}?page=1`, moderator)
    for (const body of shown(queue.body)) assertInert(body, 'moderation queue')
    assert.ok(bodies >= xssPayloads.length / 2, `the published payloads were shown (${bodies})`)
  })

  it('queues every post outside moderation hours when set to, and says when moderators are back', async () => {
    const outOfHours = await forumTestApp(database(), { preModeratedPosts: 0, moderationHours: neverModerated })
    try {
      const session = await signInMember(outOfHours, member)
      const home = await outOfHours.inject({ method: 'GET', url: forumPaths.home(), headers: { cookie: session.cookie } })
      assert.match(home.body, /No moderator is on duty now/)
      const posted = await postForm(outOfHours, session, forumPaths.newTopic({ categoryId }), { title: 'Late', body: 'Posting at night' })
      assert.deepEqual((await postOf(idFrom(posted.headers.location))).hold_reasons, ['out_of_hours'])
    } finally {
      await outOfHours.close()
    }
  })
})
