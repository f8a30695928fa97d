import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { screeningResponse } from './forms.ts'
import { screeningPaths } from './paths.ts'

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ')

/** A calendar date `days` from today (UTC, as the app's scope counts days). */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** The three boxes of the effective-date input for `date`. */
function effectiveFrom(date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-')
  return { 'effectiveFrom-day': String(Number(day)), 'effectiveFrom-month': String(Number(month)), 'effectiveFrom-year': year }
}

describeEachDialect('screening rule set versions', (database) => {
  let app: FastifyInstance
  let db: Db
  let manager: BrowserSession
  let officerToken: string
  let personId: string
  let menV1: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    const probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    personId = await createPerson(db, { teamId: probation.teamId, givenName: 'Tobias', familyName: 'Puddingstone' })
    await db.updateTable('person').set({ sex: 'male' }).where('id', '=', personId).execute()
    manager = await signIn(app, await createUser(db, { organisationId: trust.organisationId, roles: ['service_manager'], teamIds: [trust.teamId], isDemo: true }))
    const officer = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId] })
    officerToken = (await issueApiToken(db, { userId: officer.id, name: 'Case system', expiresAt: new Date(Date.now() + 3_600_000) })).token
    menV1 = (await db.selectFrom('screening_rule_set').select('id').where('key', '=', 'opd-men').executeTakeFirstOrThrow()).id
  })
  after(() => app.close())

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: manager.cookie } })
  const versions = () => db.selectFrom('screening_rule_set').select(['key', 'version', 'effective_from', 'definition']).orderBy('key').orderBy('effective_from').execute()

  /** Records a screening of the person through the API, all criteria met, with `items` of the OASys items. */
  async function screenOn(screenedOn: string, items: number) {
    const criteria = { high_risk_of_serious_harm: 'yes', likely_severe_personality_disorder: 'yes', link_between_disorder_and_risk: 'yes', managed_by_probation: 'yes' }
    const response = await app.inject({
      method: 'POST',
      url: screeningPaths.api.personScreenings({ personId }),
      headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ screenedOn, criteria, itemsPresent: items, indicatorsPresent: 0 }),
    })
    assert.equal(response.statusCode, 201, response.body)
    return screeningResponse.parse(response.json())
  }

  /** Posts the new-version form as a browser does: a checkbox group sends one field per box. */
  function postVersion(fields: Record<string, string | readonly string[]>) {
    const body = new URLSearchParams({ _csrf: manager.csrf })
    for (const [name, value] of Object.entries(fields)) for (const each of [value].flat()) body.append(name, each)
    return app.inject({ method: 'POST', url: screeningPaths.newRuleSetFrom(menV1), headers: { cookie: manager.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() })
  }

  const revised = { criteria: ['high_risk_of_serious_harm', 'likely_severe_personality_disorder', 'link_between_disorder_and_risk', 'managed_by_probation'], items: '10', itemThreshold: '6', indicators: '4', indicatorThreshold: '2' }

  it('lists every version with its population, date, status and how many screenings it decided', async () => {
    await screenOn(dayFromToday(-60), 6)
    const page = await get(screeningPaths.ruleSets())
    assert.equal(page.statusCode, 200)
    const text = textOf(page.body)
    assert.match(text, /opd-men version 1 Men's criteria 1 April 2015 In force High or very high risk of serious harm .* 7 or more of the 10 OASys personality disorder screening items, or 2 or more of the 4 indicators 1 Create a new version/)
    assert.match(text, /opd-women version 1 Women's criteria 1 April 2015 In force Qualifying current offence .* 10 or more of the 15 OASys personality disorder screening items 0 Create a new version/)
    assert.ok(page.body.includes(`href="${screeningPaths.newRuleSetFrom(menV1).replace('&', '&amp;')}"`))
  })

  it('starts a new version as the one it is based on, and needs a version to start from', async () => {
    const form = await get(screeningPaths.newRuleSetFrom(menV1))
    assert.equal(form.statusCode, 200)
    assert.match(textOf(form.body), /Based on opd-men version 1, effective 1 April 2015/)
    for (const key of revised.criteria) assert.match(form.body, new RegExp(`value="${key}" checked`))
    assert.doesNotMatch(form.body, /value="qualifying_current_offence" checked/)
    assert.match(form.body, /name="itemThreshold"[^>]*value="7"/)
    assert.equal((await get(screeningPaths.newRuleSet())).statusCode, 404)
    assert.equal((await get(screeningPaths.newRuleSetFrom('01a00000-0000-7000-8000-000000000000'))).statusCode, 404)
  })

  it('says what is wrong with a new version, field by field, and saves nothing', async () => {
    const before = await versions()
    const cases: [Record<string, string | string[]>, string[]][] = [
      [{ items: 'ten', itemThreshold: '7', ...effectiveFrom(dayFromToday(30)) }, ['Select at least one criterion', 'Enter the number of items as a whole number from 1 to 100']],
      [{ ...revised, itemThreshold: '11', ...effectiveFrom(dayFromToday(30)) }, ['Enter the items needed as a whole number from 1 to the number of items']],
      [{ ...revised, indicatorThreshold: '', ...effectiveFrom(dayFromToday(30)) }, ['Enter both the number of indicators and the indicators needed, or leave both empty']],
      [{ ...revised, criteria: ['managed_by_probation', 'likes_cats'], ...effectiveFrom(dayFromToday(30)) }, ['Select criteria from the list']],
      [{ ...revised, 'effectiveFrom-day': '30', 'effectiveFrom-month': '2', 'effectiveFrom-year': '2027' }, ['The date must be a real date']],
      [{ ...revised }, ['Enter the date the version takes effect']],
      [{ ...revised, ...effectiveFrom(dayFromToday(-1)) }, ['The date must be today or later']],
    ]
    for (const [fields, problems] of cases) {
      const response = await postVersion(fields)
      assert.equal(response.statusCode, 400, JSON.stringify(fields))
      assert.ok(textOf(response.body).includes(`There is a problem ${problems.join(' ')}`), `${JSON.stringify(fields)}: ${textOf(response.body).slice(0, 300)}`)
    }
    assert.deepEqual(await versions(), before)
  })

  it('adds version 2 from today: old screenings keep version 1, screenings dated from today use version 2', async () => {
    const earlier = await screenOn(dayFromToday(-30), 6)
    assert.deepEqual([earlier.ruleSet.version, earlier.computedOutcome], ['1', 'consider'])
    const response = await postVersion({ ...revised, ...effectiveFrom(dayFromToday(0)) })
    assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400))
    assert.equal(response.headers.location, screeningPaths.ruleSets())

    const stored = (await versions()).filter((row) => row.key === 'opd-men')
    assert.deepEqual(stored.map((row) => [row.version, row.effective_from]), [['1', '2015-04-01'], ['2', dayFromToday(0)]])
    assert.deepEqual(stored[0]?.definition, { criteria: revised.criteria.map((key) => ({ key })), score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 } }, 'version 1 is never changed')
    assert.deepEqual(stored[1]?.definition, { criteria: revised.criteria.map((key) => ({ key })), score: { items: 10, itemThreshold: 6, indicators: 4, indicatorThreshold: 2 } })
    const audit = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'screening.rule-set.create').execute()
    assert.deepEqual(audit.map((row) => [row.outcome, (row.details as { key: string; version: string }).version]), [['allowed', '2']])
    assert.match(textOf((await get(screeningPaths.ruleSets())).body), /opd-men version 1 Men's criteria 1 April 2015 Superseded .* opd-men version 2 Men's criteria .* In force/)

    const again = await screenOn(dayFromToday(0), 6)
    assert.deepEqual([again.ruleSet.version, again.computedOutcome], ['2', 'screened_in'], 'the same answers, decided by version 2')
    const backDated = await screenOn(dayFromToday(-1), 6)
    assert.deepEqual([backDated.ruleSet.version, backDated.computedOutcome], ['1', 'consider'], 'a screening dated before version 2 uses version 1')
    const reread = await app.inject({ method: 'GET', url: screeningPaths.api.screening({ screeningId: earlier.id }), headers: { authorization: `Bearer ${officerToken}` } })
    const old = screeningResponse.parse(reread.json())
    assert.deepEqual([old.ruleSet.version, old.computedOutcome], ['1', 'consider'], 'the old screening still names version 1')
  })

  it('refuses a version that does not start after the latest, even when based on an older one', async () => {
    const response = await postVersion({ ...revised, itemThreshold: '5', ...effectiveFrom(dayFromToday(0)) })
    assert.equal(response.statusCode, 400)
    assert.match(textOf(response.body), /There is a problem The date must be after the date the latest version takes effect/)
    assert.equal((await versions()).filter((row) => row.key === 'opd-men').length, 2)
  })
})
