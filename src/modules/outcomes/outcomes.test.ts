import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { measurementResponse, measurementsResponse } from './forms.ts'
import { outcomesPaths } from './paths.ts'

/*
 * Outcome measures on both dialects: a clinician records three CORE-10s and the page shows
 * the hand-worked figures (rules.test.ts) in words, a chart and a table; the probation
 * officer, who sees the case but nothing health-only, and a stranger elsewhere get nothing.
 */

/** Three CORE-10s as answered. The two positively worded items are reverse-scored (4 − answer), so each total differs from the plain sum. */
const measures = [
  // 3 + (4−1) + (4−1) + 2 + 2 + 0 + 3 + 2 + 3 + 1 = 22 (a plain sum would be 18): moderate to severe
  { date: ['3', '3', '2025'], answers: { tense: 3, someone_to_turn_to: 1, able_to_cope: 1, talking_too_much: 2, panic: 2, plans_to_end_life: 0, sleep: 3, despairing: 2, unhappy: 3, unwanted_images: 1 } },
  // 2 + (4−2) + (4−2) + 1 + 1 + 0 + 2 + 1 + 2 + 1 = 14: mild
  { date: ['1', '6', '2025'], answers: { tense: 2, someone_to_turn_to: 2, able_to_cope: 2, talking_too_much: 1, panic: 1, plans_to_end_life: 0, sleep: 2, despairing: 1, unhappy: 2, unwanted_images: 1 } },
  // 1 + (4−3) + (4−3) + 1 + 0 + 0 + 2 + 1 + 1 + 1 = 9 (a plain sum would be 13): low level
  { date: ['1', '10', '2025'], answers: { tense: 1, someone_to_turn_to: 3, able_to_cope: 3, talking_too_much: 1, panic: 0, plans_to_end_life: 0, sleep: 2, despairing: 1, unhappy: 1, unwanted_images: 1 } },
]

const formFields = (measure: (typeof measures)[number]) => ({
  'measuredOn-day': measure.date[0]!,
  'measuredOn-month': measure.date[1]!,
  'measuredOn-year': measure.date[2]!,
  ...Object.fromEntries(Object.entries(measure.answers).map(([key, answer]) => [key, String(answer)])),
})

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim()

/** The cells of the totals table, row by row. */
function totalsTable(html: string): string[][] {
  const body = /<table class="govuk-table app-outcome-totals">[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1] ?? '')))
}

/** The value beside `key` in the change summary list. */
function changeRow(html: string, key: string): string {
  const rows = /<dl class="govuk-summary-list app-outcome-change">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? ''
  for (const row of rows.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)) if (textOf(row[1] ?? '') === key) return textOf(row[2] ?? '')
  return assert.fail(`no "${key}" row in the change summary`)
}

describeEachDialect('outcome measures', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let clinicianToken: string
  let officerToken: string
  let strangerToken: string
  let allocationId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    allocationId = world.allocationId
    const expiresAt = new Date(Date.now() + 3_600_000)
    const token = async (userId: string) => (await issueApiToken(db, { userId, name: 'Case system', expiresAt })).token
    clinicianToken = await token(world.users.clinician.id)
    officerToken = await token(world.users.probationOfficer.id)
    strangerToken = await token(world.users.stranger.id)
  })
  after(() => app.close())

  const get = (url: string, session: BrowserSession) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const api = (method: 'GET' | 'POST', bearer: string, body?: unknown) =>
    app.inject({ method, url: outcomesPaths.api.measurements({ allocationId }), headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
  const list = () => outcomesPaths.list({ allocationId })
  const form = () => outcomesPaths.record({ allocationId, instrumentKey: 'core-10' })
  const stored = () => db.selectFrom('outcome_measurement').select(['instrument_key', 'instrument_version', 'measured_on', 'answers', 'total', 'recorded_by', 'person_id']).where('allocation_id', '=', allocationId).orderBy('measured_on').execute()
  const audits = (userId: string, action: string) => db.selectFrom('audit_event').select(['outcome', 'person_id', 'record_type']).where('user_id', '=', userId).where('action', '=', action).execute()

  it('offers the clinician an empty section with a way to record a CORE-10', async () => {
    const page = await get(list(), world.sessions.clinician)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /No CORE-10 has been recorded in this case yet\./)
    assert.match(page.body, new RegExp(`href="${form()}"[^>]*>\\s*Record a CORE-10`))
    const blank = await get(form(), world.sessions.clinician)
    assert.equal(blank.statusCode, 200)
    // Ten statements, five answers each, worded from content/outcomes.yml.
    assert.equal([...blank.body.matchAll(/type="radio"/g)].length, 50)
    assert.match(blank.body, /2\. I have felt I have someone to turn to for support when needed/)
    assert.match(blank.body, /Most or all of the time/)
  })

  it('records three CORE-10s from the form, storing the answers as given and the totals reverse-scored', async () => {
    for (const measure of measures) {
      const response = await postForm(app, world.sessions.clinician, form(), formFields(measure))
      assert.equal(response.statusCode, 303, response.body)
      assert.equal(response.headers.location, list())
    }
    const rows = await stored()
    assert.deepEqual(rows.map((row) => [row.measured_on, row.total]), [['2025-03-03', 22], ['2025-06-01', 14], ['2025-10-01', 9]])
    assert.deepEqual(rows[0]?.answers, measures[0]?.answers)
    assert.deepEqual([rows[0]?.instrument_key, rows[0]?.instrument_version, rows[0]?.recorded_by, rows[0]?.person_id], ['core-10', '1', world.users.clinician.id, world.personId])
    const events = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('allocation_id', '=', allocationId).where('kind', '=', 'outcome.measured').execute()
    assert.deepEqual(events, Array(3).fill({ kind: 'outcome.measured', data_category: 'outcome_measure' }))
    const recorded = await audits(world.users.clinician.id, 'outcome.record')
    assert.deepEqual(recorded.map((row) => [row.outcome, row.person_id, row.record_type]), Array(3).fill(['allowed', world.personId, 'outcome_measurement']))
  })

  it('shows each total with its band and who recorded it, and the hand-worked change from 22 to 9', async () => {
    const page = await get(list(), world.sessions.clinician)
    assert.equal(page.statusCode, 200)
    const recorder = (await db.selectFrom('staff_user').select('display_name').where('id', '=', world.users.clinician.id).executeTakeFirstOrThrow()).display_name
    assert.deepEqual(totalsTable(page.body), [
      ['3 March 2025', '22', 'Moderate to severe', recorder],
      ['1 June 2025', '14', 'Mild', recorder],
      ['1 October 2025', '9', 'Low level', recorder],
    ])
    // SE = 6.85 × √0.1 = 2.166, S_diff = 3.063, threshold 1.96 × 3.063 = 6.0; RCI = −13 / 3.063 = −4.24.
    assert.equal(changeRow(page.body, 'First'), '22 on 3 March 2025')
    assert.equal(changeRow(page.body, 'Latest'), '9 on 1 October 2025')
    assert.equal(changeRow(page.body, 'Change in total'), '−13 points')
    assert.equal(changeRow(page.body, 'Reliable change index'), '−4.24 (a change of 6.0 points or more is reliable)')
    assert.equal(changeRow(page.body, 'Reliable change'), 'Reliably improved and recovered')
    assert.equal(changeRow(page.body, 'Clinically significant change'), 'Yes – a reliable improvement that moved out of the clinical range')
  })

  it('draws the totals as an SVG named by its title and described by its desc, with the same numbers as the table', async () => {
    const page = await get(list(), world.sessions.clinician)
    const svg = /<svg[^>]*role="img"[^>]*>[\s\S]*?<\/svg>/.exec(page.body)?.[0] ?? assert.fail('no chart')
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? []
    assert.deepEqual(labelledBy, ['chart-core-10-title', 'chart-core-10-desc'])
    assert.match(svg, /<title id="chart-core-10-title">CORE-10 totals over time<\/title>/)
    const desc = textOf(/<desc id="chart-core-10-desc">([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? '')
    assert.match(desc, /^CORE-10 totals from 22 on 3 March 2025 to 9 on 1 October 2025: reliably improved and recovered, now below the clinical cut-off of 11\./)
    // One point per measurement: y = 256 − total × 6 (chart.ts), so the points hold the table's totals.
    const totalsDrawn = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((match) => (256 - Number(match[1])) / 6)
    assert.deepEqual(totalsDrawn, totalsTable(page.body).map((row) => Number(row[1])))
    // The cut-off of 11 sits between totals 10 and 11.
    assert.match(svg, /<line x1="48" y1="193" x2="520" y2="193" stroke="#d4351c"/)
  })

  it('keeps the chosen answers and lists each missing statement as a GOV.UK error', async () => {
    const before = (await stored()).length
    const response = await postForm(app, world.sessions.clinician, form(), { 'measuredOn-day': '3', 'measuredOn-month': '3', 'measuredOn-year': '2025', tense: '3', able_to_cope: '1', talking_too_much: '2', panic: '2', plans_to_end_life: '0', sleep: '3', despairing: '2', unhappy: '3' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Record a CORE-10/)
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? assert.fail('no error summary')
    assert.deepEqual([...summary.matchAll(/<a href="#(\w+)">([^<]+)<\/a>/g)].map((match) => [match[1], match[2]]), [
      ['someone_to_turn_to', 'Select an answer for ‘I have felt I have someone to turn to for support when needed’'],
      ['unwanted_images', 'Select an answer for ‘Unwanted images or memories have been distressing me’'],
    ])
    assert.match(response.body, /id="someone_to_turn_to"/)
    assert.match(response.body, /<p id="unwanted_images-error" class="govuk-error-message">/)
    assert.match(response.body, /id="tense-4" name="tense" type="radio" value="3" checked/)
    assert.match(response.body, /id="able_to_cope-2" name="able_to_cope" type="radio" value="1" checked/)
    assert.match(response.body, /name="measuredOn-year" type="text" value="2025"/)
    assert.equal((await stored()).length, before)
  })

  it('refuses a date in the future, or not a real date', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).split('-')
    const future = await postForm(app, world.sessions.clinician, form(), { ...formFields(measures[0]!), 'measuredOn-day': tomorrow[2]!, 'measuredOn-month': tomorrow[1]!, 'measuredOn-year': tomorrow[0]! })
    assert.equal(future.statusCode, 400)
    assert.match(future.body, /<a href="#measuredOn-day">The date the measure was completed must be today or in the past<\/a>/)
    const notReal = await postForm(app, world.sessions.clinician, form(), { ...formFields(measures[0]!), 'measuredOn-day': '31', 'measuredOn-month': '2', 'measuredOn-year': '2025' })
    assert.match(notReal.body, /must be a real date/)
    assert.equal((await stored()).length, 3)
  })

  it('tells the probation officer the section is not shared (403), and finds no case for recording, on the page or the API', async () => {
    const page = await get(list(), world.sessions.probationOfficer)
    assert.equal(page.statusCode, 403)
    assert.match(page.body, /This part of the record is not shared with you/)
    assert.doesNotMatch(page.body, /CORE-10|Moderate to severe/)
    assert.equal((await get(form(), world.sessions.probationOfficer)).statusCode, 404)
    assert.equal((await postForm(app, world.sessions.probationOfficer, form(), formFields(measures[0]!))).statusCode, 404)
    assert.equal((await api('GET', officerToken)).statusCode, 404)
    assert.equal((await api('POST', officerToken, { instrument: 'core-10', measuredOn: '2025-03-03', answers: measures[0]!.answers })).statusCode, 404)
    assert.equal((await stored()).length, 3)
    const refused = [...(await audits(world.users.probationOfficer.id, 'outcome.view')), ...(await audits(world.users.probationOfficer.id, 'outcome.record'))]
    assert.equal(refused.length, 5)
    assert.ok(refused.every((row) => row.outcome === 'denied' && row.person_id === world.personId))
  })

  it('gives the stranger "not found" everywhere, writes nothing, and audits the denials without naming the person', async () => {
    for (const url of [list(), form()]) assert.equal((await get(url, world.sessions.stranger)).statusCode, 404, url)
    assert.equal((await postForm(app, world.sessions.stranger, form(), formFields(measures[0]!))).statusCode, 404)
    assert.equal((await api('GET', strangerToken)).statusCode, 404)
    assert.equal((await api('POST', strangerToken, { instrument: 'core-10', measuredOn: '2025-03-03', answers: measures[0]!.answers })).statusCode, 404)
    assert.equal((await stored()).length, 3)
    const refused = [...(await audits(world.users.stranger.id, 'outcome.view')), ...(await audits(world.users.stranger.id, 'outcome.record'))]
    assert.equal(refused.length, 5)
    assert.ok(refused.every((row) => row.outcome === 'denied' && row.person_id === null))
  })

  describe('the JSON API', () => {
    it('lists the measurements with totals, bands and the change assessment', async () => {
      const response = await api('GET', clinicianToken)
      assert.equal(response.statusCode, 200)
      const body = measurementsResponse.parse(response.json())
      const core10 = body.instruments.find((instrument) => instrument.key === 'core-10') ?? assert.fail('no CORE-10')
      assert.deepEqual(core10.measurements.map((measurement) => [measurement.measuredOn, measurement.total, measurement.band]), [['2025-03-03', 22, 'moderate_severe'], ['2025-06-01', 14, 'mild'], ['2025-10-01', 9, 'low']])
      assert.equal(core10.reliableChangeThreshold, 6)
      assert.deepEqual(core10.change, { first: { measuredOn: '2025-03-03', total: 22 }, latest: { measuredOn: '2025-10-01', total: 9 }, change: -13, reliableChangeIndex: -4.24, category: 'recovered', clinicallySignificant: true, clinicalAtFirst: true, clinicalAtLatest: false })
    })

    it('records a measure with 201, scored on the server', async () => {
      // Every answer 2; the reversed items score 4 − 2 = 2 as well: total 20.
      const answers = Object.fromEntries(Object.keys(measures[0]!.answers).map((key) => [key, 2]))
      const response = await api('POST', clinicianToken, { instrument: 'core-10', measuredOn: '2025-11-01', answers })
      assert.equal(response.statusCode, 201, response.body)
      const measurement = measurementResponse.parse(response.json())
      assert.deepEqual([measurement.total, measurement.band, measurement.instrument, measurement.recordedBy.id], [20, 'moderate_severe', 'core-10', world.users.clinician.id])
      const listed = measurementsResponse.parse((await api('GET', clinicianToken)).json()).instruments[0]!
      // 22 → 20: −2 / 3.063 = −0.65, no reliable change.
      assert.deepEqual([listed.change?.change, listed.change?.reliableChangeIndex, listed.change?.category, listed.change?.clinicallySignificant], [-2, -0.65, 'no_reliable_change', false])
    })

    it('answers a bad body with 422 on each field, and writes nothing', async () => {
      const count = (await stored()).length
      const unknown = await api('POST', clinicianToken, { instrument: 'justice-star', measuredOn: '2025-13-01', answers: {}, colour: 'blue' })
      assert.equal(unknown.statusCode, 422)
      assert.deepEqual((unknown.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['colour'])
      const wrong = await api('POST', clinicianToken, { instrument: 'justice-star', measuredOn: '2025-13-01', answers: {} })
      assert.deepEqual((wrong.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['instrument', 'measuredOn'])
      const outOfRange = await api('POST', clinicianToken, { instrument: 'core-10', measuredOn: '2025-11-02', answers: { ...measures[0]!.answers, panic: 5 } })
      assert.equal(outOfRange.statusCode, 422)
      assert.deepEqual(outOfRange.json(), { errors: [{ field: 'answers.panic', message: "An answer must be a whole number within the measure's answers" }] })
      const { sleep: _left, ...missing } = measures[0]!.answers
      assert.deepEqual((await api('POST', clinicianToken, { instrument: 'core-10', measuredOn: '2025-11-02', answers: missing })).json(), { errors: [{ field: 'answers.sleep', message: 'Every statement of the measure must be answered' }] })
      assert.equal((await stored()).length, count)
    })
  })

  it('takes no more measures once the case is closed', async () => {
    await db.updateTable('allocation').set({ status: 'ended', ended_at: new Date().toISOString() }).where('id', '=', allocationId).execute()
    try {
      const count = (await stored()).length
      const page = await get(list(), world.sessions.clinician)
      assert.doesNotMatch(page.body, /Record a CORE-10/)
      const response = await postForm(app, world.sessions.clinician, form(), formFields(measures[0]!))
      assert.equal(response.statusCode, 409)
      assert.match(response.body, /This case is closed, so no more measures can be recorded\./)
      const viaApi = await api('POST', clinicianToken, { instrument: 'core-10', measuredOn: '2025-03-03', answers: measures[0]!.answers })
      assert.equal(viaApi.statusCode, 409)
      assert.equal((viaApi.json() as { error: string }).error, 'case_closed')
      assert.equal((await stored()).length, count)
    } finally {
      await db.updateTable('allocation').set({ status: 'active', ended_at: null }).where('id', '=', allocationId).execute()
    }
  })
})
