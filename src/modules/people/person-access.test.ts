import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, csrfFrom, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { accountPaths } from '../account/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { peoplePaths } from './paths.ts'

describeEachDialect('who may see a person', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: { organisationId: string; teamId: string }
  let probation: { organisationId: string; teamId: string }
  let held: string
  let closed: string
  let restricted: string
  let clinician: BrowserSession
  let clinicianId: string
  let officer: BrowserSession
  let officerId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    held = await createPerson(db, { teamId: trust.teamId })
    closed = await createPerson(db, { teamId: trust.teamId, status: 'closed' })
    restricted = await createPerson(db, { teamId: trust.teamId, restricted: true })
    // Demo users skip the second factor, which has its own tests.
    const clinicianUser = await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId], isDemo: true })
    const officerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    clinicianId = clinicianUser.id
    officerId = officerUser.id
    clinician = await signIn(app, clinicianUser)
    officer = await signIn(app, officerUser)
  })
  after(() => app.close())

  const view = (session: BrowserSession, personId: string) => app.inject({ method: 'GET', url: peoplePaths.person({ personId }), headers: { cookie: session.cookie } })
  const auditRows = (userId: string, personId: string) =>
    db.selectFrom('audit_event').select(['action', 'outcome', 'route', 'request_id', 'organisation_id']).where('user_id', '=', userId).where('person_id', '=', personId).orderBy('sequence').execute()

  it('shows a person to a team with an open involvement, and audits the read', async () => {
    const response = await view(clinician, held)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Juniper Teacup/)
    assert.match(response.body, /Northgate NHS Trust team/)
    const rows = await auditRows(clinicianId, held)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.action, 'person.view')
    assert.equal(rows[0]?.outcome, 'allowed')
    assert.equal(rows[0]?.route, 'GET /people/:personId')
    assert.equal(rows[0]?.organisation_id, trust.organisationId)
  })

  it('lists only the people in scope, and audits the listing', async () => {
    const list = (session: BrowserSession) => app.inject({ method: 'GET', url: peoplePaths.list(), headers: { cookie: session.cookie } })
    const mine = await list(clinician)
    assert.equal(mine.statusCode, 200)
    assert.ok(mine.body.includes(peoplePaths.person({ personId: held })))
    assert.ok(!mine.body.includes(peoplePaths.person({ personId: closed })), 'not a closed involvement')
    assert.ok(!mine.body.includes(peoplePaths.person({ personId: restricted })), 'not a restricted record without a grant')
    const foreign = await list(officer)
    assert.ok(!foreign.body.includes(peoplePaths.person({ personId: held })), 'nothing of another organisation')
    assert.match(foreign.body, /Your teams are not working with anyone/)
    const searches = await db.selectFrom('audit_event').select('outcome').where('user_id', '=', clinicianId).where('action', '=', 'person.search').execute()
    assert.deepEqual(searches.map((row) => row.outcome), ['allowed'])
  })

  it('hides a person whose involvement with the team has closed, and audits the refusal', async () => {
    assert.equal((await view(clinician, closed)).statusCode, 404)
    assert.deepEqual((await auditRows(clinicianId, closed)).map((row) => row.outcome), ['denied'])
  })

  it('hides a person from another organisation: 404, as for someone who does not exist', async () => {
    const foreign = await view(officer, held)
    const nobody = await view(officer, newId())
    assert.equal(foreign.statusCode, 404)
    assert.equal(nobody.statusCode, 404)
    assert.doesNotMatch(foreign.body, /Juniper|Teacup/)
    assert.deepEqual((await auditRows(officerId, held)).map((row) => row.outcome), ['denied'])
  })

  it('opens the person to another organisation while a sharing agreement for the purpose is in force', async () => {
    const agreement = newId()
    await db.insertInto('sharing_agreement').values({ id: agreement, name: 'Community pathway agreement', owner_organisation_id: trust.organisationId, starts_on: '2026-01-01', ends_on: null }).execute()
    await db.insertInto('sharing_agreement_party').values({ agreement_id: agreement, organisation_id: probation.organisationId }).execute()
    await db.insertInto('sharing_agreement_category').values({ agreement_id: agreement, data_category: 'identity' }).execute()
    assert.equal((await view(officer, held)).statusCode, 404, 'an agreement with no purpose grants nothing')
    await db.insertInto('sharing_agreement_purpose').values({ agreement_id: agreement, purpose: 'direct_care' }).execute()
    assert.equal((await view(officer, held)).statusCode, 200)
    assert.equal((await view(officer, closed)).statusCode, 404, 'only people the owner currently holds')
    await db.updateTable('sharing_agreement').set({ ends_on: '2026-02-01' }).where('id', '=', agreement).execute()
    assert.equal((await view(officer, held)).statusCode, 404, 'an ended agreement grants nothing')
    await db.updateTable('sharing_agreement').set({ ends_on: null, starts_on: '2099-01-01' }).where('id', '=', agreement).execute()
    assert.equal((await view(officer, held)).statusCode, 404, 'an agreement not yet started grants nothing')
  })

  it('needs a named grant for a restricted record, even for the team that holds it', async () => {
    assert.equal((await view(clinician, restricted)).statusCode, 404)
    await db.insertInto('restricted_grant').values({ person_id: restricted, user_id: clinicianId, granted_by: clinicianId }).execute()
    const response = await view(clinician, restricted)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /only named staff may see this record/)
  })

  it('refuses a user without person:read with 403 and audits the attempt', async () => {
    const analystUser = await createUser(db, { organisationId: trust.organisationId, roles: ['data_analyst'], teamIds: [trust.teamId], isDemo: true })
    const analyst = await signIn(app, analystUser)
    assert.equal((await view(analyst, held)).statusCode, 403)
    assert.deepEqual((await auditRows(analystUser.id, held)).map((row) => [row.action, row.outcome]), [['person.view', 'denied']])
  })

  it('break-glass: asks for the password, then a reason, gives time-limited access with a banner, and lands in the review queue', async () => {
    const target = await createPerson(db, { teamId: trust.teamId })
    assert.equal((await view(officer, target)).statusCode, 404)
    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 3_600_000).toISOString() }).where('user_id', '=', officerId).execute()
    const form = await app.inject({ method: 'GET', url: peoplePaths.breakGlass({ personId: target }), headers: { cookie: officer.cookie } })
    assert.equal(form.statusCode, 303)
    assert.match(String(form.headers.location), /^\/account\/confirm\?returnTo=/)
    const confirm = await csrfFrom(app, officer, String(form.headers.location))
    await postForm(app, confirm, accountPaths.confirmIdentity(), { password: 'correct horse battery staple 42', returnTo: peoplePaths.breakGlass({ personId: target }) })
    const page = await csrfFrom(app, officer, peoplePaths.breakGlass({ personId: target }))
    const incomplete = await postForm(app, page, peoplePaths.breakGlass({ personId: target }), { reason: 'short' })
    assert.equal(incomplete.statusCode, 400)
    assert.match(incomplete.body, /Select why you need emergency access/)
    assert.match(incomplete.body, /at least 10 characters/)
    const granted = await postForm(app, page, peoplePaths.breakGlass({ personId: target }), { category: 'risk_to_life', reason: 'Called by police about an immediate risk tonight' })
    assert.equal(granted.statusCode, 303)
    const opened = await view(officer, target)
    assert.equal(opened.statusCode, 200)
    assert.match(opened.body, /You are using break-glass access to this record until \d\d:\d\d/)
    const grant = await db.selectFrom('break_glass').selectAll().where('user_id', '=', officerId).where('person_id', '=', target).executeTakeFirstOrThrow()
    assert.equal(grant.reviewed_at, null, 'waiting for review')
    assert.ok(Math.abs(Date.parse(grant.expires_at) - Date.parse(grant.started_at) - 60 * 60_000) < 1000, 'one hour by default')
    assert.deepEqual((await auditRows(officerId, target)).map((row) => [row.action, row.outcome]), [
      ['person.view', 'denied'],
      ['person.break-glass', 'allowed'],
      ['person.view', 'allowed'],
    ])
    await db.updateTable('break_glass').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', grant.id).execute()
    assert.equal((await view(officer, target)).statusCode, 404, 'access ends when the time is up')
  })

  it('does not let a role without break-glass use it', async () => {
    const volunteerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['volunteer'], teamIds: [probation.teamId] })
    const volunteer = await signIn(app, volunteerUser)
    const response = await postForm(app, volunteer, peoplePaths.breakGlass({ personId: held }), { category: 'risk_to_life', reason: 'I would like to look please' })
    assert.equal(response.statusCode, 403)
    assert.equal(await db.selectFrom('break_glass').select('id').where('user_id', '=', volunteerUser.id).executeTakeFirst(), undefined)
  })
})
