import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { latestScreeningOutcome } from './repository.ts'
import { screeningPaths } from './paths.ts'

/** The text of a page without its markup, for checking what a reader sees. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

const today = () => new Date().toISOString().slice(0, 10)

/** Whether the page has a field `name` showing `value` (a text box, or a checked radio). */
const shows = (html: string, name: string, value: string) => new RegExp(`name="${name}"[^>]*value="${value}"`).test(html)

describeEachDialect('OPD screening pages', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: OrganisationWithTeam
  let probation: OrganisationWithTeam
  let clinician: BrowserSession
  let officer: BrowserSession
  let stranger: BrowserSession
  let strangerId: string
  let man: string
  let woman: string
  let undeclared: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    const elsewhere = await organisationWithTeam(db, 'Eastholm Health', 'nhs_trust')
    // People both the trust and probation work with.
    const held = async (givenName: string, sex: string | null) => {
      const id = await createPerson(db, { teamId: trust.teamId, givenName, familyName: 'Puddingstone' })
      await db.insertInto('involvement').values({ id: newId(), person_id: id, team_id: probation.teamId, status: 'open', started_on: '2026-01-05' }).execute()
      await db.updateTable('person').set({ sex }).where('id', '=', id).execute()
      return id
    }
    man = await held('Tobias', 'male')
    woman = await held('Marigold', 'female')
    undeclared = await held('Ash', 'not_known')
    const users = {
      clinician: await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId], isDemo: true }),
      officer: await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true }),
      stranger: await createUser(db, { organisationId: elsewhere.organisationId, roles: ['clinician'], teamIds: [elsewhere.teamId], isDemo: true }),
    }
    clinician = await signIn(app, users.clinician)
    officer = await signIn(app, users.officer)
    stranger = await signIn(app, users.stranger)
    strangerId = users.stranger.id
  })
  after(() => app.close())

  const get = (session: BrowserSession, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const screeningsIn = async () => db.selectFrom('screening').selectAll().orderBy('created_at').execute()

  /** Opens the screening form as a browser would and sends it with `answers`; returns the response. */
  async function screen(session: BrowserSession, personId: string, answers: Record<string, string>, choice?: { population: 'men' | 'women'; screenedOn: string }) {
    const form = choice ? screeningPaths.newScreeningWith(personId, choice) : screeningPaths.newScreening({ personId })
    const page = await get(session, form)
    assert.equal(page.statusCode, 200, page.body.slice(0, 200))
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.body)?.[1] ?? ''
    return postForm(app, session, screeningPaths.newScreening({ personId }), { population: hidden('population'), screened_on: hidden('screened_on'), rule_set_id: hidden('rule_set_id'), ...answers })
  }

  /** Screens, follows the redirect to the screening page and returns its id and text. */
  async function screenAndShow(session: BrowserSession, personId: string, answers: Record<string, string>, choice?: { population: 'men' | 'women'; screenedOn: string }) {
    const response = await screen(session, personId, answers, choice)
    assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 500))
    const location = String(response.headers.location)
    const screeningId = location.split('/').at(-1) ?? ''
    assert.equal(location, screeningPaths.screening({ screeningId }))
    const page = await get(session, location)
    assert.equal(page.statusCode, 200)
    return { screeningId, text: textOf(page.body), html: page.body }
  }

  const menYes = { high_risk_of_serious_harm: 'yes', likely_severe_personality_disorder: 'yes', link_between_disorder_and_risk: 'yes', managed_by_probation: 'yes' }
  const womenYes = { qualifying_current_offence: 'yes', high_risk_of_serious_harm: 'yes', likely_personality_disorder: 'yes', link_between_disorder_and_risk: 'yes' }

  describe("worked cases through the page, each shipped version", () => {
    const cases: [string, () => string, Record<string, string>, string, string][] = [
      ["men's: every criterion, 7 of 10 items", () => man, { ...menYes, itemsPresent: '7', indicatorsPresent: '' }, 'Screened in', 'Met'],
      ["men's: 6 items but 2 of 4 indicators", () => man, { ...menYes, itemsPresent: '6', indicatorsPresent: '2' }, 'Screened in', 'Met'],
      ["men's: 6 items, 1 indicator", () => man, { ...menYes, itemsPresent: '6', indicatorsPresent: '1' }, 'Consider', 'Not met'],
      ["men's: not managed by probation", () => man, { ...menYes, managed_by_probation: 'no', itemsPresent: '10', indicatorsPresent: '4' }, 'Screened out', 'Met'],
      ["men's: the link not known, no OASys items", () => man, { ...menYes, link_between_disorder_and_risk: 'unknown', itemsPresent: '', indicatorsPresent: '' }, 'Consider', 'Not known'],
      ["women's: every criterion, 10 of 15 items", () => woman, { ...womenYes, itemsPresent: '10' }, 'Screened in', 'Met'],
      ["women's: 9 of 15 items", () => woman, { ...womenYes, itemsPresent: '9' }, 'Consider', 'Not met'],
      ["women's: current offence not a qualifying one", () => woman, { ...womenYes, qualifying_current_offence: 'no', itemsPresent: '15' }, 'Screened out', 'Met'],
    ]
    for (const [name, person, answers, outcome, score] of cases) {
      it(`${name} → ${outcome}`, async () => {
        const shown = await screenAndShow(officer, person(), answers)
        const key = person() === man ? 'opd-men' : 'opd-women'
        assert.match(shown.text, new RegExp(`Outcome: ${outcome}`))
        assert.match(shown.text, new RegExp(`Decided by rule set ${key} version 1 \\(effective 1 April 2015\\)`))
        assert.match(shown.text, new RegExp(`Score ${score}`))
        const row = await db.selectFrom('screening').innerJoin('screening_rule_set', 'screening_rule_set.id', 'screening.rule_set_id').select(['screening.computed_outcome', 'screening_rule_set.key', 'screening.screened_on']).where('screening.id', '=', shown.screeningId).executeTakeFirstOrThrow()
        assert.deepEqual([row.key, row.computed_outcome.replace('_', ' '), row.screened_on], [key, outcome.toLowerCase(), today()])
      })
    }

    it("shows each criterion's question and answer, and the counts out of the version's", async () => {
      const shown = await screenAndShow(officer, man, { ...menYes, link_between_disorder_and_risk: 'unknown', itemsPresent: '6', indicatorsPresent: '1' })
      assert.match(shown.text, /Is there a clinically justifiable link between the personality disorder and the risk\? Not known/)
      assert.match(shown.text, /Is the person managed by probation\? Yes/)
      assert.match(shown.text, /Items present 6 of 10/)
      assert.match(shown.text, /Indicators present 1 of 4/)
      assert.match(shown.text, /7 or more of the 10 OASys personality disorder screening items, or 2 or more of the 4 indicators/)
    })
  })

  it('records who screened, for which organisation, in the audit trail and on the timeline as risk information', async () => {
    const { screeningId } = await screenAndShow(officer, woman, { ...womenYes, itemsPresent: '12' })
    const row = await db.selectFrom('screening').selectAll().where('id', '=', screeningId).executeTakeFirstOrThrow()
    assert.equal(row.organisation_id, probation.organisationId)
    assert.deepEqual(row.answers, { criteria: womenYes, itemsPresent: 12, indicatorsPresent: null, score: 'met' })
    const audit = await db.selectFrom('audit_event').select(['action', 'outcome', 'record_id', 'organisation_id']).where('action', '=', 'screening.record').where('record_id', '=', screeningId).execute()
    assert.deepEqual(audit, [{ action: 'screening.record', outcome: 'allowed', record_id: screeningId, organisation_id: probation.organisationId }])
    const timeline = await db.selectFrom('person_timeline_event').select(['kind', 'data_category', 'record_type']).where('record_id', '=', screeningId).execute()
    assert.deepEqual(timeline, [{ kind: 'screening.recorded', data_category: 'risk', record_type: 'screening' }])
    assert.equal(await inTransaction(db, (tx) => latestScreeningOutcome(tx, woman)), 'screened_in')
  })

  describe('which criteria and which date', () => {
    it("takes men's or women's criteria from the recorded sex, and asks when the record does not say", async () => {
      assert.match(textOf((await get(officer, screeningPaths.newScreening({ personId: man }))).body), /Men's criteria .*Is the person likely to have a severe personality disorder\?/)
      assert.match(textOf((await get(officer, screeningPaths.newScreening({ personId: woman }))).body), /Women's criteria .*Is the current offence violence against the person/)
      const asked = await get(officer, screeningPaths.newScreening({ personId: undeclared }))
      assert.equal(asked.statusCode, 200)
      assert.match(textOf(asked.body), /Which screening criteria apply\?/)
      assert.doesNotMatch(asked.body, /govuk-error-summary/, 'a question, not a mistake')
      const chosen = await get(officer, `${screeningPaths.newScreening({ personId: undeclared })}?population=women&screened_on-day=3&screened_on-month=2&screened_on-year=2025`)
      assert.match(textOf(chosen.body), /Women's criteria .*Date of the screening 3 February 2025/)
      assert.match(chosen.body, /name="screened_on" value="2025-02-03"/)
    })

    it('refuses a future date, an impossible one and one before any version was in force, keeping what was typed', async () => {
      const ask = (query: string) => get(officer, `${screeningPaths.newScreening({ personId: undeclared })}?${query}`)
      const cases: [string, string][] = [
        ['population=men&screened_on-day=1&screened_on-month=1&screened_on-year=2999', 'The date of the screening must be today or in the past'],
        ['population=men&screened_on-day=30&screened_on-month=2&screened_on-year=2026', 'The date of the screening must be a real date'],
        ['population=men&screened_on-day=31&screened_on-month=3&screened_on-year=2015', 'No version of these criteria was in force on that date'],
        ['screened_on-day=1&screened_on-month=3', 'Select which criteria apply'],
      ]
      for (const [query, problem] of cases) {
        const response = await ask(query)
        assert.equal(response.statusCode, 400, query)
        assert.match(textOf(response.body), new RegExp(`There is a problem ${problem}`), query)
      }
      assert.ok(shows((await ask(cases[2]![0])).body, 'screened_on-year', '2015'), 'what was typed is kept')
    })

    it('offers to change the criteria or the date, filled in with the current choice', async () => {
      const page = await get(officer, screeningPaths.newScreeningWith(man, { population: 'men', screenedOn: '2025-02-03' }, { change: true }))
      assert.match(textOf(page.body), /Which screening criteria apply\?/)
      assert.match(page.body, /value="men" checked/)
      assert.ok(shows(page.body, 'screened_on-day', '3') && shows(page.body, 'screened_on-month', '2') && shows(page.body, 'screened_on-year', '2025'))
    })
  })

  it('shows the form again with what is wrong and what was typed, recording nothing', async () => {
    const before = (await screeningsIn()).length
    const response = await screen(officer, man, { high_risk_of_serious_harm: 'yes', itemsPresent: '11', indicatorsPresent: 'two' })
    assert.equal(response.statusCode, 400)
    const text = textOf(response.body)
    for (const problem of [
      'Answer whether the person is likely to have a severe personality disorder',
      'Answer whether there is a link between the personality disorder and the risk',
      'Answer whether the person is managed by probation',
      'Enter the number of items present as a whole number from 0 to 10',
      'Enter the number of indicators present as a whole number from 0 to 4',
    ]) {
      assert.ok(text.includes(problem), problem)
    }
    assert.match(response.body, /href="#likely_severe_personality_disorder"/)
    assert.match(response.body, /name="high_risk_of_serious_harm" type="radio" value="yes" checked/, 'the answer given is kept')
    assert.ok(shows(response.body, 'itemsPresent', '11'), 'the count typed is kept')
    assert.equal((await screeningsIn()).length, before)
  })

  it('asks again when the version in force changed while the form was open', async () => {
    const before = (await screeningsIn()).length
    const page = await get(officer, screeningPaths.newScreening({ personId: man }))
    const women = await db.selectFrom('screening_rule_set').select('id').where('key', '=', 'opd-women').executeTakeFirstOrThrow()
    assert.ok(page.body.includes('name="rule_set_id"'))
    const response = await postForm(app, officer, screeningPaths.newScreening({ personId: man }), { population: 'men', screened_on: today(), rule_set_id: women.id, ...menYes, itemsPresent: '8' })
    assert.equal(response.statusCode, 409)
    assert.match(textOf(response.body), /The criteria in force on that date have changed since the form was opened/)
    assert.equal((await screeningsIn()).length, before)
  })

  describe("a clinician's override", () => {
    let screeningId: string
    before(async () => {
      ;({ screeningId } = await screenAndShow(officer, man, { ...menYes, link_between_disorder_and_risk: 'unknown', itemsPresent: '8', indicatorsPresent: '' }))
    })
    const override = (session: BrowserSession, fields: Record<string, string>) => postForm(app, session, screeningPaths.override({ screeningId }), fields)

    it('is offered to clinical staff of a health organisation only; others read why', async () => {
      const forClinician = await get(clinician, screeningPaths.screening({ screeningId }))
      assert.match(forClinician.body, new RegExp(`action="${screeningPaths.override({ screeningId })}"`))
      const forOfficer = await get(officer, screeningPaths.screening({ screeningId }))
      assert.doesNotMatch(forOfficer.body, /name="reason"/)
      assert.match(textOf(forOfficer.body), /Only clinical staff of a health organisation can override the outcome of a screening\./)
    })

    it('is refused to a probation officer with 403 and a clear message, changing nothing', async () => {
      const response = await override(officer, { outcome: 'screened_in', reason: 'Seen enough to decide.' })
      assert.equal(response.statusCode, 403)
      assert.match(textOf(response.body), /There is a problem Only clinical staff of a health organisation can override the outcome of a screening\. Nothing has been changed\./)
      const row = await db.selectFrom('screening').select(['override_outcome']).where('id', '=', screeningId).executeTakeFirstOrThrow()
      assert.equal(row.override_outcome, null)
      const denied = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'screening.override').where('record_id', '=', screeningId).execute()
      assert.deepEqual(denied.map((row) => [row.outcome, (row.details as { problem?: string }).problem]), [['denied', 'not_clinician']])
    })

    it('needs an outcome and a reason', async () => {
      const response = await override(clinician, { outcome: '', reason: '  ' })
      assert.equal(response.statusCode, 400)
      assert.match(textOf(response.body), /There is a problem Select the new outcome Enter the reason for the override/)
      const same = await override(clinician, { outcome: 'screened_out', reason: 'x'.repeat(2001) })
      assert.match(textOf(same.body), /The reason must be 2,000 characters or fewer/)
    })

    it('is recorded with the reason, who and when; the page shows the computed outcome and the override', async () => {
      const response = await override(clinician, { outcome: 'screened_in', reason: 'Formulation shows the link clearly.' })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, screeningPaths.screening({ screeningId }))
      const text = textOf((await get(officer, screeningPaths.screening({ screeningId }))).body)
      assert.match(text, /Outcome: Screened in/)
      assert.match(text, /Outcome from the criteria Consider/)
      assert.match(text, /Clinician's override Screened in By Test user \w{4} at \d\d:\d\d on /)
      assert.match(text, /Reason Formulation shows the link clearly\./)
      assert.equal(await inTransaction(db, (tx) => latestScreeningOutcome(tx, man)), 'screened_in')
      const timeline = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('record_id', '=', screeningId).orderBy('occurred_at').execute()
      assert.deepEqual(timeline.map((row) => row.kind), ['screening.recorded', 'screening.overridden'])
    })

    it('happens once: a second is refused with 409', async () => {
      const response = await override(clinician, { outcome: 'screened_out', reason: 'Changed my mind.' })
      assert.equal(response.statusCode, 409)
      assert.match(textOf(response.body), /A clinician has already overridden this outcome/)
      const row = await db.selectFrom('screening').select(['override_outcome', 'override_reason']).where('id', '=', screeningId).executeTakeFirstOrThrow()
      assert.deepEqual(row, { override_outcome: 'screened_in', override_reason: 'Formulation shows the link clearly.' })
    })
  })

  it("lists a person's screenings newest first, each with its version and the outcome that stands", async () => {
    const person = await createPerson(db, { teamId: probation.teamId, givenName: 'Rowan', familyName: 'Buttercup' })
    await db.updateTable('person').set({ sex: 'male' }).where('id', '=', person).execute()
    const empty = await get(officer, screeningPaths.personScreenings({ personId: person }))
    assert.match(textOf(empty.body), /This person has not been screened for the OPD pathway\./)
    await screenAndShow(officer, person, { ...menYes, itemsPresent: '2', indicatorsPresent: '0' }, { population: 'men', screenedOn: '2025-06-01' })
    await screenAndShow(officer, person, { ...menYes, itemsPresent: '9', indicatorsPresent: '0' }, { population: 'men', screenedOn: '2025-11-10' })
    const list = textOf((await get(officer, screeningPaths.personScreenings({ personId: person }))).body)
    assert.match(list, /10 November 2025 opd-men version 1 Screened in .* 1 June 2025 opd-men version 1 Consider/)
    assert.equal(await inTransaction(db, (tx) => latestScreeningOutcome(tx, person)), 'screened_in', 'the latest by date screened')
  })

  it('gives a user of another organisation 404 on every screening route, changing nothing', async () => {
    const { screeningId } = await screenAndShow(officer, man, { ...menYes, itemsPresent: '7', indicatorsPresent: '' })
    const rowsBefore = await screeningsIn()
    const gets = [screeningPaths.personScreenings({ personId: man }), screeningPaths.newScreening({ personId: man }), screeningPaths.screening({ screeningId })]
    for (const url of gets) {
      const response = await get(stranger, url)
      assert.equal(response.statusCode, 404, url)
      assert.doesNotMatch(response.body, /Tobias|Puddingstone/, url)
    }
    const men = await db.selectFrom('screening_rule_set').select('id').where('key', '=', 'opd-men').executeTakeFirstOrThrow()
    const posted = await postForm(app, stranger, screeningPaths.newScreening({ personId: man }), { population: 'men', screened_on: today(), rule_set_id: men.id, ...menYes, itemsPresent: '9' })
    assert.equal(posted.statusCode, 404)
    const overridden = await postForm(app, stranger, screeningPaths.override({ screeningId }), { outcome: 'screened_out', reason: 'Not mine to decide.' })
    assert.equal(overridden.statusCode, 404)
    assert.deepEqual(await screeningsIn(), rowsBefore)
    const attempts = await db.selectFrom('audit_event').select(['action', 'outcome']).where('user_id', '=', strangerId).where('action', 'like', '%.%').where('action', '!=', 'account.sign-in').orderBy('sequence').execute()
    assert.deepEqual(attempts.map((row) => `${row.action} ${row.outcome}`), ['screening.view denied', 'person.view denied', 'screening.view denied', 'screening.record denied', 'screening.override denied'])
  })
})
