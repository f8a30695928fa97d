import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { ruleSetsResponse, screeningResponse, screeningsResponse } from './forms.ts'
import { screeningPaths } from './paths.ts'

const api = screeningPaths.api

describeEachDialect('the screening API', (database) => {
  let app: FastifyInstance
  let db: Db
  const tokens: Record<'clinician' | 'officer' | 'stranger' | 'manager', string> = { clinician: '', officer: '', stranger: '', manager: '' }
  let man: string
  let woman: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    const probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    const elsewhere = await organisationWithTeam(db, 'Eastholm Probation', 'probation_region')
    man = await createPerson(db, { teamId: trust.teamId, givenName: 'Tobias', familyName: 'Puddingstone' })
    woman = await createPerson(db, { teamId: trust.teamId, givenName: 'Marigold', familyName: 'Puddingstone' })
    await db.updateTable('person').set({ sex: 'male' }).where('id', '=', man).execute()
    await db.updateTable('person').set({ sex: 'female' }).where('id', '=', woman).execute()
    await db.insertInto('involvement').values([man, woman].map((personId) => ({ id: newId(), person_id: personId, team_id: probation.teamId, status: 'open' as const, started_on: '2026-01-05' }))).execute()
    const members = {
      clinician: await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId] }),
      officer: await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId] }),
      stranger: await createUser(db, { organisationId: elsewhere.organisationId, roles: ['liaison_diversion_practitioner'], teamIds: [elsewhere.teamId] }),
      manager: await createUser(db, { organisationId: trust.organisationId, roles: ['service_manager'], teamIds: [trust.teamId] }),
    }
    for (const [role, member] of Object.entries(members)) {
      tokens[role as keyof typeof tokens] = (await issueApiToken(db, { userId: member.id, name: `${role} system`, expiresAt: new Date(Date.now() + 3_600_000) })).token
    }
  })
  after(() => app.close())

  const call = (method: 'GET' | 'POST', url: string, as: keyof typeof tokens, body?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })

  const menYes = { high_risk_of_serious_harm: 'yes', likely_severe_personality_disorder: 'yes', link_between_disorder_and_risk: 'yes', managed_by_probation: 'yes' } as const
  const womenYes = { qualifying_current_offence: 'yes', high_risk_of_serious_harm: 'yes', likely_personality_disorder: 'yes', link_between_disorder_and_risk: 'yes' } as const

  describe('worked cases, each shipped version', () => {
    const cases: [string, () => string, Record<string, unknown>, string, string][] = [
      ["men's: every criterion, 7 of 10 items", () => man, { criteria: menYes, itemsPresent: 7 }, 'screened_in', 'met'],
      ["men's: no OASys items, 2 of 4 indicators", () => man, { criteria: menYes, itemsPresent: null, indicatorsPresent: 2 }, 'screened_in', 'met'],
      ["men's: 6 items and 1 indicator", () => man, { criteria: menYes, itemsPresent: 6, indicatorsPresent: 1 }, 'consider', 'not_met'],
      ["men's: high risk not met", () => man, { criteria: { ...menYes, high_risk_of_serious_harm: 'no' }, itemsPresent: 10 }, 'screened_out', 'met'],
      ["women's: every criterion, 10 of 15 items", () => woman, { criteria: womenYes, itemsPresent: 10 }, 'screened_in', 'met'],
      ["women's: 9 items and 4 indicators, which the version does not have", () => woman, { criteria: womenYes, itemsPresent: 9, indicatorsPresent: 4 }, 'consider', 'not_met'],
      ["women's: the link not known", () => woman, { criteria: { ...womenYes, link_between_disorder_and_risk: 'unknown' }, itemsPresent: 12 }, 'consider', 'met'],
    ]
    for (const [name, person, body, outcome, score] of cases) {
      it(`${name} → ${outcome}`, async () => {
        const response = await call('POST', api.personScreenings({ personId: person() }), 'officer', body)
        assert.equal(response.statusCode, 201, response.body)
        const screening = screeningResponse.parse(response.json())
        assert.equal(response.headers.location, api.screening({ screeningId: screening.id }))
        assert.deepEqual([screening.computedOutcome, screening.outcome, screening.score], [outcome, outcome, score])
        assert.deepEqual([screening.ruleSet.key, screening.ruleSet.version, screening.ruleSet.effectiveFrom], [person() === man ? 'opd-men' : 'opd-women', '1', '2015-04-01'])
        assert.equal(screening.screenedOn, new Date().toISOString().slice(0, 10))
      })
    }
  })

  it('answers 422 with each problem on its field, in the words of the pages, recording nothing', async () => {
    const before = await db.selectFrom('screening').select('id').execute()
    const missing = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: { high_risk_of_serious_harm: 'yes', likes_cats: 'yes' }, itemsPresent: 11 })
    assert.equal(missing.statusCode, 422)
    assert.deepEqual(missing.json().errors, [{ field: 'criteria.likes_cats', message: 'Not a criterion of the version in force on that date' }])
    const unanswered = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: { high_risk_of_serious_harm: 'yes' }, itemsPresent: 11 })
    assert.deepEqual(unanswered.json().errors, [
      { field: 'criteria.likely_severe_personality_disorder', message: 'Answer whether the person is likely to have a severe personality disorder' },
      { field: 'criteria.link_between_disorder_and_risk', message: 'Answer whether there is a link between the personality disorder and the risk' },
      { field: 'criteria.managed_by_probation', message: 'Answer whether the person is managed by probation' },
      { field: 'itemsPresent', message: 'Enter the number of items present as a whole number from 0 to 10' },
    ])
    const shape = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: { high_risk_of_serious_harm: 'maybe' }, favouriteColour: 'green' })
    assert.deepEqual(shape.json().errors.map((error: { field: string }) => error.field).sort(), ['criteria.high_risk_of_serious_harm', 'favouriteColour'])
    const future = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: menYes, screenedOn: '2999-01-01' })
    assert.deepEqual(future.json().errors, [{ field: 'screenedOn', message: 'The date of the screening must be today or in the past' }])
    assert.deepEqual(await db.selectFrom('screening').select('id').execute(), before)
  })

  it('picks the version in force on the date given, and says so when the client asked another', async () => {
    const ruleSets = ruleSetsResponse.parse((await call('GET', api.ruleSets(), 'officer')).json()).ruleSets
    assert.deepEqual(ruleSets.map((ruleSet) => [ruleSet.key, ruleSet.version, ruleSet.inForce]), [['opd-men', '1', true], ['opd-women', '1', true]])
    assert.equal(ruleSets[0]?.criteria[3]?.question, 'Is the person managed by probation?')
    const women = ruleSets.find((ruleSet) => ruleSet.key === 'opd-women')!
    const dated = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: menYes, itemsPresent: 8, screenedOn: '2016-02-29' })
    assert.equal(screeningResponse.parse(dated.json()).screenedOn, '2016-02-29')
    const wrong = await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: menYes, itemsPresent: 8, ruleSetId: women.id })
    assert.equal(wrong.statusCode, 409)
    assert.deepEqual(wrong.json().errors.map((error: { field: string }) => error.field), ['ruleSetId'])
    const asWomen = await call('POST', api.personScreenings({ personId: man }), 'officer', { population: 'women', ruleSetId: women.id, criteria: womenYes, itemsPresent: 3 })
    assert.equal(screeningResponse.parse(asWomen.json()).ruleSet.key, 'opd-women', 'the population given wins over the recorded sex')
  })

  it("takes a clinician's override with a reason, once; refuses anyone else with 403", async () => {
    const created = screeningResponse.parse((await call('POST', api.personScreenings({ personId: woman }), 'officer', { criteria: womenYes, itemsPresent: 9 })).json())
    const url = api.override({ screeningId: created.id })
    const refused = await call('POST', url, 'officer', { outcome: 'screened_in', reason: 'I think so.' })
    assert.equal(refused.statusCode, 403)
    assert.deepEqual(refused.json().errors, [{ field: 'body', message: 'Only clinical staff of a health organisation can override the outcome of a screening. Nothing has been changed.' }])
    const noReason = await call('POST', url, 'clinician', { outcome: 'screened_in', reason: ' ' })
    assert.equal(noReason.statusCode, 422)
    assert.deepEqual(noReason.json().errors, [{ field: 'reason', message: 'Enter the reason for the override' }])
    const same = await call('POST', url, 'clinician', { outcome: 'consider', reason: 'Still unsure.' })
    assert.equal(same.statusCode, 422, 'an override decides: in or out')
    const done = await call('POST', url, 'clinician', { outcome: 'screened_in', reason: 'Item 9 was scored from an old assessment.' })
    assert.equal(done.statusCode, 200)
    const overridden = screeningResponse.parse(done.json())
    assert.equal(overridden.computedOutcome, 'consider')
    assert.equal(overridden.outcome, 'screened_in')
    assert.equal(overridden.override?.reason, 'Item 9 was scored from an old assessment.')
    assert.equal((await call('POST', url, 'clinician', { outcome: 'screened_out', reason: 'Again.' })).statusCode, 409)
    const listed = screeningsResponse.parse((await call('GET', api.personScreenings({ personId: woman }), 'officer')).json()).screenings
    assert.equal(listed.find((screening) => screening.id === created.id)?.override?.outcome, 'screened_in')
  })

  it('gives a user of another organisation 404 for every screening route, changing nothing', async () => {
    const created = screeningResponse.parse((await call('POST', api.personScreenings({ personId: man }), 'officer', { criteria: menYes, itemsPresent: 9 })).json())
    const before = await db.selectFrom('screening').selectAll().orderBy('id').execute()
    const attempts = [
      call('GET', api.personScreenings({ personId: man }), 'stranger'),
      call('POST', api.personScreenings({ personId: man }), 'stranger', { criteria: menYes, itemsPresent: 9 }),
      call('GET', api.screening({ screeningId: created.id }), 'stranger'),
      call('POST', api.override({ screeningId: created.id }), 'stranger', { outcome: 'screened_out', reason: 'Not mine to decide.' }),
    ]
    for (const response of await Promise.all(attempts)) {
      assert.equal(response.statusCode, 404, response.body)
      assert.doesNotMatch(response.body, /Tobias|Puddingstone|opd-men/)
    }
    assert.deepEqual(await db.selectFrom('screening').selectAll().orderBy('id').execute(), before)
  })

  it('lists rule sets to those who record screenings, not to others', async () => {
    assert.equal((await call('GET', api.ruleSets(), 'clinician')).statusCode, 200)
    assert.equal((await call('GET', api.ruleSets(), 'manager')).statusCode, 403)
  })
})
