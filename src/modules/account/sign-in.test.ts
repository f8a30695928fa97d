import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, csrfFrom, postForm, signIn, visitSignIn, type TestUser } from '../../../test/support/sessions.ts'
import { newId } from '../../platform/db/ids.ts'
import { hashToken } from '../../platform/auth/sessions.ts'
import { throttlePolicy } from '../../platform/auth/throttle.ts'
import { accountPaths } from './paths.ts'

describeEachDialect('sign-in and sessions', (database) => {
  let app: FastifyInstance
  let organisationId: string
  let user: TestUser

  before(async () => {
    ;({ app } = await createTestApp(database()))
    const { db } = database().handle
    organisationId = newId()
    await db.insertInto('organisation').values({ id: organisationId, name: 'Sign-in test charity', type: 'charity' }).execute()
    // A role without compulsory MFA: the second factor has its own tests.
    user = await createUser(db, { organisationId, roles: ['volunteer'], email: 'case.worker@example.test' })
  })
  after(() => app.close())

  const account = (cookie: string) => app.inject({ method: 'GET', url: accountPaths.account(), headers: { cookie } })

  it('shows a sign-in form with email and password fields and a CSRF field', async () => {
    const page = await app.inject({ method: 'GET', url: accountPaths.signIn() })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<input[^>]+name="email"[^>]+type="email"/)
    assert.match(page.body, /name="password"/)
    assert.match(page.body, /name="_csrf" value="[\w-]{20,}"/)
    const cookie = String(page.headers['set-cookie'])
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    assert.doesNotMatch(cookie, /Secure/, 'plain http in tests')
  })

  it('signs in with the right password (any case of e-mail), issuing a new session id, and shows the user in the header', async () => {
    const visitor = await visitSignIn(app)
    const response = await postForm(app, visitor, accountPaths.signIn(), { email: 'Case.Worker@Example.TEST', password: user.password })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/')
    const signedIn = String(response.headers['set-cookie']).split(';')[0] ?? ''
    assert.notEqual(signedIn, visitor.cookie, 'a new session id at sign-in')
    assert.equal((await account(visitor.cookie)).statusCode, 303, 'the anonymous session is gone')
    const page = await account(signedIn)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /case.worker@example.test/)
    assert.match(page.body, /Sign out/)
  })

  it('goes back to the page that asked for sign-in, but never to another site', async () => {
    const visitor = await visitSignIn(app)
    const back = await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: user.password, returnTo: '/account' })
    assert.equal(back.headers.location, '/account')
    const again = await visitSignIn(app)
    const offsite = await postForm(app, again, accountPaths.signIn(), { email: user.email, password: user.password, returnTo: '//evil.example/phish' })
    assert.equal(offsite.headers.location, '/')
  })

  it('refuses a wrong password or unknown e-mail with the same message, keeping the e-mail typed', async () => {
    const visitor = await visitSignIn(app)
    const wrong = await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: 'not the password at all' })
    const unknown = await postForm(app, visitor, accountPaths.signIn(), { email: 'nobody@example.test', password: 'whatever it is here' })
    for (const response of [wrong, unknown]) {
      assert.equal(response.statusCode, 401)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /Enter a correct email address and password/)
    }
    assert.match(wrong.body, /value="case.worker@example.test"/)
  })

  it('writes every sign-in attempt, good or bad, to the audit trail', async () => {
    const { db } = database().handle
    const audited = () => db.selectFrom('audit_event').select(['outcome']).where('action', '=', 'account.sign-in').where('user_id', '=', user.id).execute()
    const before = await audited()
    const visitor = await visitSignIn(app)
    await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: 'definitely not it' })
    await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: user.password })
    const after = await audited()
    assert.deepEqual(after.slice(before.length).map((row) => row.outcome), ['denied', 'allowed'])
  })

  it('answers a hand-made post missing its fields with a message, not an error', async () => {
    const visitor = await visitSignIn(app)
    const response = await postForm(app, visitor, accountPaths.signIn(), {})
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /There is a problem/)
  })

  it('says what is missing when a field is empty', async () => {
    const visitor = await visitSignIn(app)
    const response = await postForm(app, visitor, accountPaths.signIn(), { email: '', password: '' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#email">Enter your email address/)
    assert.match(response.body, /href="#password">Enter your password/)
  })

  it('does not sign in a deactivated or invited user', async () => {
    const { db } = database().handle
    for (const status of ['deactivated', 'invited'] as const) {
      const other = await createUser(db, { organisationId, roles: ['volunteer'], status })
      const visitor = await visitSignIn(app)
      const response = await postForm(app, visitor, accountPaths.signIn(), { email: other.email, password: other.password })
      assert.equal(response.statusCode, 401, status)
    }
  })

  it(`locks an account after ${throttlePolicy.accountFailures} wrong passwords, says until when, and refuses even the right password`, async () => {
    const { db } = database().handle
    const target = await createUser(db, { organisationId, roles: ['volunteer'] })
    const visitor = await visitSignIn(app)
    let last
    for (let attempt = 0; attempt < throttlePolicy.accountFailures; attempt += 1) {
      last = await postForm(app, visitor, accountPaths.signIn(), { email: target.email, password: `wrong password ${attempt}` })
    }
    assert.equal(last?.statusCode, 403)
    assert.match(last?.body ?? '', /This account is locked after too many failed attempts. Try again after \d\d:\d\d/)
    const right = await postForm(app, visitor, accountPaths.signIn(), { email: target.email, password: target.password })
    assert.equal(right.statusCode, 403)
    const stored = await db.selectFrom('staff_user').select('locked_until').where('id', '=', target.id).executeTakeFirstOrThrow()
    assert.ok(stored.locked_until && Date.parse(stored.locked_until) > Date.now())
  })

  it('makes an address wait after too many failures across accounts', async () => {
    const visitor = await visitSignIn(app)
    const address = '203.0.113.7'
    const attempt = (email: string) =>
      app.inject({
        method: 'POST',
        url: accountPaths.signIn(),
        remoteAddress: address,
        headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: visitor.csrf, email, password: 'guessing passwords' }).toString(),
      })
    for (let index = 0; index < throttlePolicy.addressFailures; index += 1) await attempt(`guess-${index}@example.test`)
    const blocked = await attempt(user.email)
    assert.equal(blocked.statusCode, 429)
    assert.match(blocked.body, /too many failed sign-ins from your network. Try again after \d\d:\d\d/)
  })

  it('signs out: the session ends on the server, not just in the browser', async () => {
    const session = await signIn(app, user)
    const out = await postForm(app, session, accountPaths.signOut())
    assert.equal(out.statusCode, 303)
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/)
    assert.equal((await account(session.cookie)).statusCode, 303, 'the old cookie no longer works')
  })

  it('signs out everywhere: every session of the user ends', async () => {
    const laptop = await signIn(app, user)
    const phone = await signIn(app, user)
    await postForm(app, laptop, accountPaths.signOutEverywhere())
    assert.equal((await account(laptop.cookie)).statusCode, 303)
    assert.equal((await account(phone.cookie)).statusCode, 303)
  })

  it('ends a session idle for longer than the idle timeout, and any session past its absolute end', async () => {
    const { db } = database().handle
    const idle = await signIn(app, user)
    await db.updateTable('session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('user_id', '=', user.id).execute()
    assert.equal((await account(idle.cookie)).statusCode, 303)
    const old = await signIn(app, user)
    await db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute()
    assert.equal((await account(old.cookie)).statusCode, 303)
    const fresh = await signIn(app, user)
    assert.equal((await account(fresh.cookie)).statusCode, 200)
  })

  it('asks for the password again before a sensitive action, and remembers it for a few minutes', async () => {
    const { db } = database().handle
    const session = await signIn(app, user)
    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 10 * 60_000).toISOString() }).where('user_id', '=', user.id).execute()
    const form = await csrfFrom(app, session, `${accountPaths.confirmIdentity()}?returnTo=%2Faccount`)
    const wrong = await postForm(app, form, accountPaths.confirmIdentity(), { password: 'not my password', returnTo: '/account' })
    assert.equal(wrong.statusCode, 401)
    assert.match(wrong.body, /The password is not correct/)
    const right = await postForm(app, form, accountPaths.confirmIdentity(), { password: user.password, returnTo: '/account' })
    assert.equal(right.headers.location, '/account')
    const idHash = hashToken(session.cookie.split('=')[1] ?? '')
    const stored = await db.selectFrom('session').select('reauthenticated_at').where('id_hash', '=', idHash).executeTakeFirstOrThrow()
    assert.ok(Date.now() - Date.parse(stored.reauthenticated_at ?? '') < 60_000)
  })

  it('marks the cookie Secure with the __Host- prefix behind https', async () => {
    const secure = await createTestApp(database(), { env: { BASE_URL: 'https://pathways.example.org' } })
    try {
      const page = await secure.app.inject({ method: 'GET', url: accountPaths.signIn() })
      assert.match(String(page.headers['set-cookie']), /^__Host-pathways-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/)
    } finally {
      await secure.app.close()
    }
  })
})
