import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from './app.ts'
import type { TestDatabase } from './dialects.ts'
import { createUser, formBody } from './sessions.ts'
import { issueApiToken } from '../../src/platform/auth/api-tokens.ts'
import { createSession } from '../../src/platform/auth/sessions.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { sha256Hex } from '../../src/platform/files/index.ts'
import type { RouteDeclaration } from '../../src/platform/http/routes.ts'
import { moduleMatrixFixtures } from '../matrix-fixtures/index.ts'

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
const homeRecordParams = new Set([...moduleMatrixFixtures.flatMap((module) => module.recordParams), 'personId', 'userId', 'organisationId', 'teamId', 'agreementId', 'breakGlassId', 'tokenId', 'accessRequestId', 'importId', 'serviceId', 'elementId', 'ruleId', 'downloadId', 'duplicateId', 'mergeId', 'screeningId', 'referralId', 'allocationId', 'attachmentId', 'notificationId'])

/** The matrix's tests, on one database (each dialect has its own test file, so the two run side by side). */
export function authorisationMatrix(database: () => TestDatabase): void {
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
    const involvementId = newId()
    await db.insertInto('involvement').values({ id: involvementId, person_id: personId, team_id: homeTeam, status: 'open', started_on: '2026-01-01' }).execute()
    // Parts of the person record that have their own pages.
    const [aliasId, identifierId, needId] = [newId(), newId(), newId()]
    await db.insertInto('person_alias').values({ id: aliasId, person_id: personId, alias_type: 'alias', given_name: 'Matrix', family_name: 'Alias' }).execute()
    await db.insertInto('person_identifier').values({ id: identifierId, person_id: personId, kind: 'crn', value: 'M123456' }).execute()
    await db.insertInto('person_need').values({ id: needId, person_id: personId, need: 'trauma', source: 'referral', started_on: '2026-01-01' }).execute()
    const target = await createUser(db, { organisationId: homeOrganisation, roles: ['volunteer'], teamIds: [homeTeam] })
    const agreementId = newId()
    await db.insertInto('sharing_agreement').values({ id: agreementId, name: 'Matrix agreement', owner_organisation_id: homeOrganisation, starts_on: '2026-01-01', ends_on: null }).execute()
    const breakGlassId = newId()
    await db.insertInto('break_glass').values({ id: breakGlassId, user_id: target.id, person_id: personId, category: 'risk_to_life', reason: 'Matrix fixture reason', started_at: new Date().toISOString(), expires_at: new Date(Date.now() + 60_000).toISOString() }).execute()
    const apiToken = await issueApiToken(db, { userId: target.id, name: 'Matrix token', expiresAt: new Date(Date.now() + 60_000) })
    Object.assign(fixtures, { personId, aliasId, identifierId, needId, involvementId, userId: target.id, organisationId: homeOrganisation, teamId: homeTeam, agreementId, breakGlassId, tokenId: apiToken.id, token: 'not-a-real-token', slug: 'no-such-service' })
    // A request for access to the home person, filed by someone abroad; an import run by the home user.
    const requester = await createUser(db, { organisationId: foreignOrganisation, roles: ['volunteer'], teamIds: [foreignTeam] })
    const accessRequestId = newId()
    await db.insertInto('access_request').values({ id: accessRequestId, requested_by: requester.id, requesting_organisation_id: foreignOrganisation, owning_team_id: homeTeam, person_id: personId, reason: 'Matrix fixture reason for access', status: 'pending' }).execute()
    const importId = newId()
    await db.insertInto('person_import').values({ id: importId, requested_by: target.id, team_id: homeTeam, status: 'rejected', file_checksum: 'matrix', columns: JSON.stringify(['given_name']), row_count: 1, imported_count: 0, rejected_count: 1 }).execute()
    Object.assign(fixtures, { accessRequestId, importId })
    // A home service with a part, a condition and a file for referrers (stored in the database).
    const [serviceId, elementId, ruleId, downloadId, fileKey] = [newId(), newId(), newId(), newId(), newId()]
    await db.insertInto('service').values({ id: serviceId, organisation_id: homeOrganisation, slug: 'matrix-service', name: 'Matrix service', summary: 'Matrix.', is_public: true }).execute()
    await db.insertInto('service_element').values({ id: elementId, service_id: serviceId, name: 'Matrix places', capacity: 3, position: 1 }).execute()
    await db.insertInto('service_eligibility_rule').values({ id: ruleId, service_id: serviceId, kind: 'sentence_left', parameters: JSON.stringify({ minMonths: 6 }), position: 1 }).execute()
    await db.insertInto('stored_file').values({ key: fileKey, content: Buffer.from('%PDF-1.4 matrix') }).execute()
    await db.insertInto('service_download').values({ id: downloadId, service_id: serviceId, title: 'Matrix form', file_name: 'matrix.pdf', document_type: 'pdf', byte_size: 15, sha256: 'matrix', storage: 'database', storage_key: fileKey }).execute()
    Object.assign(fixtures, { serviceId, elementId, ruleId, downloadId, fileName: 'matrix.pdf' })
    // A second home record of the same person, to merge; and an earlier merge into the home person.
    const [duplicateId, mergedId, mergeId] = [newId(), newId(), newId()]
    await db.insertInto('person').values([
      { id: duplicateId, given_name: 'Matrix', family_name: 'Person', date_of_birth: '1980-01-01', updated_at: new Date().toISOString() },
      { id: mergedId, given_name: 'Matrix', family_name: 'Person', date_of_birth: '1980-01-01', merged_into_id: personId, updated_at: new Date().toISOString() },
    ]).execute()
    await db.insertInto('involvement').values({ id: newId(), person_id: duplicateId, team_id: homeTeam, status: 'open', started_on: '2026-01-01' }).execute()
    await db.insertInto('person_merge').values({ id: mergeId, survivor_id: personId, merged_id: mergedId, merged_by: target.id, merged_at: new Date().toISOString(), reason: 'Matrix fixture merge', moved_rows: JSON.stringify({}) }).execute()
    Object.assign(fixtures, { duplicateId, mergeId })
    // An OPD screening of the home person, decided by a shipped rule set.
    const ruleSet = await db.selectFrom('screening_rule_set').select('id').where('key', '=', 'opd-men').executeTakeFirstOrThrow()
    const screeningId = newId()
    await db.insertInto('screening').values({ id: screeningId, person_id: personId, rule_set_id: ruleSet.id, answers: JSON.stringify({ criteria: {}, itemsPresent: null, indicatorsPresent: null, score: 'unknown' }), computed_outcome: 'consider', screened_on: '2026-01-01', screened_by: target.id, organisation_id: homeOrganisation }).execute()
    Object.assign(fixtures, { screeningId })
    // A home referral to the home service, holding a place in an element of its own (the fixture element stays removable).
    const [referralId, allocationId, placesId] = [newId(), newId(), newId()]
    await db.insertInto('service_element').values({ id: placesId, service_id: serviceId, name: 'Matrix allocated places', capacity: 2, position: 2 }).execute()
    await db.insertInto('referral').values({ id: referralId, person_id: personId, service_id: serviceId, service_element_id: placesId, status: 'allocated', urgency: 'routine', priority: 2, referrer_user_id: target.id, referrer_organisation_id: homeOrganisation, referrer_team_id: homeTeam, referrer_role: 'offender_manager', referred_at: new Date().toISOString(), updated_at: new Date().toISOString() }).execute()
    await db.insertInto('allocation').values({ id: allocationId, referral_id: referralId, person_id: personId, service_element_id: placesId, keyworker_user_id: target.id, status: 'active', started_at: new Date().toISOString(), allocated_by: target.id }).execute()
    Object.assign(fixtures, { referralId, allocationId })
    // A supporting document of that referral (its bytes in the database, checksum true), and a notification about it to the home user.
    const [attachmentId, attachmentKey, notificationId] = [newId(), newId(), newId()]
    const attachmentBytes = Buffer.from('%PDF-1.4 matrix attachment')
    await db.insertInto('stored_file').values({ key: attachmentKey, content: attachmentBytes }).execute()
    await db.insertInto('referral_attachment').values({ id: attachmentId, referral_id: referralId, title: 'Matrix document', file_name: 'matrix.pdf', media_type: 'application/pdf', size_bytes: attachmentBytes.byteLength, sha256: sha256Hex(attachmentBytes), storage: 'database', storage_key: attachmentKey, uploaded_by: target.id }).execute()
    await db.insertInto('notification').values({ id: notificationId, user_id: target.id, team_id: null, kind: 'referral.accepted', referral_id: referralId }).execute()
    Object.assign(fixtures, { attachmentId, notificationId })
    // Records of later modules (test/matrix-fixtures/), built on the ones above.
    const base = { homeOrganisationId: homeOrganisation, foreignOrganisationId: foreignOrganisation, homeTeamId: homeTeam, foreignTeamId: foreignTeam, personId, userId: target.id, serviceId, elementId: placesId, referralId, allocationId }
    for (const module of moduleMatrixFixtures) Object.assign(fixtures, await module.create(db, base))

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

  /**
   * Calls `check` for every caller: at once for a GET (the database works while the app
   * renders the next answer), one after another for a change, whose effect the next caller meets.
   */
  async function eachCaller(route: RouteDeclaration, callers: readonly Caller[], check: (caller: Caller) => Promise<void>): Promise<void> {
    if (route.method === 'GET') {
      await Promise.all(callers.map(check))
      return
    }
    for (const caller of callers) await check(caller)
  }

  it('covers every declared route', () => {
    assert.ok(guarded().length >= 5)
    for (const route of app.declaredRoutes) assert.doesNotThrow(() => urlOf(route), `${route.method} ${route.path}`)
  })

  it('refuses every non-public route to an anonymous caller', async () => {
    for (const route of guarded()) {
      const response = await request(route, null)
      assert.ok([303, 401, 403].includes(response.statusCode), `${route.method} ${route.path}: anonymous got ${response.statusCode}`)
      // Forum members sign in on the forum's own page.
      if (response.statusCode === 303) assert.match(String(response.headers.location), route.capability === 'forum:member' ? /^\/forum\/sign-in\?returnTo=/ : /^\/sign-in\?returnTo=/)
    }
  })

  it('gives each role exactly the routes its capabilities name, in its own organisation', async () => {
    for (const route of guarded()) {
      await eachCaller(route, home, async (caller) => {
        const response = await request(route, caller)
        const where = `${route.method} ${route.path} as ${caller.label}`
        if (caller.capabilities.has(route.capability)) {
          // A case section of a data category the role may not read (health-only outcomes for a non-clinician) says so with 403.
          const notShared = response.statusCode === 403 && response.body.includes(app.content.t('casework.notShared'))
          assert.ok(notShared || ![401, 403, 500].includes(response.statusCode), `${where}: allowed by its capability, got ${response.statusCode}`)
        } else {
          assert.equal(response.statusCode, 403, `${where}: lacks ${route.capability}, got ${response.statusCode}`)
        }
      })
    }
  })

  it('never shows or changes a home-organisation record for a user of a foreign organisation, whatever their role', async () => {
    const aboutRecords = guarded().filter((route) => [...route.path.matchAll(/:(\w+)/g)].some((match) => homeRecordParams.has(match[1] ?? '')))
    assert.ok(aboutRecords.length > 0)
    for (const route of aboutRecords) {
      await eachCaller(route, foreign, async (caller) => {
        // A system administrator administers every organisation, and manages every service, by definition (but reads no person record).
        if (caller.capabilities.has('system:administer') && (route.path.startsWith('/admin/') || route.path.startsWith('/manage/'))) return
        const response = await request(route, caller)
        const where = `${route.method} ${route.path} as ${caller.label}`
        // Break-glass exists to reach beyond scope: its form may open, but shows nothing of the record.
        const allowed = route.capability === 'breakglass:use' ? [200, 303, 400, 403, 404] : [403, 404]
        assert.ok(allowed.includes(response.statusCode), `${where}: got ${response.statusCode}`)
        assert.doesNotMatch(response.body, /Matrix Person|Matrix agreement|Matrix fixture reason/, `${where} leaked a home record`)
      })
    }
  })
}
