import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import {
  authenticatorCode,
  cookieSetBy,
  createUser,
  csrfFrom,
  giveAuthenticator,
  postForm,
  signIn,
  signInWithAuthenticator,
  submitPassword,
  visitSignIn,
  type TestUser,
} from '../../../test/support/sessions.ts'
import { hashRecoveryCode } from '../../platform/auth/mfa.ts'
import { newId } from '../../platform/db/ids.ts'
import { accountPaths } from './paths.ts'

const signInAgainFor = (page: string) => `${accountPaths.signIn()}?returnTo=${encodeURIComponent(page)}`

function hiddenSecretOn(html: string): string {
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(html)?.[1]
  if (!secret) throw new Error('no authenticator secret on the page')
  return secret
}

const recoveryCodesOn = (html: string) => [...html.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((match) => match[1]!)

/** A six-digit code the authenticator does not accept now, nor one step either side. */
function wrongCodeFor(secret: string): string {
  const now = Date.now()
  const accepted = new Set([-30_000, 0, 30_000].map((offset) => authenticatorCode(secret, new Date(now + offset))))
  return ['000000', '111111', '222222', '333333'].find((code) => !accepted.has(code))!
}

describeEachDialect('TOTP multi-factor sign-in', (database) => {
  let app: FastifyInstance
  let organisationId: string
  const newUser = (roles: string[], options: { isDemo?: boolean } = {}) => createUser(database().handle.db, { organisationId, roles, ...options })
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } })

  before(async () => {
    ;({ app } = await createTestApp(database()))
    organisationId = newId()
    await database().handle.db.insertInto('organisation').values({ id: organisationId, name: 'Riverside NHS Trust', type: 'nhs_trust' }).execute()
  })
  after(() => app.close())

  /** Set up through the pages by the first test; the later ones sign in with it. */
  let enrolled: { user: TestUser; secret: string; recoveryCodes: string[] }

  it('makes a clinician with no authenticator set one up at first sign-in, then signs them in', async () => {
    const { db } = database().handle
    const user = await newUser(['clinician'])
    const pending = await submitPassword(app, user)
    assert.equal(pending.location, accountPaths.mfaChallenge())
    const challenge = await get(accountPaths.mfaChallenge(), pending.cookie)
    assert.equal(challenge.statusCode, 303)
    assert.equal(challenge.headers.location, accountPaths.mfaEnrolAtSignIn())

    const page = await get(accountPaths.mfaEnrolAtSignIn(), pending.cookie)
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers['cache-control'], 'no-store')
    assert.match(page.body, /<h1 class="govuk-heading-l">Set up an authenticator app<\/h1>/)
    assert.match(page.body, /<svg role="img" aria-label="QR code that adds your Pathways account to an authenticator app"[^>]*>.*<path /s)
    const secret = hiddenSecretOn(page.body)
    assert.ok(page.body.includes(secret.match(/.{4}/g)!.join(' ')), 'the key is shown in groups of four for typing')
    assert.match(page.body, /<label class="govuk-label govuk-label--m" for="code">/)

    const browser = { cookie: pending.cookie, csrf: (await csrfFrom(app, pending, accountPaths.mfaEnrolAtSignIn())).csrf }
    const empty = await postForm(app, browser, accountPaths.mfaEnrolAtSignIn(), { secret, code: ' ' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /<a href="#code">Enter the 6-digit code your authenticator app shows<\/a>/)
    const wrong = await postForm(app, browser, accountPaths.mfaEnrolAtSignIn(), { secret, code: wrongCodeFor(secret) })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /govuk-error-summary/)
    assert.match(wrong.body, /The code is not correct/)
    assert.equal(hiddenSecretOn(wrong.body), secret, 'the page keeps the secret the app has scanned')

    const confirmed = await postForm(app, browser, accountPaths.mfaEnrolAtSignIn(), { secret, code: authenticatorCode(secret) })
    assert.equal(confirmed.statusCode, 200)
    assert.equal(confirmed.headers['cache-control'], 'no-store')
    assert.match(confirmed.body, /Save your recovery codes/)
    const recoveryCodes = recoveryCodesOn(confirmed.body)
    assert.equal(recoveryCodes.length, 10)
    assert.match(confirmed.body, /<a href="\/" role="button"[^>]*>\s*I have saved these codes/)

    const signedIn = cookieSetBy(confirmed)
    assert.notEqual(signedIn, pending.cookie, 'completing sign-in issues a new session id')
    assert.equal((await get(accountPaths.account(), signedIn)).statusCode, 200)
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 303, 'the half-signed-in session is gone')

    const row = await db.selectFrom('staff_user').select(['mfa_secret', 'mfa_enrolled_at']).where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.equal(row.mfa_secret, secret)
    assert.ok(row.mfa_enrolled_at)
    const stored = await db.selectFrom('mfa_recovery_code').select(['code_hash', 'used_at']).where('user_id', '=', user.id).execute()
    assert.deepEqual(stored.map((code) => code.code_hash).sort(), recoveryCodes.map(hashRecoveryCode).sort(), 'only hashes are stored')
    assert.ok(stored.every((code) => code.used_at === null))
    enrolled = { user, secret, recoveryCodes }
  })

  it('keeps a half-signed-in session out of every page that needs a capability', async () => {
    const pending = await submitPassword(app, enrolled.user)
    const account = await get(accountPaths.account(), pending.cookie)
    assert.equal(account.statusCode, 303)
    assert.equal(account.headers.location, signInAgainFor(accountPaths.account()))
    const enrolment = await get(accountPaths.mfaEnrol(), pending.cookie)
    assert.equal(enrolment.statusCode, 303, 'nor can it replace the authenticator from the account pages')
  })

  it('asks for a code at the next sign-in: refuses a wrong one, and the right one signs in', async () => {
    const { db } = database().handle
    const pending = await submitPassword(app, enrolled.user, { returnTo: accountPaths.account() })
    assert.equal(pending.location, `${accountPaths.mfaChallenge()}?returnTo=${encodeURIComponent(accountPaths.account())}`)
    const page = await get(pending.location, pending.cookie)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-label-wrapper">\s*<label class="govuk-label govuk-label--l" for="code">\s*Enter the code from your authenticator app/)
    assert.match(page.body, /autocomplete="one-time-code"/)
    assert.match(page.body, /name="returnTo" value="\/account"/)
    const browser = await csrfFrom(app, pending, pending.location)

    const wrong = await postForm(app, browser, accountPaths.mfaChallenge(), { code: wrongCodeFor(enrolled.secret), returnTo: accountPaths.account() })
    assert.equal(wrong.statusCode, 401)
    assert.match(wrong.body, /<a href="#code">The code is not correct, or that recovery code has already been used<\/a>/)
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 303)
    const failures = await db.selectFrom('sign_in_attempt').select('id').where('email', '=', enrolled.user.email).where('succeeded', '=', false).execute()
    assert.equal(failures.length, 1, 'a wrong code is a failed sign-in attempt')

    const empty = await postForm(app, browser, accountPaths.mfaChallenge(), { code: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter the code from your authenticator app, or a recovery code/)
    const malformed = await postForm(app, browser, accountPaths.mfaChallenge(), { code: '12345' })
    assert.equal(malformed.statusCode, 400)
    assert.match(malformed.body, /Enter the 6-digit code from your authenticator app, or a recovery code of 10 letters and numbers/)

    const right = await postForm(app, browser, accountPaths.mfaChallenge(), { code: authenticatorCode(enrolled.secret), returnTo: accountPaths.account() })
    assert.equal(right.statusCode, 303)
    assert.equal(right.headers.location, accountPaths.account())
    assert.equal((await get(accountPaths.account(), cookieSetBy(right))).statusCode, 200)
  })

  // The code of the next 30-second step: within the accepted window, and later than the code the last test used.
  const nextStepCode = () => authenticatorCode(enrolled.secret, new Date(Date.now() + 30_000))
  let usedCode = ''

  it('goes home after the code when the return address is not a local page', async () => {
    const pending = await submitPassword(app, enrolled.user)
    const browser = await csrfFrom(app, pending, accountPaths.mfaChallenge())
    usedCode = nextStepCode()
    const response = await postForm(app, browser, accountPaths.mfaChallenge(), { code: usedCode, returnTo: '//evil.example/' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/')
  })

  it('refuses a code that has already been used, even inside its time window', async () => {
    const pending = await submitPassword(app, enrolled.user)
    const browser = await csrfFrom(app, pending, accountPaths.mfaChallenge())
    const replayed = await postForm(app, browser, accountPaths.mfaChallenge(), { code: usedCode })
    assert.equal(replayed.statusCode, 401)
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 303)
  })

  it('accepts a recovery code once, typed in any case, and not a second time', async () => {
    const { db } = database().handle
    const [code] = enrolled.recoveryCodes
    const first = await submitPassword(app, enrolled.user)
    const used = await postForm(app, await csrfFrom(app, first, accountPaths.mfaChallenge()), accountPaths.mfaChallenge(), { code: code!.toLowerCase() })
    assert.equal(used.statusCode, 303)
    assert.equal((await get(accountPaths.account(), cookieSetBy(used))).statusCode, 200)
    const row = await db.selectFrom('mfa_recovery_code').select('used_at').where('code_hash', '=', hashRecoveryCode(code!)).executeTakeFirstOrThrow()
    assert.ok(row.used_at, 'the code is marked used')

    const second = await submitPassword(app, enrolled.user)
    const reused = await postForm(app, await csrfFrom(app, second, accountPaths.mfaChallenge()), accountPaths.mfaChallenge(), { code: code! })
    assert.equal(reused.statusCode, 401)
    assert.match(reused.body, /that recovery code has already been used/)
    assert.equal((await get(accountPaths.account(), second.cookie)).statusCode, 303)
  })

  it('locks the account after five wrong codes, and then refuses even the right one', async () => {
    const { db } = database().handle
    const user = await newUser(['probation_officer'])
    const secret = await giveAuthenticator(db, user.id)
    const pending = await submitPassword(app, user)
    const browser = await csrfFrom(app, pending, accountPaths.mfaChallenge())
    const statuses = []
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await postForm(app, browser, accountPaths.mfaChallenge(), { code: wrongCodeFor(secret) })).statusCode)
    assert.deepEqual(statuses, [401, 401, 401, 401, 403])
    const locked = await postForm(app, browser, accountPaths.mfaChallenge(), { code: authenticatorCode(secret) })
    assert.equal(locked.statusCode, 403)
    assert.match(locked.body, /This account is locked after too many failed attempts/)
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 303)
    const row = await db.selectFrom('staff_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.ok(row.locked_until && Date.parse(row.locked_until) > Date.now())
  })

  it('does not let a half-signed-in user replace an authenticator they already have', async () => {
    const { db } = database().handle
    const user = await newUser(['clinician'])
    const secret = await giveAuthenticator(db, user.id)
    const pending = await submitPassword(app, user)
    const page = await get(accountPaths.mfaEnrolAtSignIn(), pending.cookie)
    assert.equal(page.statusCode, 303)
    assert.equal(page.headers.location, accountPaths.mfaChallenge())

    const browser = await csrfFrom(app, pending, accountPaths.mfaChallenge())
    const ownSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const takeover = await postForm(app, browser, accountPaths.mfaEnrolAtSignIn(), { secret: ownSecret, code: authenticatorCode(ownSecret) })
    assert.equal(takeover.statusCode, 303)
    assert.equal(takeover.headers.location, accountPaths.mfaChallenge())
    const row = await db.selectFrom('staff_user').select('mfa_secret').where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.equal(row.mfa_secret, secret)
  })

  it('does not ask a demo user for a code, even in a role that needs one', async () => {
    const pending = await submitPassword(app, await newUser(['clinician'], { isDemo: true }))
    assert.equal(pending.location, '/')
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 200)
  })

  it('does not ask for a code in a role that does not need one', async () => {
    const pending = await submitPassword(app, await newUser(['volunteer']))
    assert.equal(pending.location, '/')
    assert.equal((await get(accountPaths.account(), pending.cookie)).statusCode, 200)
  })

  it('sends a browser with no sign-in waiting for a code back to sign in', async () => {
    const visitor = await visitSignIn(app)
    for (const page of [accountPaths.mfaChallenge(), accountPaths.mfaEnrolAtSignIn()]) {
      const shown = await get(page, visitor.cookie)
      assert.equal(shown.statusCode, 303, page)
      assert.equal(shown.headers.location, accountPaths.signIn(), page)
      const posted = await postForm(app, visitor, page, { code: '123456' })
      assert.equal(posted.statusCode, 303, page)
      assert.equal(posted.headers.location, accountPaths.signIn(), page)
    }
  })

  it('lets a signed-in user set up an authenticator from their account, and replace it after confirming their password', async () => {
    const { db } = database().handle
    const user = await newUser(['volunteer'])
    const browser = await signIn(app, user)
    const page = await get(accountPaths.mfaEnrol(), browser.cookie)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /This replaces the authenticator app/)
    const secret = hiddenSecretOn(page.body)
    const tampered = await postForm(app, browser, accountPaths.mfaEnrol(), { secret: 'NOT-A-SECRET', code: '123456' })
    assert.equal(tampered.statusCode, 400)
    const confirmed = await postForm(app, browser, accountPaths.mfaEnrol(), { secret, code: authenticatorCode(secret) })
    assert.equal(confirmed.statusCode, 200)
    assert.equal(recoveryCodesOn(confirmed.body).length, 10)
    assert.match(confirmed.body, new RegExp(`<a href="${accountPaths.account()}" role="button"`))

    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 3_600_000).toISOString() }).where('user_id', '=', user.id).execute()
    const stale = await get(accountPaths.mfaEnrol(), browser.cookie)
    assert.equal(stale.statusCode, 303)
    assert.equal(stale.headers.location, `${accountPaths.confirmIdentity()}?returnTo=${encodeURIComponent(accountPaths.mfaEnrol())}`)

    const confirmedIdentity = await postForm(app, browser, accountPaths.confirmIdentity(), { password: user.password, returnTo: accountPaths.mfaEnrol() })
    assert.equal(confirmedIdentity.headers.location, accountPaths.mfaEnrol())
    const replacing = await get(accountPaths.mfaEnrol(), browser.cookie)
    assert.match(replacing.body, /This replaces the authenticator app you set up before/)
    const newSecret = hiddenSecretOn(replacing.body)
    const replaced = await postForm(app, browser, accountPaths.mfaEnrol(), { secret: newSecret, code: authenticatorCode(newSecret) })
    const newCodes = recoveryCodesOn(replaced.body)
    const stored = await db.selectFrom('mfa_recovery_code').select('code_hash').where('user_id', '=', user.id).execute()
    assert.deepEqual(stored.map((code) => code.code_hash).sort(), newCodes.map(hashRecoveryCode).sort(), 'the old recovery codes are gone')
    const row = await db.selectFrom('staff_user').select('mfa_secret').where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.equal(row.mfa_secret, newSecret)
  })

  it('signs in a user with an authenticator through both steps (the helper other suites use)', async () => {
    const user = await newUser(['service_manager'])
    const secret = await giveAuthenticator(database().handle.db, user.id)
    const browser = await signInWithAuthenticator(app, user, secret)
    assert.equal((await get(accountPaths.account(), browser.cookie)).statusCode, 200)
  })
})
