import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createTestApp, type LogCapture } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser } from '../../../test/support/sessions.ts'
import { newId } from '../../platform/db/ids.ts'
import { accountPaths } from '../account/index.ts'
import { ssoPaths } from './paths.ts'
import { browseProvider, startIdentityProvider, type ProviderAccount, type TestIdentityProvider } from './test-identity-provider.ts'

/** Where app.inject's requests are addressed (light-my-request's default Host). */
const pathwaysOrigin = 'http://localhost'

const refusalTitles = {
  failed: 'Sign-in could not be completed',
  noAccount: 'You cannot sign in to Pathways with this account',
  notActive: 'Your Pathways account is not active',
}

function setCookies(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie']
  return header === undefined ? [] : Array.isArray(header) ? header : [header]
}

/** The `name=value` of a cookie the response set, if it set one with a value. */
function cookieSet(response: LightMyRequestResponse, name: string): string | undefined {
  const pair = setCookies(response).map((header) => header.split(';')[0] ?? '').find((cookie) => cookie.startsWith(`${name}=`))
  return pair === `${name}=` ? undefined : pair
}

function assertRefused(response: LightMyRequestResponse, status: number, refusal: keyof typeof refusalTitles) {
  assert.equal(response.statusCode, status)
  assert.match(response.body, new RegExp(`<h1 class="govuk-heading-l">${refusalTitles[refusal]}</h1>`))
  assert.equal(cookieSet(response, 'pathways-session'), undefined, 'nobody is signed in')
}

/** A sign-in begun at Pathways and carried through the provider, up to (not including) the way back. */
interface Journey {
  authorisation: URL
  /** The `pathways-oidc=…` cookie Pathways set when the sign-in began. */
  pendingCookie: string
  /** The provider's redirect back to Pathways: path and query. */
  callback: string
}

async function journey(app: FastifyInstance, provider: TestIdentityProvider, account: ProviderAccount, returnTo?: string): Promise<Journey> {
  provider.signInAs(account)
  const start = await app.inject({ method: 'GET', url: returnTo ? `${ssoPaths.start()}?returnTo=${encodeURIComponent(returnTo)}` : ssoPaths.start() })
  assert.equal(start.statusCode, 303, start.body)
  const pendingCookie = cookieSet(start, 'pathways-oidc')
  assert.ok(pendingCookie, 'the sign-in is remembered in this browser')
  const authorisation = new URL(String(start.headers.location))
  const back = await browseProvider(authorisation, pathwaysOrigin)
  return { authorisation, pendingCookie, callback: back.pathname + back.search }
}

function returnToPathways(app: FastifyInstance, callback: string, cookie: string | undefined) {
  return app.inject({ method: 'GET', url: callback, headers: cookie ? { cookie } : {} })
}

async function signInThroughProvider(app: FastifyInstance, provider: TestIdentityProvider, account: ProviderAccount, returnTo?: string) {
  const { callback, pendingCookie } = await journey(app, provider, account, returnTo)
  return returnToPathways(app, callback, pendingCookie)
}

/** The page without what differs on every response (request id, CSP nonce). */
const withoutPerRequestValues = (html: string) => html.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID').replace(/nonce="[^"]+"/g, '')

describeEachDialect('single sign-on through an OpenID provider', (database) => {
  let provider: TestIdentityProvider
  let app: FastifyInstance
  let logs: LogCapture
  let autoCreatingApp: FastifyInstance
  let organisationId: string
  const db = () => database().handle.db
  const oidcSubjectOf = async (userId: string) =>
    (await db().selectFrom('staff_user').select('oidc_subject').where('id', '=', userId).executeTakeFirstOrThrow()).oidc_subject
  const userWithSubject = async (subject: string, options: { status?: 'active' | 'invited' | 'deactivated'; roles?: string[] } = {}) => {
    const user = await createUser(db(), { organisationId, roles: options.roles ?? ['volunteer'], ...(options.status ? { status: options.status } : {}) })
    await db().updateTable('staff_user').set({ oidc_subject: subject }).where('id', '=', user.id).execute()
    return user
  }

  before(async () => {
    provider = await startIdentityProvider({ redirectUri: `${pathwaysOrigin}${ssoPaths.callback()}` })
    organisationId = newId()
    await db().insertInto('organisation').values({ id: organisationId, name: 'SSO test trust', type: 'nhs_trust' }).execute()
    const env = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret }
    ;({ app, logs } = await createTestApp(database(), { env }))
    ;({ app: autoCreatingApp } = await createTestApp(database(), { env: { ...env, OIDC_AUTO_CREATE_ORGANISATION: organisationId } }))
  })
  /** Why the last refusal was made: the log has the detail the page leaves out. */
  const lastRefusalReason = () => String(logs.lines.findLast((line) => line.msg === 'single sign-on refused')?.reason)

  after(async () => {
    await Promise.all([app.close(), autoCreatingApp.close()])
    await provider.close()
  })

  it('sends the browser to the provider with PKCE (S256), state and nonce, kept in a short-lived HttpOnly cookie', async () => {
    const start = await app.inject({ method: 'GET', url: `${ssoPaths.start()}?returnTo=%2Faccount` })
    assert.equal(start.statusCode, 303)
    const authorisation = new URL(String(start.headers.location))
    assert.equal(authorisation.origin, provider.issuer)
    const query = authorisation.searchParams
    assert.equal(query.get('response_type'), 'code')
    assert.equal(query.get('client_id'), provider.clientId)
    assert.equal(query.get('redirect_uri'), `${pathwaysOrigin}${ssoPaths.callback()}`)
    assert.deepEqual(query.get('scope')?.split(' ').sort(), ['email', 'openid', 'profile'])
    assert.equal(query.get('code_challenge_method'), 'S256')
    const [state, verifier, nonce] = (cookieSet(start, 'pathways-oidc') ?? '').slice('pathways-oidc='.length).split('.')
    assert.equal(query.get('state'), state)
    assert.equal(query.get('nonce'), nonce)
    assert.equal(query.get('code_challenge'), createHash('sha256').update(verifier ?? '').digest('base64url'), 'the challenge is the S256 of the kept verifier')
    assert.ok(!authorisation.href.includes(verifier ?? 'missing'), 'the verifier never leaves Pathways in the redirect')
    const cookie = setCookies(start).find((header) => header.startsWith('pathways-oidc='))
    assert.match(cookie ?? '', /; Max-Age=600/)
    assert.match(cookie ?? '', /; HttpOnly/)
    assert.match(cookie ?? '', /; SameSite=Lax/)
  })

  it('signs in a user matched by subject, without asking for a second factor, and returns to the page they asked for', async () => {
    // A role that needs MFA with a password: the provider is trusted to have done it.
    const user = await userWithSubject('subject-of-officer', { roles: ['probation_officer'] })
    const response = await signInThroughProvider(app, provider, { subject: 'subject-of-officer', email: 'a.different.address@example.test', emailVerified: true }, '/account')
    assert.equal(response.statusCode, 303, response.body)
    assert.equal(response.headers.location, '/account')
    assert.match(setCookies(response).find((header) => header.startsWith('pathways-oidc=')) ?? '', /^pathways-oidc=; Max-Age=0/, 'the one-time cookie is cleared')
    const session = cookieSet(response, 'pathways-session')
    assert.ok(session)
    const account = await app.inject({ method: 'GET', url: accountPaths.account(), headers: { cookie: session } })
    assert.equal(account.statusCode, 200)
    assert.ok(account.body.includes(user.email))
  })

  it('matches a verified e-mail address in any case, stores the subject, and matches on the subject afterwards', async () => {
    const user = await createUser(db(), { organisationId, roles: ['volunteer'], email: 'linked.by.email@example.test' })
    const first = await signInThroughProvider(app, provider, { subject: 'subject-by-email', email: 'Linked.By.Email@Example.TEST', emailVerified: true })
    assert.equal(first.statusCode, 303, first.body)
    assert.equal(first.headers.location, '/')
    assert.equal(await oidcSubjectOf(user.id), 'subject-by-email')
    const renamed = await signInThroughProvider(app, provider, { subject: 'subject-by-email', email: 'new.name@example.test', emailVerified: true })
    assert.equal(renamed.statusCode, 303, 'the stored subject still matches after the address changes at the provider')
  })

  it('refuses an unknown user, and creates no account without OIDC_AUTO_CREATE_ORGANISATION', async () => {
    const response = await signInThroughProvider(app, provider, { subject: 'subject-unknown', email: 'nobody.here@example.test', emailVerified: true })
    assertRefused(response, 403, 'noAccount')
    assert.equal(await db().selectFrom('staff_user').select('id').where('email', '=', 'nobody.here@example.test').executeTakeFirst(), undefined)
  })

  it('refuses an unverified e-mail address with the same page as an unknown user, and links nothing', async () => {
    const user = await createUser(db(), { organisationId, roles: ['volunteer'], email: 'unverified.match@example.test' })
    const unverified = await signInThroughProvider(app, provider, { subject: 'subject-unverified', email: user.email, emailVerified: false })
    assertRefused(unverified, 403, 'noAccount')
    assert.equal(await oidcSubjectOf(user.id), null)
    const unknown = await signInThroughProvider(app, provider, { subject: 'subject-stranger', email: 'stranger@example.test', emailVerified: true })
    assert.equal(withoutPerRequestValues(unverified.body), withoutPerRequestValues(unknown.body), 'nothing tells whether the address has an account')
  })

  it('refuses a verified e-mail address whose user is already linked to another subject', async () => {
    const user = await userWithSubject('subject-original')
    const response = await signInThroughProvider(app, provider, { subject: 'subject-impostor', email: user.email, emailVerified: true })
    assertRefused(response, 403, 'noAccount')
    assert.equal(await oidcSubjectOf(user.id), 'subject-original')
  })

  it('creates an unknown but verified user as an active user with no roles when OIDC_AUTO_CREATE_ORGANISATION is set', async () => {
    const account = { subject: 'subject-new-starter', email: 'New.Starter@example.test', emailVerified: true, name: 'New Starter' }
    const response = await signInThroughProvider(autoCreatingApp, provider, account)
    assert.equal(response.statusCode, 303, response.body)
    const created = await db().selectFrom('staff_user').selectAll().where('oidc_subject', '=', 'subject-new-starter').executeTakeFirstOrThrow()
    assert.equal(created.email, 'new.starter@example.test')
    assert.equal(created.display_name, 'New Starter')
    assert.equal(created.status, 'active')
    assert.equal(created.organisation_id, organisationId)
    assert.equal(created.password_hash, null)
    assert.deepEqual(await db().selectFrom('staff_user_role').select('role').where('user_id', '=', created.id).execute(), [])
    const home = await autoCreatingApp.inject({ method: 'GET', url: '/', headers: { cookie: cookieSet(response, 'pathways-session') ?? '' } })
    assert.match(home.body, /New Starter/, 'signed in as the new user')

    const unverified = await signInThroughProvider(autoCreatingApp, provider, { subject: 'subject-unverified-starter', email: 'unverified.starter@example.test', emailVerified: false })
    assertRefused(unverified, 403, 'noAccount')
    assert.equal(await db().selectFrom('staff_user').select('id').where('oidc_subject', '=', 'subject-unverified-starter').executeTakeFirst(), undefined)
  })

  for (const status of ['deactivated', 'invited'] as const) {
    it(`refuses a ${status} user`, async () => {
      await userWithSubject(`subject-${status}`, { status })
      const response = await signInThroughProvider(app, provider, { subject: `subject-${status}`, email: `${status}@example.test`, emailVerified: true })
      assertRefused(response, 403, 'notActive')
    })
  }

  it('refuses an answer whose state was tampered with, or that reaches a browser which did not start the sign-in', async () => {
    await userWithSubject('subject-tampered')
    const { callback, pendingCookie } = await journey(app, provider, { subject: 'subject-tampered', email: 'tampered@example.test', emailVerified: true })
    const tampered = new URL(callback, pathwaysOrigin)
    tampered.searchParams.set('state', 'a-state-of-the-attackers-choosing')
    assertRefused(await returnToPathways(app, tampered.pathname + tampered.search, pendingCookie), 400, 'failed')
    assert.match(lastRefusalReason(), /unexpected "state"/)
    assertRefused(await returnToPathways(app, callback, undefined), 400, 'failed')
    assert.match(lastRefusalReason(), /no sign-in in progress in this browser/)
  })

  it('refuses an authorisation code used a second time', async () => {
    await userWithSubject('subject-replayed')
    const { callback, pendingCookie } = await journey(app, provider, { subject: 'subject-replayed', email: 'replayed@example.test', emailVerified: true })
    assert.equal((await returnToPathways(app, callback, pendingCookie)).statusCode, 303)
    // Replaying the captured cookie too: only the provider can tell the code was spent.
    assertRefused(await returnToPathways(app, callback, pendingCookie), 400, 'failed')
    assert.match(lastRefusalReason(), /invalid_grant/, 'the provider refused the spent code')
  })

  it('says sign-on is unavailable, and sets no cookie, when the provider cannot be reached', async () => {
    const env = { OIDC_ISSUER: 'http://127.0.0.1:1', OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret }
    const { app: unreachable } = await createTestApp(database(), { env })
    try {
      const start = await unreachable.inject({ method: 'GET', url: ssoPaths.start() })
      assert.equal(start.statusCode, 503)
      assert.match(start.body, /Sign-in with your organisation&#39;s account is not available at the moment/)
      assert.equal(cookieSet(start, 'pathways-oidc'), undefined)
    } finally {
      await unreachable.close()
    }
  })

  it('has no single sign-on where OIDC_ISSUER is unset', async () => {
    const { app: passwordsOnly } = await createTestApp(database())
    try {
      assert.equal((await passwordsOnly.inject({ method: 'GET', url: ssoPaths.start() })).statusCode, 404)
      assert.equal((await passwordsOnly.inject({ method: 'GET', url: ssoPaths.callback() })).statusCode, 404)
    } finally {
      await passwordsOnly.close()
    }
  })
})
