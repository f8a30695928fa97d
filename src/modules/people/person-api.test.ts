import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, formBody, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { peoplePaths } from './paths.ts'
import { peopleRoutes } from './routes.ts'

describeEachDialect('the person API, and another organisation’s reach', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: OrganisationWithTeam
  let token: string
  let foreignToken: string
  let foreign: BrowserSession
  let foreignUserId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    const other = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    const practitioner = await createUser(db, { organisationId: trust.organisationId, roles: ['liaison_diversion_practitioner'], teamIds: [trust.teamId], isDemo: true })
    const stranger = await createUser(db, { organisationId: other.organisationId, roles: ['clinician'], teamIds: [other.teamId], isDemo: true })
    foreignUserId = stranger.id
    token = (await issueApiToken(db, { userId: practitioner.id, name: 'Case system', expiresAt: new Date(Date.now() + 3_600_000) })).token
    foreignToken = (await issueApiToken(db, { userId: stranger.id, name: 'Their system', expiresAt: new Date(Date.now() + 3_600_000) })).token
    foreign = await signIn(app, stranger)
  })
  after(() => app.close())

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, bearer = token) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })

  it('creates a person with the caller’s only team, answering 201 with the record and where it is', async () => {
    const response = await api('POST', peoplePaths.api.people(), { givenName: 'Cerys', familyName: 'Lollipopova', dateOfBirth: '1995-06-30', nhsNumber: '943 476 5919', sex: 'female', locationKind: 'custody', locationEstablishment: 'HMP Fallowmere', interpreterNeeded: true })
    assert.equal(response.statusCode, 201)
    const created = response.json()
    assert.equal(response.headers.location, peoplePaths.api.person({ personId: created.id }))
    assert.equal(created.version, 1)
    assert.deepEqual([created.givenName, created.familyName, created.dateOfBirth, created.sex], ['Cerys', 'Lollipopova', '1995-06-30', 'female'])
    assert.deepEqual(created.location, { kind: 'custody', establishment: 'HMP Fallowmere', area: null })
    assert.equal(created.language.interpreterNeeded, true)
    assert.deepEqual(created.identifiers.map((identifier: { kind: string; value: string }) => [identifier.kind, identifier.value]), [['nhs_number', '9434765919']])
    assert.deepEqual(created.involvements.map((involvement: { team: string; status: string }) => [involvement.team, involvement.status]), [['Northgate NHS Trust team', 'open']])
  })

  it('answers 422 with each problem on its JSON field, in the words of the pages', async () => {
    const response = await api('POST', peoplePaths.api.people(), { givenName: 'Cerys', familyName: '', dateOfBirth: '2099-01-01', nhsNumber: '9434765918', pncId: '2012/0000123R' })
    assert.equal(response.statusCode, 422)
    assert.deepEqual(response.json(), {
      errors: [
        { field: 'familyName', message: "Enter the person's family name" },
        { field: 'dateOfBirth', message: 'Date of birth must be in the past' },
        { field: 'nhsNumber', message: "The NHS number's check digit does not match – check for a typo" },
        { field: 'pncId', message: "The PNC ID's check letter does not match – check for a typo" },
      ],
    })
    const shape = await api('POST', peoplePaths.api.people(), { givenName: 'Cerys', familyName: 'Lollipopova', dateOfBirth: '1995-06-30', sex: 'F', favouriteColour: 'green' })
    assert.equal(shape.statusCode, 422)
    const fields = shape.json().errors.map((error: { field: string }) => error.field)
    assert.ok(fields.includes('sex'), JSON.stringify(shape.json()))
    assert.ok(fields.includes('favouriteColour'), JSON.stringify(shape.json()))
  })

  it('answers 409 with the matches in scope and only whether one exists elsewhere, until told none of them is the person', async () => {
    const known = await createPerson(db, { teamId: trust.teamId, givenName: 'Dafydd', familyName: 'Tiddlywink', dateOfBirth: '1972-11-11' })
    const elsewhere = await organisationWithTeam(db, 'Waystone Volunteers', 'charity')
    const hidden = await createPerson(db, { teamId: elsewhere.teamId, givenName: 'Gwenllian', familyName: 'Spoonbender', dateOfBirth: '1972-11-11', identifiers: [{ kind: 'crn', value: 'D111222' }] })
    const body = { givenName: 'Dafydd', familyName: 'Tiddlywink', dateOfBirth: '1972-11-11', crn: 'd111222' }
    const conflict = await api('POST', peoplePaths.api.people(), body)
    assert.equal(conflict.statusCode, 409)
    assert.deepEqual(conflict.json(), { matches: [{ id: known, givenName: 'Dafydd', familyName: 'Tiddlywink', dateOfBirth: '1972-11-11', reasons: ['name_and_date_of_birth'] }], matchElsewhere: true })
    for (const secret of [hidden, 'Gwenllian', 'Spoonbender', 'Waystone']) assert.ok(!conflict.body.includes(secret), secret)
    const confirmed = await api('POST', peoplePaths.api.people(), { ...body, confirmNoMatch: true })
    assert.equal(confirmed.statusCode, 201)
  })

  it('reads the whole record, and changes details and location against the version it is based on', async () => {
    const personId = await createPerson(db, { teamId: trust.teamId, givenName: 'Niamh', familyName: 'Buttonáin' })
    const read = await api('GET', peoplePaths.api.person({ personId }))
    assert.equal(read.statusCode, 200)
    assert.deepEqual(Object.keys(read.json()).sort(), ['aliases', 'breakGlassUntil', 'characteristics', 'dateOfBirth', 'familyName', 'genderIdentity', 'givenName', 'id', 'identifiers', 'involvements', 'language', 'location', 'mergedIntoId', 'needs', 'pronouns', 'restricted', 'sex', 'version'])

    const updated = await api('PATCH', peoplePaths.api.person({ personId }), { version: 1, familyName: 'Ó Buttonáin', pronouns: 'she/her', locationKind: 'community', locationArea: 'Marchfield North' })
    assert.equal(updated.statusCode, 200)
    assert.equal(updated.json().version, 2)
    assert.equal(updated.json().familyName, 'Ó Buttonáin')
    assert.equal(updated.json().givenName, 'Niamh', 'a field left out keeps its value')
    assert.deepEqual(updated.json().location, { kind: 'community', establishment: null, area: 'Marchfield North' })
    const history = await db.selectFrom('person_change').select(['section', 'changes']).where('person_id', '=', personId).orderBy('section').execute()
    assert.deepEqual(history.map((row) => row.section), ['details', 'location'])

    const stale = await api('PATCH', peoplePaths.api.person({ personId }), { version: 1, familyName: 'Overwritten' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.json().errors[0].message, /changed by someone else/)
    const invalid = await api('PATCH', peoplePaths.api.person({ personId }), { version: 2, locationKind: 'custody' })
    assert.equal(invalid.statusCode, 422)
    assert.deepEqual(invalid.json().errors, [{ field: 'locationEstablishment', message: 'Enter the prison or other establishment' }])
    const noVersion = await api('PATCH', peoplePaths.api.person({ personId }), { familyName: 'Unversioned' })
    assert.equal(noVersion.statusCode, 422)
    assert.equal((await db.selectFrom('person').select(['family_name', 'version']).where('id', '=', personId).executeTakeFirstOrThrow()).family_name, 'Ó Buttonáin')
  })

  it('gives a user of another organisation 404 on every page and API route of a person, reads and changes alike, and changes nothing', async () => {
    const personId = await createPerson(db, { teamId: trust.teamId, givenName: 'Wilhelmina', familyName: 'Crumpetbottom', identifiers: [{ kind: 'crn', value: 'W765432' }] })
    const ids = { aliasId: newId(), needId: newId(), involvementId: newId() }
    await db.insertInto('person_alias').values({ id: ids.aliasId, person_id: personId, alias_type: 'nickname', given_name: 'Billie', family_name: 'Crumpetbottom' }).execute()
    await db.insertInto('person_need').values({ id: ids.needId, person_id: personId, need: 'trauma', source: 'referral', started_on: '2026-01-01' }).execute()
    const involvement = await db.selectFrom('involvement').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()
    const identifier = await db.selectFrom('person_identifier').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()
    const params: Record<string, string> = { personId, aliasId: ids.aliasId, needId: ids.needId, involvementId: involvement.id, identifierId: identifier.id }
    // Break-glass exists to reach beyond scope (its own tests cover it).
    const routes = peopleRoutes.filter((route) => route.path.includes(':personId') && route.capability !== 'breakglass:use')
    assert.ok(routes.length >= 25, `found ${routes.length} routes`)
    for (const route of routes) {
      const url = route.path.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? assert.fail(`no value for :${name}`))
      const where = `${route.method} ${route.path}`
      const fields = { version: '1', given_name: 'Hacked', family_name: 'Hacked', 'date_of_birth-day': '1', 'date_of_birth-month': '1', 'date_of_birth-year': '1990', reason: 'completed', team_id: trust.teamId }
      const asPage =
        route.method === 'GET'
          ? await app.inject({ method: 'GET', url, headers: { cookie: foreign.cookie } })
          : await app.inject({ method: route.method, url, headers: { cookie: foreign.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: foreign.csrf, ...fields }) })
      assert.equal(asPage.statusCode, 404, `${where} with a session`)
      assert.doesNotMatch(asPage.body, /Wilhelmina|Crumpetbottom|W765432|Billie/, where)
      if (route.path.startsWith('/api/')) {
        const asClient = await api(route.method as 'GET' | 'PATCH', url, route.method === 'GET' ? undefined : { version: 1, familyName: 'Hacked' }, foreignToken)
        assert.equal(asClient.statusCode, 404, `${where} with a token`)
        assert.deepEqual(Object.keys(asClient.json()), ['error'])
      }
    }
    const person = await db.selectFrom('person').select(['family_name', 'version']).where('id', '=', personId).executeTakeFirstOrThrow()
    assert.deepEqual(person, { family_name: 'Crumpetbottom', version: 1 })
    assert.deepEqual(await db.selectFrom('person_change').select('id').where('person_id', '=', personId).execute(), [])
    assert.equal((await db.selectFrom('involvement').select('status').where('id', '=', involvement.id).executeTakeFirstOrThrow()).status, 'open')
    const audited = await db.selectFrom('audit_event').select(['outcome']).where('user_id', '=', foreignUserId).where('person_id', '=', personId).execute()
    assert.ok(audited.length >= routes.length, 'every refused attempt is audited')
    assert.ok(audited.every((row) => row.outcome === 'denied'))
  })
})
