import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect, type TestDatabase } from '../../../test/support/dialects.ts'
import { createUser, postForm, signIn } from '../../../test/support/sessions.ts'
import { accountPaths } from '../../modules/account/index.ts'
import { peoplePaths } from '../../modules/people/index.ts'
import { newId } from '../db/ids.ts'
import { issueApiToken, parseLifetime } from './api-tokens.ts'

const run = promisify(execFile)

function databaseUrl(database: TestDatabase): string {
  return database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url
}

describe('parseLifetime', () => {
  it('reads days, hours and minutes, and nothing else', () => {
    assert.equal(parseLifetime('90d'), 90 * 86_400_000)
    assert.equal(parseLifetime('12h'), 12 * 3_600_000)
    assert.equal(parseLifetime('30m'), 30 * 60_000)
    for (const bad of ['', '90', 'd', '-1d', '1y', '1.5d']) assert.equal(parseLifetime(bad), null, bad)
  })
})

describeEachDialect('API tokens', (database) => {
  let app: FastifyInstance
  let held: string
  let elsewhere: string
  let userEmail: string
  let userId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    const { db } = database().handle
    const organisationId = newId()
    const teamId = newId()
    const otherTeamId = newId()
    await db.insertInto('organisation').values({ id: organisationId, name: 'Token trust', type: 'nhs_trust' }).execute()
    await db.insertInto('team').values([{ id: teamId, organisation_id: organisationId, name: 'Token team' }, { id: otherTeamId, organisation_id: organisationId, name: 'Other team' }]).execute()
    held = newId()
    elsewhere = newId()
    for (const [personId, team] of [[held, teamId], [elsewhere, otherTeamId]] as const) {
      await db.insertInto('person').values({ id: personId, given_name: 'Ottilie', family_name: 'Puddleby', date_of_birth: '1985-06-30', updated_at: new Date().toISOString() }).execute()
      await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: team, status: 'open', started_on: '2026-03-01' }).execute()
    }
    const user = await createUser(db, { organisationId, roles: ['clinician'], teamIds: [teamId] })
    userEmail = user.email
    userId = user.id
  })
  after(() => app.close())

  const callApi = (token: string, personId: string) => app.inject({ method: 'GET', url: peoplePaths.api.person({ personId }), headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })

  it('issues a token from the CLI, printed once and stored only as a hash; it reads in the user\'s scope, audited', async () => {
    const env = { ...process.env, DATABASE_URL: databaseUrl(database()), LOG_LEVEL: 'warn' }
    const { stdout } = await run(process.execPath, ['bin/pathways.js', 'token', 'create', '--user', userEmail.toUpperCase(), '--name', 'Nightly export', '--expires', '7d'], { env })
    const token = /^(pwt_[\w-]+)$/m.exec(stdout)?.[1]
    assert.ok(token, stdout)
    const stored = await database().handle.db.selectFrom('api_token').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow()
    assert.ok(!JSON.stringify(stored).includes(token), 'the token itself is not stored')
    assert.ok(Math.abs(Date.parse(stored.expires_at) - Date.now() - 7 * 86_400_000) < 60_000)

    const response = await callApi(token, held)
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().familyName, 'Puddleby')
    assert.equal((await callApi(token, elsewhere)).statusCode, 404, 'the same scope as the user')
    const audit = await database().handle.db.selectFrom('audit_event').select(['outcome', 'person_id']).where('user_id', '=', userId).orderBy('sequence').execute()
    assert.deepEqual(audit.map((row) => [row.person_id, row.outcome]), [[held, 'allowed'], [elsewhere, 'denied']])
    const used = await database().handle.db.selectFrom('api_token').select('last_used_at').where('id', '=', stored.id).executeTakeFirstOrThrow()
    assert.ok(used.last_used_at, 'last use recorded')

    const list = await run(process.execPath, ['bin/pathways.js', 'token', 'list', '--user', userEmail], { env })
    assert.match(list.stdout, new RegExp(`${stored.id}  Nightly export  expires .* last used 20`))
    const revoke = await run(process.execPath, ['bin/pathways.js', 'token', 'revoke', stored.id], { env })
    assert.match(revoke.stdout, /revoked/)
    assert.equal((await callApi(token, held)).statusCode, 401, 'a revoked token is refused at once')
  })

  it('lists a user\'s tokens with their last use on the account page, and lets them revoke their own — only their own', async () => {
    const { db } = database().handle
    const organisation = await db.selectFrom('staff_user').select('organisation_id').where('id', '=', userId).executeTakeFirstOrThrow()
    const owner = await createUser(db, { organisationId: organisation.organisation_id, roles: ['volunteer'] })
    const issued = await issueApiToken(db, { userId: owner.id, name: 'Weekly report feed', expiresAt: new Date(Date.now() + 86_400_000) })
    const othersToken = await issueApiToken(db, { userId, name: 'Someone else', expiresAt: new Date(Date.now() + 86_400_000) })
    await callApi(issued.token, held)
    const session = await signIn(app, owner)
    const page = await app.inject({ method: 'GET', url: accountPaths.account(), headers: { cookie: session.cookie } })
    assert.match(page.body, /Weekly report feed/)
    assert.doesNotMatch(page.body, /Someone else/)
    assert.doesNotMatch(page.body, />Never</, 'the last use is shown')
    const foreign = await postForm(app, session, accountPaths.revokeApiToken({ tokenId: othersToken.id }))
    assert.equal(foreign.statusCode, 404)
    const revoked = await postForm(app, session, accountPaths.revokeApiToken({ tokenId: issued.id }))
    assert.equal(revoked.statusCode, 303)
    assert.equal((await callApi(issued.token, held)).statusCode, 401)
    const stillLive = await db.selectFrom('api_token').select('revoked_at').where('id', '=', othersToken.id).executeTakeFirstOrThrow()
    assert.equal(stillLive.revoked_at, null)
  })

  it('refuses an expired or unknown token, and does not need CSRF for bearer calls', async () => {
    const { db } = database().handle
    const expired = await issueApiToken(db, { userId, name: 'Old', expiresAt: new Date(Date.now() - 1000) })
    assert.equal((await callApi(expired.token, held)).statusCode, 401)
    assert.equal((await callApi('pwt_not-a-real-token', held)).statusCode, 401)
    const live = await issueApiToken(db, { userId, name: 'Live', expiresAt: new Date(Date.now() + 60_000) })
    const posted = await app.inject({ method: 'POST', url: peoplePaths.api.person({ personId: held }), headers: { authorization: `Bearer ${live.token}` } })
    assert.equal(posted.statusCode, 404, 'no CSRF refusal (403) for a bearer call; the route simply has no POST')
  })
})
