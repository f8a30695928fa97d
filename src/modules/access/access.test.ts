import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, csrfFrom, postForm, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import { peoplePaths } from '../people/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { accessPaths } from './paths.ts'
import { accessRoutes } from './routes.ts'

const personHeldBy = (db: Db, teamId: string) => createPerson(db, { teamId, givenName: 'Marigold', familyName: 'Okonkwo' })

/** A UTC calendar date `days` from today, as the scope rule counts days. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

function dateFields(name: string, date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** Fills a route pattern's parameters. */
function pathOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? 'missing')
}

describeEachDialect('information governance', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: { organisationId: string; teamId: string }
  let probation: { organisationId: string; teamId: string }
  let elsewhere: { organisationId: string; teamId: string }
  let person: string
  // IG leads and practitioners need a second factor; demo accounts skip it, which keeps these tests about access.
  let igLeadUser: TestUser
  let igLead: BrowserSession
  let foreignIgLead: BrowserSession
  let officerUser: TestUser
  let officer: BrowserSession
  let clinicianUser: TestUser
  let clinician: BrowserSession

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    elsewhere = await organisationWithTeam(db, 'Eastbrook NHS Trust', 'nhs_trust')
    person = await personHeldBy(db, trust.teamId)
    igLeadUser = await createUser(db, { organisationId: trust.organisationId, roles: ['ig_lead'], isDemo: true })
    clinicianUser = await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId], isDemo: true })
    officerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    const foreignIgLeadUser = await createUser(db, { organisationId: elsewhere.organisationId, roles: ['ig_lead'], isDemo: true })
    igLead = await signIn(app, igLeadUser)
    foreignIgLead = await signIn(app, foreignIgLeadUser)
    officer = await signIn(app, officerUser)
    clinician = await signIn(app, clinicianUser)
  })
  after(() => app.close())

  const get = (session: Pick<BrowserSession, 'cookie'>, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const viewPerson = async (session: BrowserSession) => (await get(session, peoplePaths.person({ personId: person }))).statusCode
  /** Posts a form whose checkboxes send one field several times. */
  const postPairs = (session: BrowserSession, url: string, pairs: Array<[string, string]>) =>
    app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['_csrf', session.csrf], ...pairs]).toString() })
  const lastSequence = async () => Number((await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('n')).executeTakeFirst())?.n ?? 0)
  const auditSince = (sequence: number) => db.selectFrom('audit_event').selectAll().where('sequence', '>', sequence).orderBy('sequence').execute()

  it('adds a sharing agreement through the form; it opens the owner’s people to the party until it is ended', async () => {
    assert.equal(await viewPerson(officer), 404)
    const form = await csrfFrom(app, igLead, accessPaths.newAgreement())
    const page = await get(igLead, accessPaths.newAgreement())
    assert.match(page.body, new RegExp(`value="${probation.organisationId}"`))
    assert.doesNotMatch(page.body, new RegExp(`value="${trust.organisationId}"`), 'an organisation is not offered as a party to its own agreement')
    assert.match(page.body, /Clinical notes \(health only\)/)

    const incomplete = await postForm(app, form, accessPaths.agreements(), { name: '  ', parties: probation.organisationId, 'startsOn-day': '31', 'startsOn-month': '2', 'startsOn-year': '2026', 'endsOn-month': '3' })
    assert.equal(incomplete.statusCode, 400)
    for (const problem of ['Enter the name of the agreement', 'Select the purposes', 'Select the data categories', 'The start date must be a real date', 'The end date must include a day, month and year']) {
      assert.match(incomplete.body, new RegExp(problem))
    }
    assert.match(incomplete.body, /href="#startsOn-day"/, 'the summary links to the first box of the date')
    assert.match(incomplete.body, /name="startsOn-day" type="text" value="31"/, 'what was typed is kept')
    assert.match(incomplete.body, new RegExp(`value="${probation.organisationId}" checked`))

    const fields: Array<[string, string]> = [
      ['name', 'Community pathway agreement'],
      ['parties', probation.organisationId],
      ['purposes', 'direct_care'],
      ['purposes', 'risk_management'],
      ['categories', 'identity'],
      ['categories', 'risk'],
      ...Object.entries(dateFields('startsOn', dayFromToday(-30))),
    ]
    const backwards = await postPairs(form, accessPaths.agreements(), [...fields, ...Object.entries(dateFields('endsOn', dayFromToday(-30)))])
    assert.equal(backwards.statusCode, 400)
    assert.match(backwards.body, /The end date must be after the start date/)
    const foreignParty = await postPairs(form, accessPaths.agreements(), [...fields, ['parties', trust.organisationId]])
    assert.equal(foreignParty.statusCode, 400, 'the owner cannot be a party')

    const before = await lastSequence()
    const created = await postPairs(form, accessPaths.agreements(), fields)
    assert.equal(created.statusCode, 303)
    const agreementId = String(created.headers.location).split('/').pop()!
    assert.equal(created.headers.location, accessPaths.agreement({ agreementId }))
    const stored = await db.selectFrom('sharing_agreement').selectAll().where('id', '=', agreementId).executeTakeFirstOrThrow()
    assert.equal(stored.owner_organisation_id, trust.organisationId)
    assert.equal(stored.starts_on, dayFromToday(-30))
    assert.equal(stored.ends_on, null)
    const audit = await auditSince(before)
    assert.deepEqual(audit.map((row) => [row.action, row.user_id, row.record_id]), [['access.agreement.create', igLeadUser.id, agreementId]])

    assert.equal(await viewPerson(officer), 200, 'the party now sees the owner’s people')
    const shown = await get(igLead, accessPaths.agreement({ agreementId }))
    assert.equal(shown.statusCode, 200)
    assert.match(shown.body, /Westmarch Probation/)
    assert.match(shown.body, /Risk management/)
    assert.match(shown.body, /In force/)
    assert.match((await get(igLead, accessPaths.agreements())).body, /Community pathway agreement/)

    // Another organisation's IG lead neither sees the agreement nor ends it.
    assert.doesNotMatch((await get(foreignIgLead, accessPaths.agreements())).body, /Community pathway agreement/)
    assert.equal((await get(foreignIgLead, accessPaths.agreement({ agreementId }))).statusCode, 404)
    assert.equal((await postForm(app, foreignIgLead, accessPaths.endAgreement({ agreementId }))).statusCode, 404)
    assert.equal(await viewPerson(officer), 200)

    const beforeEnd = await lastSequence()
    const ended = await postForm(app, igLead, accessPaths.endAgreement({ agreementId }))
    assert.equal(ended.statusCode, 303)
    assert.equal((await db.selectFrom('sharing_agreement').select('ends_on').where('id', '=', agreementId).executeTakeFirstOrThrow()).ends_on, dayFromToday(-1))
    assert.equal(await viewPerson(officer), 404, 'ending the agreement takes effect at once')
    assert.match((await get(igLead, accessPaths.agreement({ agreementId }))).body, /This agreement has ended/)
    await postForm(app, igLead, accessPaths.endAgreement({ agreementId }))
    const ends = (await auditSince(beforeEnd)).filter((row) => row.action.startsWith('access.'))
    assert.deepEqual(ends.map((row) => [row.action, row.user_id, row.record_id]), [['access.agreement.end', igLeadUser.id, agreementId]], 'a second click changes nothing')
  })

  it('queues break-glass uses for review by the user’s own organisation, and records the review', async () => {
    const useId = newId()
    const startedAt = new Date(Date.now() - 2 * 3_600_000)
    await db
      .insertInto('break_glass')
      .values({ id: useId, user_id: clinicianUser.id, person_id: person, category: 'safeguarding', reason: 'Police called about a child at the address tonight', started_at: startedAt.toISOString(), expires_at: new Date(startedAt.getTime() + 3_600_000).toISOString() })
      .execute()

    const queue = await get(igLead, accessPaths.breakGlassQueue())
    assert.equal(queue.statusCode, 200)
    assert.match(queue.body, /Police called about a child/)
    assert.match(queue.body, new RegExp(person))
    assert.match(queue.body, /A safeguarding concern that cannot wait/)
    assert.doesNotMatch((await get(foreignIgLead, accessPaths.breakGlassQueue())).body, /Police called/)
    assert.equal((await get(foreignIgLead, accessPaths.breakGlassUse({ breakGlassId: useId }))).statusCode, 404)
    assert.equal((await postForm(app, foreignIgLead, accessPaths.breakGlassUse({ breakGlassId: useId }), { outcome: 'appropriate' })).statusCode, 404)

    const before = await lastSequence()
    const withoutNote = await postForm(app, igLead, accessPaths.breakGlassUse({ breakGlassId: useId }), { outcome: 'inappropriate' })
    assert.equal(withoutNote.statusCode, 400)
    assert.match(withoutNote.body, /Explain why this use of break-glass was not appropriate/)
    assert.match(withoutNote.body, /value="inappropriate" checked/, 'the chosen outcome is kept')
    assert.equal((await db.selectFrom('break_glass').select('reviewed_at').where('id', '=', useId).executeTakeFirstOrThrow()).reviewed_at, null)

    const saved = await postForm(app, igLead, accessPaths.breakGlassUse({ breakGlassId: useId }), { outcome: 'inappropriate', note: 'The team held the record already; to be discussed in supervision.' })
    assert.equal(saved.statusCode, 303)
    const reviewed = await db.selectFrom('break_glass').selectAll().where('id', '=', useId).executeTakeFirstOrThrow()
    assert.equal(reviewed.reviewed_by, igLeadUser.id)
    assert.ok(Math.abs(Date.parse(reviewed.reviewed_at!) - Date.now()) < 60_000)
    assert.equal(reviewed.review_outcome, 'inappropriate')
    assert.deepEqual(
      (await auditSince(before)).map((row) => [row.action, row.outcome, row.person_id, row.record_id]),
      [
        ['access.break-glass.review', 'failed', person, useId],
        ['access.break-glass.review', 'allowed', person, useId],
      ],
    )
    assert.doesNotMatch((await get(igLead, accessPaths.breakGlassQueue())).body, /Police called/)
    assert.match((await get(igLead, accessPaths.reviewedBreakGlass())).body, /Police called about a child[\s\S]*Not appropriate/)
    assert.match((await get(igLead, accessPaths.breakGlassUse({ breakGlassId: useId }))).body, /to be discussed in supervision/)
  })

  it('does not let an IG lead review their own use of break-glass, and says why', async () => {
    const dualUser = await createUser(db, { organisationId: trust.organisationId, roles: ['ig_lead', 'clinician'], teamIds: [trust.teamId], isDemo: true })
    const dual = await signIn(app, dualUser)
    const useId = newId()
    await db
      .insertInto('break_glass')
      .values({ id: useId, user_id: dualUser.id, person_id: person, category: 'risk_to_life', reason: 'Out of hours crisis call from the ward', started_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3_600_000).toISOString() })
      .execute()
    assert.match((await get(dual, accessPaths.breakGlassQueue())).body, /Your own use – another IG lead must review it/)
    assert.match((await get(dual, accessPaths.breakGlassUse({ breakGlassId: useId }))).body, /You cannot review your own use of break-glass/)
    assert.equal((await postForm(app, dual, accessPaths.breakGlassUse({ breakGlassId: useId }), { outcome: 'appropriate' })).statusCode, 403)
    assert.equal((await db.selectFrom('break_glass').select('reviewed_at').where('id', '=', useId).executeTakeFirstOrThrow()).reviewed_at, null)
    assert.match((await get(igLead, accessPaths.breakGlassUse({ breakGlassId: useId }))).body, /Save review/, 'a colleague can review it')
  })

  it('restricts a record to named staff, and each change is audited with the person', async () => {
    const restrictedPage = accessPaths.restricted({ personId: person })
    assert.equal(await viewPerson(clinician), 200)
    const page = await get(igLead, restrictedPage)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Marigold Okonkwo/)
    const before = await lastSequence()

    assert.equal((await postForm(app, igLead, restrictedPage, { restricted: 'yes' })).statusCode, 303)
    assert.equal(await viewPerson(clinician), 404, 'the team holding the record no longer sees it')
    assert.equal((await postForm(app, igLead, accessPaths.namedGrants({ personId: person }), { email: clinicianUser.email.toUpperCase() })).statusCode, 303)
    assert.equal(await viewPerson(clinician), 200, 'a named grant lets them in again')
    assert.match((await get(igLead, restrictedPage)).body, new RegExp(clinicianUser.email))

    const again = await postForm(app, igLead, accessPaths.namedGrants({ personId: person }), { email: clinicianUser.email })
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /is already named on this record/)
    const unknown = await postForm(app, igLead, accessPaths.namedGrants({ personId: person }), { email: 'nobody@example.test' })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /There is no member of staff at Northgate NHS Trust with this email address/)
    assert.match(unknown.body, /value="nobody@example.test"/)

    assert.equal((await postForm(app, igLead, accessPaths.revokeGrant({ personId: person, userId: clinicianUser.id }))).statusCode, 303)
    assert.equal(await viewPerson(clinician), 404)
    assert.equal((await postForm(app, igLead, restrictedPage, { restricted: 'no' })).statusCode, 303)
    assert.equal(await viewPerson(clinician), 200)

    const changes = (await auditSince(before)).filter((row) => row.outcome === 'allowed' && row.user_id === igLeadUser.id)
    assert.deepEqual(
      changes.map((row) => [row.action, row.user_id, row.person_id, row.details]),
      [
        ['access.restricted.change', igLeadUser.id, person, { restricted: true }],
        ['access.restricted.grant', igLeadUser.id, person, { userId: clinicianUser.id }],
        ['access.restricted.view', igLeadUser.id, person, null],
        ['access.restricted.revoke', igLeadUser.id, person, { userId: clinicianUser.id }],
        ['access.restricted.change', igLeadUser.id, person, { restricted: false }],
      ],
    )
  })

  it('keeps restricted records of people another organisation works with out of an IG lead’s reach', async () => {
    assert.equal((await get(foreignIgLead, accessPaths.restricted({ personId: person }))).statusCode, 404)
    assert.equal((await postForm(app, foreignIgLead, accessPaths.restricted({ personId: person }), { restricted: 'yes' })).statusCode, 404)
    const stored = await db.selectFrom('person').select('is_restricted').where('id', '=', person).executeTakeFirstOrThrow()
    assert.equal(stored.is_restricted, false)
  })

  it('asks for the password again before the restricted-record page, and refuses its forms without it', async () => {
    const user = await createUser(db, { organisationId: trust.organisationId, roles: ['ig_lead'], isDemo: true })
    const session = await signIn(app, user)
    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 3_600_000).toISOString() }).where('user_id', '=', user.id).execute()
    const page = await get(session, accessPaths.restricted({ personId: person }))
    assert.equal(page.statusCode, 303)
    assert.equal(page.headers.location, `/account/confirm?returnTo=${encodeURIComponent(accessPaths.restricted({ personId: person }))}`)
    assert.equal((await postForm(app, session, accessPaths.restricted({ personId: person }), { restricted: 'yes' })).statusCode, 403)
    assert.equal((await db.selectFrom('person').select('is_restricted').where('id', '=', person).executeTakeFirstOrThrow()).is_restricted, false)
  })

  it('finds a restricted-record page by Pathways ID', async () => {
    const wrong = await get(igLead, `${accessPaths.findRestricted()}?personId=not-an-id`)
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /Enter a Pathways ID in the correct format/)
    const found = await get(igLead, `${accessPaths.findRestricted()}?personId=${person.toUpperCase()}`)
    assert.equal(found.statusCode, 303)
    assert.equal(found.headers.location, accessPaths.restricted({ personId: person }))
  })

  it('refuses every page and form to a user without the capability (403)', async () => {
    const params = { agreementId: newId(), breakGlassId: newId(), personId: person, userId: clinicianUser.id }
    for (const route of accessRoutes) {
      const url = pathOf(route.path, params)
      const response = route.method === 'GET' ? await get(officer, url) : await postForm(app, officer, url)
      assert.equal(response.statusCode, 403, `${route.method} ${route.path}`)
    }
    const refused = await db.selectFrom('audit_event').select(['action', 'outcome']).where('user_id', '=', officerUser.id).where('person_id', '=', person).where('action', 'like', 'access.%').orderBy('sequence').execute()
    assert.deepEqual(
      refused.map((row) => [row.action, row.outcome]),
      accessRoutes.filter((route) => route.path.includes(':personId')).map((route) => [route.audit, 'denied']),
      'a refused attempt at a restricted record is audited',
    )
  })

  it('refuses every form posted without its CSRF token', async () => {
    const params = { agreementId: newId(), breakGlassId: newId(), personId: person, userId: clinicianUser.id }
    for (const route of accessRoutes.filter((each) => each.method === 'POST')) {
      const response = await app.inject({ method: 'POST', url: pathOf(route.path, params), headers: { cookie: igLead.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'restricted=yes' })
      assert.equal(response.statusCode, 403, route.path)
    }
    assert.equal((await db.selectFrom('person').select('is_restricted').where('id', '=', person).executeTakeFirstOrThrow()).is_restricted, false)
  })
})
