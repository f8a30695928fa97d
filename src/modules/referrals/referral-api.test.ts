import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson } from '../../../test/support/fixtures.ts'
import { referralWorld, type ReferralWorld } from '../../../test/support/referrals.ts'
import { postForm } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { referralsPaths } from './paths.ts'

describeEachDialect('the referrals API, and another organisation\'s reach', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld
  const tokens: Record<'referrer' | 'reviewer' | 'stranger', string> = { referrer: '', reviewer: '', stranger: '' }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await referralWorld(app, db)
    for (const who of ['referrer', 'reviewer', 'stranger'] as const) {
      tokens[who] = (await issueApiToken(db, { userId: world[who].id, name: `${who} system`, expiresAt: new Date(Date.now() + 3_600_000) })).token
    }
  })
  after(() => app.close())

  const api = (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })

  const answers = () => ({
    personId: world.personId,
    serviceId: world.serviceId,
    serviceElementId: world.elementId,
    referrerRole: 'offender_manager',
    urgency: 'routine',
    reasons: 'Wants to work on relationships.',
    riskSummary: 'High risk to known adults.',
    needsSummary: 'Trauma history.',
    riskOfSeriousHarm: 'very_high',
    sentenceEndOn: '2028-09-30',
    legalBasis: 'consent',
    consentGivenOn: '2026-01-05',
  })
  const move = (who: keyof typeof tokens, referralId: string, body: Record<string, unknown>) => api(who, 'POST', referralsPaths.api.transitions({ referralId }), body)

  it('submits a referral, answering 201 with it and where it is', async () => {
    const response = await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), submit: true })
    assert.equal(response.statusCode, 201, response.body)
    const created = response.json()
    assert.equal(response.headers.location, referralsPaths.api.referral({ referralId: created.id }))
    assert.deepEqual([created.status, created.priority, created.element.id, created.consentGivenOn, created.person.familyName], ['submitted', 2, world.elementId, '2026-01-05', 'Fennelwick'])
    assert.deepEqual(created.history.map((row: { from: string; to: string }) => [row.from, row.to]), [['draft', 'submitted']])
    assert.equal('internalNotes' in created, false, 'the referrer is not on the service side')
  })

  it('saves a draft, and answers 422 with each problem on its JSON field in the words of the form', async () => {
    const draft = await api('referrer', 'POST', referralsPaths.api.referrals(), { personId: world.personId, serviceId: world.serviceId })
    assert.equal(draft.statusCode, 201)
    assert.equal(draft.json().status, 'draft')
    const incomplete = await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), riskSummary: null, consentGivenOn: '2099-01-01', submit: true })
    assert.equal(incomplete.statusCode, 422)
    assert.deepEqual(incomplete.json().errors, [
      { field: 'consentGivenOn', message: 'The date of consent must be today or in the past' },
      { field: 'riskSummary', message: 'Enter a summary of risk' },
    ])
    const shape = await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), urgency: 'whenever', colour: 'green' })
    assert.equal(shape.statusCode, 422)
    const fields = shape.json().errors.map((error: { field: string }) => error.field)
    assert.ok(fields.includes('urgency') && fields.includes('colour'), JSON.stringify(shape.json()))
  })

  it('answers 404 for a person out of the caller\'s scope and creates nothing', async () => {
    const elsewhere = await createPerson(db, { teamId: world.charity.teamId })
    const response = await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), personId: elsewhere, submit: true })
    assert.equal(response.statusCode, 404)
    assert.equal((await db.selectFrom('referral').select('id').where('person_id', '=', elsewhere).execute()).length, 0)
  })

  it('moves a referral on: 200 with the new status; 422 for a missing reason; 409 for a move not the caller\'s or not from here', async () => {
    const referralId = (await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), submit: true })).json().id
    const started = await move('reviewer', referralId, { to: 'in_review' })
    assert.equal(started.statusCode, 200)
    assert.deepEqual(started.json(), { id: referralId, from: 'submitted', status: 'in_review' })
    const noReason = await move('reviewer', referralId, { to: 'declined' })
    assert.equal(noReason.statusCode, 422)
    assert.deepEqual(noReason.json(), { problem: 'reason_required', message: 'Select a reason for declining' })
    const byReferrer = await move('referrer', referralId, { to: 'accepted' })
    assert.equal(byReferrer.statusCode, 409)
    assert.equal(byReferrer.json().problem, 'not_permitted')
    const illegal = await move('reviewer', referralId, { to: 'started' })
    assert.equal(illegal.statusCode, 409)
    assert.equal(illegal.json().problem, 'not_a_transition')
    const place = await move('reviewer', referralId, { to: 'allocated' })
    assert.equal(place.json().problem, 'not_a_transition', 'not from in review')
    const status = await db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.equal(status.status, 'in_review')
    assert.equal((await move('reviewer', referralId, { to: 'accepted' })).statusCode, 200)
    assert.equal((await move('reviewer', referralId, { to: 'waiting' })).statusCode, 200)
    const allocation = await move('reviewer', referralId, { to: 'allocated' })
    assert.equal(allocation.statusCode, 409)
    assert.equal(allocation.json().problem, 'allocation_needed')
  })

  it('asks for an eligibility override reason through the API too', async () => {
    const referralId = (await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), riskOfSeriousHarm: 'low', submit: true })).json().id
    await move('reviewer', referralId, { to: 'in_review' })
    const bare = await move('reviewer', referralId, { to: 'accepted' })
    assert.equal(bare.statusCode, 422)
    assert.equal(bare.json().problem, 'eligibility_override_required')
    assert.equal((await move('reviewer', referralId, { to: 'accepted', eligibilityOverrideReason: 'Agreed at the panel.' })).statusCode, 200)
    assert.equal((await api('referrer', 'GET', referralsPaths.api.referral({ referralId }))).json().eligibilityOverrideReason, 'Agreed at the panel.')
  })

  it('gives the service its internal notes, never the referrer from another organisation', async () => {
    const referralId = (await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), submit: true })).json().id
    await postForm(app, world.reviewer.session, referralsPaths.notes({ referralId }), { text: 'Panel on Tuesday.' })
    const forService = (await api('reviewer', 'GET', referralsPaths.api.referral({ referralId }))).json()
    assert.deepEqual(forService.internalNotes.map((note: { text: string }) => note.text), ['Panel on Tuesday.'])
    const forReferrer = await api('referrer', 'GET', referralsPaths.api.referral({ referralId }))
    assert.equal(forReferrer.statusCode, 200)
    assert.equal(forReferrer.json().status, 'submitted')
    assert.equal('internalNotes' in forReferrer.json(), false)
    assert.doesNotMatch(forReferrer.body, /Panel on Tuesday/)
  })

  it('lists the caller\'s own referrals a page at a time, narrowed by status', async () => {
    const all = (await api('referrer', 'GET', referralsPaths.api.referrals())).json()
    assert.ok(all.total >= 5)
    assert.equal(all.page, 1)
    assert.ok(all.referrals.every((row: { person: { id: string } }) => row.person.id === world.personId))
    const drafts = (await api('referrer', 'GET', `${referralsPaths.api.referrals()}?status=draft`)).json()
    assert.deepEqual(drafts.referrals.map((row: { status: string }) => row.status), ['draft'])
    assert.equal((await api('reviewer', 'GET', referralsPaths.api.referrals())).json().total, 0, 'the service manager made none')
  })

  it('answers a user of a third organisation 404 for a referral and its moves, and lists none of them', async () => {
    const referralId = (await api('referrer', 'POST', referralsPaths.api.referrals(), { ...answers(), submit: true })).json().id
    const read = await api('stranger', 'GET', referralsPaths.api.referral({ referralId }))
    assert.equal(read.statusCode, 404)
    assert.doesNotMatch(read.body, /Fennelwick/)
    assert.equal((await move('stranger', referralId, { to: 'in_review' })).statusCode, 404)
    assert.equal((await move('stranger', referralId, { to: 'withdrawn', reason: 'duplicate_referral' })).statusCode, 404)
    assert.equal((await move('stranger', referralId, { to: 'nowhere' })).statusCode, 404, 'scope first, whatever the body says')
    assert.equal((await move('referrer', referralId, { to: 'nowhere' })).statusCode, 422)
    assert.equal((await api('stranger', 'GET', referralsPaths.api.referrals())).json().total, 0)
    const status = await db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.equal(status.status, 'submitted')
  })
})
