import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from './support/app.ts'
import { describeEachDialect } from './support/dialects.ts'
import { createUser, formBody } from './support/sessions.ts'
import { issueApiToken } from '../src/platform/auth/api-tokens.ts'
import { createSession } from '../src/platform/auth/sessions.ts'
import type { Db } from '../src/platform/db/database.ts'
import { newId } from '../src/platform/db/ids.ts'
import type { RouteDeclaration } from '../src/platform/http/routes.ts'

/**
 * Every declared route × every built-in role, at home and in a foreign organisation, and
 * anonymous. Routes added by later work join automatically; a new kind of path parameter
 * needs a fixture below (the test says which).
 */

interface Caller {
  label: string
  userId: string
  capabilities: ReadonlySet<string>
}

/** Parameters that name records of the home organisation. */
const homeRecordParams = new Set(['personId', 'userId', 'organisationId', 'teamId', 'agreementId', 'breakGlassId', 'tokenId'])

describeEachDialect('authorisation matrix', (database) => {
  let app: FastifyInstance
  let db: Db
  const fixtures: Record<string, string> = {}
  const home: Caller[] = []
  const foreign: Caller[] = []

  function callerFor(userId: string, label: string, roles: string[]): Caller {
    const capabilities = new Set(roles.flatMap((role) => app.roles.get(role)?.capabilities ?? []))
    return { label, userId, capabilities }
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const homeOrganisation = newId()
    const foreignOrganisation = newId()
    const homeTeam = newId()
    const foreignTeam = newId()
    await db.insertInto('organisation').values([
      { id: homeOrganisation, name: 'Home NHS Trust', type: 'nhs_trust' },
      { id: foreignOrganisation, name: 'Foreign Probation Region', type: 'probation_region' },
    ]).execute()
    await db.insertInto('team').values([
      { id: homeTeam, organisation_id: homeOrganisation, name: 'Home team' },
      { id: foreignTeam, organisation_id: foreignOrganisation, name: 'Foreign team' },
    ]).execute()
    const personId = newId()
    await db.insertInto('person').values({ id: personId, given_name: 'Matrix', family_name: 'Person', date_of_birth: '1980-01-01', updated_at: new Date().toISOString() }).execute()
    await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: homeTeam, status: 'open', started_on: '2026-01-01' }).execute()
    const target = await createUser(db, { organisationId: homeOrganisation, roles: ['volunteer'], teamIds: [homeTeam] })
    const agreementId = newId()
    await db.insertInto('sharing_agreement').values({ id: agreementId, name: 'Matrix agreement', owner_organisation_id: homeOrganisation, starts_on: '2026-01-01', ends_on: null }).execute()
    const breakGlassId = newId()
    await db.insertInto('break_glass').values({ id: breakGlassId, user_id: target.id, person_id: personId, category: 'risk_to_life', reason: 'Matrix fixture reason', started_at: new Date().toISOString(), expires_at: new Date(Date.now() + 60_000).toISOString() }).execute()
    const apiToken = await issueApiToken(db, { userId: target.id, name: 'Matrix token', expiresAt: new Date(Date.now() + 60_000) })
    Object.assign(fixtures, { personId, userId: target.id, organisationId: homeOrganisation, teamId: homeTeam, agreementId, breakGlassId, tokenId: apiToken.id, token: 'not-a-real-token', slug: 'no-such-service' })

    for (const role of app.roles.keys()) {
      const homeUser = await createUser(db, { organisationId: homeOrganisation, roles: [role], teamIds: [homeTeam] })
      const foreignUser = await createUser(db, { organisationId: foreignOrganisation, roles: [role], teamIds: [foreignTeam] })
      home.push(callerFor(homeUser.id, role, [role]))
      foreign.push(callerFor(foreignUser.id, `${role} of a foreign organisation`, [role]))
    }
  })
  after(() => app.close())

  function urlOf(route: RouteDeclaration): string {
    return route.path.replace(/:(\w+)/g, (_whole, name: string) => {
      const value = fixtures[name]
      if (value === undefined) throw new Error(`authorisation matrix: add a fixture for :${name} (route ${route.method} ${route.path})`)
      return encodeURIComponent(value)
    }).replace('/*', '/application.css')
  }

  /** Each request gets a fresh signed-in session (with a recent password check), so no route's effect on a session spills into the next. */
  async function request(route: RouteDeclaration, caller: Caller | null) {
    const headers: Record<string, string> = {}
    let csrf: string | undefined
    if (caller) {
      const { token, session } = await createSession(db, app.sessionPolicy, { userId: caller.userId })
      headers.cookie = `pathways-session=${token}`
      csrf = session.csrf_token
    }
    if (route.method === 'GET') return app.inject({ method: 'GET', url: urlOf(route), headers })
    headers['content-type'] = 'application/x-www-form-urlencoded'
    return app.inject({ method: route.method, url: urlOf(route), headers, payload: formBody(csrf ? { _csrf: csrf } : {}) })
  }

  const guarded = () => app.declaredRoutes.filter((route) => route.capability !== 'public')

  it('covers every declared route', () => {
    assert.ok(guarded().length >= 5)
    for (const route of app.declaredRoutes) assert.doesNotThrow(() => urlOf(route), `${route.method} ${route.path}`)
  })

  it('refuses every non-public route to an anonymous caller', async () => {
    for (const route of guarded()) {
      const response = await request(route, null)
      assert.ok([303, 401, 403].includes(response.statusCode), `${route.method} ${route.path}: anonymous got ${response.statusCode}`)
      if (response.statusCode === 303) assert.match(String(response.headers.location), /^\/sign-in\?returnTo=/)
    }
  })

  it('gives each role exactly the routes its capabilities name, in its own organisation', async () => {
    for (const route of guarded()) {
      for (const caller of home) {
        const response = await request(route, caller)
        const where = `${route.method} ${route.path} as ${caller.label}`
        if (caller.capabilities.has(route.capability)) {
          assert.ok(![401, 403, 500].includes(response.statusCode), `${where}: allowed by its capability, got ${response.statusCode}`)
        } else {
          assert.equal(response.statusCode, 403, `${where}: lacks ${route.capability}, got ${response.statusCode}`)
        }
      }
    }
  })

  it('never shows or changes a home-organisation record for a user of a foreign organisation, whatever their role', async () => {
    const aboutRecords = guarded().filter((route) => [...route.path.matchAll(/:(\w+)/g)].some((match) => homeRecordParams.has(match[1] ?? '')))
    assert.ok(aboutRecords.length > 0)
    for (const route of aboutRecords) {
      for (const caller of foreign) {
        // A system administrator administers every organisation by definition (but reads no person record).
        if (caller.capabilities.has('system:administer') && route.path.startsWith('/admin/')) continue
        const response = await request(route, caller)
        const where = `${route.method} ${route.path} as ${caller.label}`
        // Break-glass exists to reach beyond scope: its form may open, but shows nothing of the record.
        const allowed = route.capability === 'breakglass:use' ? [200, 303, 400, 403, 404] : [403, 404]
        assert.ok(allowed.includes(response.statusCode), `${where}: got ${response.statusCode}`)
        assert.doesNotMatch(response.body, /Matrix Person|Matrix agreement|Matrix fixture reason/, `${where} leaked a home record`)
      }
    }
  })
})
