import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson } from '../../../test/support/fixtures.ts'
import { completeAnswers, referralWorld, type Member, type ReferralWorld } from '../../../test/support/referrals.ts'
import { postForm } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { referralsPaths } from './paths.ts'

describeEachDialect('making a referral: drafts, resuming and submitting', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await referralWorld(app, db)
  })
  after(() => app.close())

  const page = (who: Member, url: string) => app.inject({ method: 'GET', url, headers: { cookie: who.session.cookie } })
  const newForm = () => referralsPaths.newReferral({ personId: world.personId })
  const referralsOf = (personId: string) => db.selectFrom('referral').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
  const locationId = (location: unknown) => String(location).split('/').at(-1) ?? ''

  it('offers the services the referrer may refer to, with their parts, for a person in their scope', async () => {
    const form = await page(world.referrer, newForm())
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Barnaby Fennelwick/)
    assert.match(form.body, new RegExp(`value="${world.serviceId}"`))
    assert.match(form.body, new RegExp(`value="${world.serviceId}/${world.elementId}"`))
    assert.match(form.body, /<input[^>]*name="referrer_role"[^>]*value="offender_manager"[^>]*checked/, 'the role starts as the referrer\'s own')
  })

  it('answers 404 for a person outside the caller\'s scope, and audits the attempt', async () => {
    const elsewhere = await createPerson(db, { teamId: world.charity.teamId })
    const form = await page(world.referrer, referralsPaths.newReferral({ personId: elsewhere }))
    assert.equal(form.statusCode, 404)
    const post = await postForm(app, world.referrer.session, referralsPaths.newReferral({ personId: elsewhere }), { ...completeAnswers(world), action: 'submit' })
    assert.equal(post.statusCode, 404)
    assert.deepEqual(await referralsOf(elsewhere), [])
    const audit = await db.selectFrom('audit_event').select(['action', 'outcome']).where('person_id', '=', elsewhere).orderBy('sequence').execute()
    assert.deepEqual(audit, [{ action: 'person.view', outcome: 'denied' }, { action: 'referral.create', outcome: 'denied' }])
  })

  it('saves a draft with only the service chosen, which the referrer resumes and finishes later', async () => {
    const draft = await postForm(app, world.referrer.session, newForm(), { service: `${world.serviceId}/${world.elementId}`, reasons: 'Started, to finish after supervision.', action: 'draft' })
    assert.equal(draft.statusCode, 303)
    const referralId = locationId(draft.headers.location)
    assert.equal(draft.headers.location, referralsPaths.referral({ referralId }))
    const saved = await db.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.deepEqual(
      [saved.status, saved.service_element_id, saved.referrer_role, saved.urgency, Number(saved.priority), saved.reasons, saved.risk_summary, saved.referred_at, saved.referrer_team_id],
      ['draft', world.elementId, 'offender_manager', 'routine', 2, 'Started, to finish after supervision.', null, null, world.probation.teamId],
    )

    const resumed = await page(world.referrer, referralsPaths.edit({ referralId }))
    assert.equal(resumed.statusCode, 200)
    assert.match(resumed.body, /Started, to finish after supervision\./)
    assert.match(resumed.body, new RegExp(`value="${world.serviceId}/${world.elementId}" checked`))

    const submitted = await postForm(app, world.referrer.session, referralsPaths.edit({ referralId }), { ...completeAnswers(world), version: '1', action: 'submit' })
    assert.equal(submitted.statusCode, 303)
    const after = await db.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.deepEqual([after.status, after.urgency, Number(after.priority), after.sentence_end_on, after.service_element_id], ['submitted', 'urgent', 1, '2029-06-01', null])
    assert.ok(after.referred_at)
    const notices = await db.selectFrom('notification').select(['team_id', 'kind']).where('referral_id', '=', referralId).execute()
    assert.deepEqual(notices, [{ team_id: world.trust.teamId, kind: 'referral.submitted' }])
    const changes = await db.selectFrom('audit_event').select(['action', 'outcome']).where('record_id', '=', referralId).orderBy('sequence').execute()
    assert.deepEqual(changes, [
      { action: 'referral.create', outcome: 'allowed' },
      { action: 'referral.view', outcome: 'allowed' },
      { action: 'referral.change', outcome: 'allowed' },
      { action: 'referral.transition', outcome: 'allowed' },
    ])
    // Once submitted there is nothing to change: the page goes back to the referral.
    const closed = await page(world.referrer, referralsPaths.edit({ referralId }))
    assert.equal(closed.statusCode, 303)
  })

  it('refuses to submit an incomplete referral, says what is missing, keeps what was typed, and saves nothing', async () => {
    const before = (await referralsOf(world.personId)).length
    const response = await postForm(app, world.referrer.session, newForm(), { service: world.serviceId, reasons: 'Only the reasons so far <b>bold</b>', action: 'submit' })
    assert.equal(response.statusCode, 400)
    for (const message of ['Enter a summary of risk', 'Enter a summary of needs', 'Select the risk of serious harm', 'Select the lawful basis for sharing the referral']) {
      assert.ok(response.body.includes(message), message)
    }
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /Only the reasons so far &lt;b&gt;bold&lt;\/b&gt;/, 'typed text comes back, escaped')
    assert.equal((await referralsOf(world.personId)).length, before)
  })

  it('needs a service even for a draft, checks dates, and asks for the date of consent when consent is the basis', async () => {
    const noService = await postForm(app, world.referrer.session, newForm(), { reasons: 'No service yet', action: 'draft' })
    assert.equal(noService.statusCode, 400)
    assert.match(noService.body, /Select the service you are referring to/)

    const answers = { ...completeAnswers(world), legal_basis: 'consent', 'sentence_end_on-day': '31', 'sentence_end_on-month': '2', action: 'submit' }
    const dates = await postForm(app, world.referrer.session, newForm(), answers)
    assert.equal(dates.statusCode, 400)
    assert.match(dates.body, /The sentence end date must be a real date/)
    assert.match(dates.body, /Enter the date the person gave consent/)
    assert.match(dates.body, /href="#sentence_end_on-day"/, 'the summary links to the first box of the date')

    const future = await postForm(app, world.referrer.session, newForm(), { ...answers, 'sentence_end_on-day': '28', 'consent_given_on-day': '1', 'consent_given_on-month': '1', 'consent_given_on-year': '2099' })
    assert.match(future.body, /The date of consent must be today or in the past/)

    const given = await postForm(app, world.referrer.session, newForm(), { ...answers, 'sentence_end_on-day': '28', 'consent_given_on-day': '3', 'consent_given_on-month': '1', 'consent_given_on-year': '2026' })
    assert.equal(given.statusCode, 303)
    const saved = await db.selectFrom('referral').select(['legal_basis', 'consent_given_on', 'sentence_end_on', 'status']).where('id', '=', locationId(given.headers.location)).executeTakeFirstOrThrow()
    assert.deepEqual(saved, { legal_basis: 'consent', consent_given_on: '2026-01-03', sentence_end_on: '2029-02-28', status: 'submitted' })
  })

  it('offers only services that take referrals from the referrer\'s role and kind of organisation', async () => {
    const clinicianOnly = newId()
    await db.insertInto('service').values({ id: clinicianOnly, organisation_id: world.trust.organisationId, slug: `clinicians-${clinicianOnly.slice(-8)}`, name: 'Clinicians only service', summary: 'Made up.', is_public: true }).execute()
    await db.insertInto('service_referrer_role').values({ service_id: clinicianOnly, role: 'clinician' }).execute()
    const form = await page(world.referrer, newForm())
    assert.doesNotMatch(form.body, /Clinicians only service/)
    const refused = await postForm(app, world.referrer.session, newForm(), { service: clinicianOnly, action: 'draft' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Select a service from the list/)
    const wrongPart = await postForm(app, world.referrer.session, newForm(), { service: `${world.serviceId}/${newId()}`, action: 'draft' })
    assert.match(wrongPart.body, /Select a service from the list/)
  })

  it('refuses a change based on an older version, showing the referral as it now is', async () => {
    const draft = await postForm(app, world.referrer.session, newForm(), { service: world.serviceId, reasons: 'First words', action: 'draft' })
    const referralId = locationId(draft.headers.location)
    assert.equal((await postForm(app, world.colleague.session, referralsPaths.edit({ referralId }), { service: world.serviceId, reasons: 'A colleague\'s words', version: '1', action: 'draft' })).statusCode, 303)
    const stale = await postForm(app, world.referrer.session, referralsPaths.edit({ referralId }), { service: world.serviceId, reasons: 'My late words', version: '1', action: 'draft' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /Someone changed this referral while you were working on it/)
    assert.match(stale.body, /A colleague&#39;s words/)
    assert.equal((await db.selectFrom('referral').select('reasons').where('id', '=', referralId).executeTakeFirstOrThrow()).reasons, 'A colleague\'s words')
  })

  it('keeps a draft from the receiving service until it is submitted', async () => {
    const draft = await postForm(app, world.referrer.session, newForm(), { service: world.serviceId, action: 'draft' })
    const referralId = locationId(draft.headers.location)
    assert.equal((await page(world.reviewer, referralsPaths.referral({ referralId }))).statusCode, 404)
    assert.equal((await page(world.colleague, referralsPaths.referral({ referralId }))).statusCode, 200, 'the referrer\'s team follows it')
    assert.equal((await postForm(app, world.referrer.session, referralsPaths.transitions({ referralId }), { to: 'withdrawn', reason: 'duplicate_referral' })).statusCode, 303)
    assert.equal((await page(world.reviewer, referralsPaths.referral({ referralId }))).statusCode, 404, 'a draft withdrawn unsent stays the referrer\'s own')
  })

  it('shows the submitted referral on the person\'s timeline in words', async () => {
    const response = await page(world.referrer, `/people/${world.personId}`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Referral submitted/)
  })
})
