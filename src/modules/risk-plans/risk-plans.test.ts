import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson } from '../../../test/support/fixtures.ts'
import { postForm, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { allocationsPaths } from '../allocations/index.ts'
import { apiDocsPaths } from '../api-docs/index.ts'
import { caseworkPaths } from '../casework/index.ts'
import { riskPlansPaths, riskReviewsDue } from './index.ts'
import { addDays, addMonths } from './rules.ts'

/*
 * Risk management plans on both dialects: versions kept, the form's checks, a save that
 * would overwrite a version saved meanwhile, who may read and write (risk is not
 * health-only), the stranger who finds nothing, the API, and overdue reviews on caseloads.
 */

const today = () => new Date().toISOString().slice(0, 10)

/** The review date as the form's three boxes. */
function reviewFields(date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-')
  return { 'reviewOn-day': String(Number(day)), 'reviewOn-month': String(Number(month)), 'reviewOn-year': year }
}

describeEachDialect('risk management plans', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let allocationId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    allocationId = world.allocationId
  })
  after(() => app.close())

  const get = (url: string, session: { cookie: string }) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const versionsOf = async (id: string) => (await db.selectFrom('risk_plan').select(['id', 'version', 'summary', 'created_by']).where('allocation_id', '=', id).orderBy('version').execute()).map((row) => ({ ...row, version: Number(row.version) }))
  const save = (session: BrowserSession, fields: Record<string, string>, id = allocationId) => postForm(app, session, riskPlansPaths.newVersion({ allocationId: id }), { ...reviewFields(addMonths(today(), 3)), ...fields })

  /** A plan version written straight into the database (for review dates in the past, which the form refuses). */
  async function insertPlan(id: string, personId: string, version: number, reviewOn: string) {
    await db.insertInto('risk_plan').values({ id: newId(), allocation_id: id, person_id: personId, version, summary: `Summary of version ${version}`, triggers: null, warning_signs: null, protective_factors: null, contingencies: JSON.stringify([]), review_on: reviewOn, created_by: world.users.clinician.id }).execute()
  }

  /** Another case in the world's service, the clinician its keyworker (or `keyworker`), or ended. */
  async function anotherCase(familyName: string, options: { keyworker?: string | null; status?: 'active' | 'ended' } = {}) {
    const personId = await createPerson(db, { teamId: world.trust.teamId, givenName: 'Case', familyName })
    const referralId = newId()
    const now = new Date().toISOString()
    await db.insertInto('referral').values({ id: referralId, person_id: personId, service_id: world.serviceId, service_element_id: world.elementId, status: 'allocated', urgency: 'routine', priority: 2, referrer_user_id: world.users.probationOfficer.id, referrer_organisation_id: world.probation.organisationId, referrer_team_id: world.probation.teamId, referrer_role: 'offender_manager', referred_at: now, updated_at: now }).execute()
    const id = newId()
    const keyworker = options.keyworker === undefined ? world.users.clinician.id : options.keyworker
    await db.insertInto('allocation').values({ id, referral_id: referralId, person_id: personId, service_element_id: world.elementId, keyworker_user_id: keyworker, lead_clinician_user_id: null, status: options.status ?? 'active', started_at: now, allocated_by: world.users.manager.id, ...(options.status === 'ended' ? { ended_at: now, ended_reason: 'completed' } : {}) }).execute()
    return { allocationId: id, personId }
  }

  describe('versions', () => {
    it('offers to write the first plan when there is none', async () => {
      const page = await get(riskPlansPaths.current({ allocationId }), world.sessions.clinician)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /No risk management plan has been written for this case yet/)
      assert.match(page.body, new RegExp(`href="${riskPlansPaths.newVersion({ allocationId })}"`))
      const form = await get(riskPlansPaths.newVersion({ allocationId }), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /This will be the first version of the plan/)
      assert.match(form.body, /name="basedOnVersion" value="0"/)
    })

    it('saves versions, shows the latest and keeps the first readable after the second', async () => {
      const first = await save(world.sessions.clinician, {
        basedOnVersion: '0',
        summary: 'High risk of violence to staff when unsettled',
        triggers: 'Bad news from home',
        'contingency-1-action': 'Call the duty clinician',
        'contingency-1-contact': 'Duty clinician, 0300 000 0001',
      })
      assert.equal(first.statusCode, 303)
      assert.equal(first.headers.location, riskPlansPaths.current({ allocationId }))
      const second = await save(world.sessions.clinician, { basedOnVersion: '1', summary: 'Risk reduced since moving wings', 'contingency-2-action': 'Tell the offender manager', 'contingency-2-contact': 'Offender manager' })
      assert.equal(second.statusCode, 303)

      const versions = await versionsOf(allocationId)
      assert.deepEqual(versions.map((row) => [row.version, row.summary]), [[1, 'High risk of violence to staff when unsettled'], [2, 'Risk reduced since moving wings']])
      const current = await get(riskPlansPaths.current({ allocationId }), world.sessions.clinician)
      assert.equal(current.statusCode, 200)
      assert.match(current.body, /Risk reduced since moving wings/)
      assert.match(current.body, /<td class="govuk-table__cell">Tell the offender manager<\/td>\s*<td class="govuk-table__cell">Offender manager<\/td>/)
      assert.match(current.body, /Version 2, written by Test user/)
      const firstId = versions[0]!.id
      assert.match(current.body, new RegExp(`href="${riskPlansPaths.version({ allocationId, riskPlanId: firstId })}">View version 1`))

      const earlier = await get(riskPlansPaths.version({ allocationId, riskPlanId: firstId }), world.sessions.clinician)
      assert.equal(earlier.statusCode, 200)
      assert.match(earlier.body, /High risk of violence to staff when unsettled/)
      assert.match(earlier.body, /Bad news from home/)
      assert.match(earlier.body, /<td class="govuk-table__cell">Call the duty clinician<\/td>\s*<td class="govuk-table__cell">Duty clinician, 0300 000 0001<\/td>/)
      assert.match(earlier.body, /This is an earlier version. The current plan is version 2/)
    })

    it('records each version in the case history and the audit trail', async () => {
      const events = await db.selectFrom('person_timeline_event').select(['kind', 'data_category', 'record_type']).where('allocation_id', '=', allocationId).where('kind', '=', 'risk_plan.version_added').execute()
      assert.deepEqual(events.map((event) => [event.data_category, event.record_type]), [['risk', 'risk_plan'], ['risk', 'risk_plan']])
      const audits = await db.selectFrom('audit_event').select(['outcome', 'person_id', 'record_type']).where('action', '=', 'risk-plan.create').where('user_id', '=', world.users.clinician.id).where('outcome', '=', 'allowed').execute()
      assert.equal(audits.length, 2)
      assert.ok(audits.every((audit) => audit.person_id === world.personId && audit.record_type === 'risk_plan'))
      const history = await get(caseworkPaths.history({ allocationId }), world.sessions.clinician)
      assert.match(history.body, /New version of the risk management plan/)
    })

    it('fills the form in from the latest version', async () => {
      const form = await get(riskPlansPaths.newVersion({ allocationId }), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Filled in from version 2/)
      assert.match(form.body, /name="basedOnVersion" value="2"/)
      assert.match(form.body, /<textarea[^>]*name="summary"[^>]*>Risk reduced since moving wings<\/textarea>/)
      assert.match(form.body, /name="contingency-1-action" type="text" value="Tell the offender manager"/)
    })

    it('gives a version of another case, or no version, "not found"', async () => {
      const other = await anotherCase('Elsewhere')
      await insertPlan(other.allocationId, other.personId, 1, addMonths(today(), 2))
      const otherPlan = await versionsOf(other.allocationId)
      assert.equal((await get(riskPlansPaths.version({ allocationId, riskPlanId: otherPlan[0]!.id }), world.sessions.clinician)).statusCode, 404)
      assert.equal((await get(riskPlansPaths.version({ allocationId, riskPlanId: newId() }), world.sessions.clinician)).statusCode, 404)
    })
  })

  describe('the review date', () => {
    it('is tagged overdue once it has passed, and due soon within 14 days', async () => {
      const overdue = await anotherCase('Overdue')
      await insertPlan(overdue.allocationId, overdue.personId, 1, addDays(today(), -3))
      const page = await get(riskPlansPaths.current({ allocationId: overdue.allocationId }), world.sessions.clinician)
      assert.match(page.body, /<strong class="govuk-tag govuk-tag--red">\s*Overdue\s*<\/strong>/)

      const soon = await anotherCase('Soon')
      await insertPlan(soon.allocationId, soon.personId, 1, addDays(today(), 10))
      const soonPage = await get(riskPlansPaths.current({ allocationId: soon.allocationId }), world.sessions.clinician)
      assert.match(soonPage.body, /Due soon/)
      assert.doesNotMatch(soonPage.body, /Overdue/)

      const later = await anotherCase('Later')
      await insertPlan(later.allocationId, later.personId, 1, addDays(today(), 60))
      const laterPage = await get(riskPlansPaths.current({ allocationId: later.allocationId }), world.sessions.clinician)
      assert.doesNotMatch(laterPage.body, /Due soon|Overdue/)
    })
  })

  describe('the form’s checks', () => {
    it('names each problem, keeps what was typed and saves nothing', async () => {
      const before = await versionsOf(allocationId)
      const response = await save(world.sessions.clinician, {
        basedOnVersion: '2',
        summary: '  ',
        warningSigns: 'Stops eating',
        'contingency-2-contact': 'Safer custody team',
        'contingency-3-action': 'Open an ACCT',
        ...reviewFields(addDays(today(), -1)),
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<title>Error: /)
      const summary = response.body.slice(response.body.indexOf('govuk-error-summary'), response.body.indexOf('</ul>', response.body.indexOf('govuk-error-summary')))
      const problems = [...summary.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((match) => [match[1], match[2]])
      assert.deepEqual(problems, [
        ['#summary', 'Enter the current risk summary'],
        ['#contingency-2-action', 'Enter the action for row 2 of the contingency actions, or clear its contact'],
        ['#contingency-3-contact', 'Enter who to contact for row 3 of the contingency actions, or clear its action'],
        ['#reviewOn-day', 'The review date must be in the future'],
      ])
      assert.match(response.body, />Stops eating<\/textarea>/)
      assert.match(response.body, /name="contingency-2-contact" type="text" value="Safer custody team"/)
      assert.match(response.body, /name="contingency-3-action" type="text" value="Open an ACCT"/)
      assert.deepEqual(await versionsOf(allocationId), before)
      const audit = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'risk-plan.create').where('outcome', '=', 'failed').executeTakeFirstOrThrow()
      assert.ok(JSON.stringify(audit.details).includes('contingency-2-action'))
    })

    it('refuses a review date more than 12 months ahead, and a date that is not whole', async () => {
      const tooFar = await save(world.sessions.clinician, { basedOnVersion: '2', summary: 'Still high', ...reviewFields(addDays(addMonths(today(), 12), 1)) })
      assert.equal(tooFar.statusCode, 400)
      assert.match(tooFar.body, /The review date must be no more than 12 months from today/)
      const partial = await save(world.sessions.clinician, { basedOnVersion: '2', summary: 'Still high', 'reviewOn-day': '3', 'reviewOn-month': '', 'reviewOn-year': '2030' })
      assert.match(partial.body, /The review date must include a day, month and year/)
      const missing = await save(world.sessions.clinician, { basedOnVersion: '2', summary: 'Still high', 'reviewOn-day': '', 'reviewOn-month': '', 'reviewOn-year': '' })
      assert.match(missing.body, /Enter the review date/)
      assert.equal((await versionsOf(allocationId)).length, 2)
    })
  })

  describe('saves that cross', () => {
    it('answers a save based on an older version with 409, keeping what was typed, and lets it be saved after reading', async () => {
      const first = await save(world.sessions.clinician, { basedOnVersion: '2', summary: 'Clinician’s view' })
      assert.equal(first.statusCode, 303)
      const crossing = await save(world.sessions.probationOfficer, { basedOnVersion: '2', summary: 'Offender manager’s view', protectiveFactors: 'Daughter visits' })
      assert.equal(crossing.statusCode, 409)
      assert.match(crossing.body, /Version 3 of the plan was saved while you were writing/)
      assert.match(crossing.body, /id="latest-version"/)
      assert.match(crossing.body, />Offender manager’s view<\/textarea>/)
      assert.match(crossing.body, />Daughter visits<\/textarea>/)
      assert.match(crossing.body, /name="basedOnVersion" value="3"/)
      assert.deepEqual((await versionsOf(allocationId)).map((row) => row.summary).slice(2), ['Clinician’s view'])

      const again = await save(world.sessions.probationOfficer, { basedOnVersion: '3', summary: 'Offender manager’s view' })
      assert.equal(again.statusCode, 303)
      const latest = (await versionsOf(allocationId)).at(-1)!
      assert.deepEqual([latest.version, latest.summary, latest.created_by], [4, 'Offender manager’s view', world.users.probationOfficer.id])
    })

    it('lets only one of two simultaneous saves from the same version through', async () => {
      const answers = await Promise.all([save(world.sessions.clinician, { basedOnVersion: '4', summary: 'One' }), save(world.sessions.probationOfficer, { basedOnVersion: '4', summary: 'Two' })])
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 409])
      assert.deepEqual((await versionsOf(allocationId)).map((row) => row.version), [1, 2, 3, 4, 5])
    })
  })

  describe('who may read and write', () => {
    it('lets the probation officer read the plan: risk is not health-only', async () => {
      const page = await get(riskPlansPaths.current({ allocationId }), world.sessions.probationOfficer)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Version 5/)
      assert.match(page.body, new RegExp(`href="${riskPlansPaths.newVersion({ allocationId })}"`))
    })

    it('gives the service manager the plan to read but no way to write it', async () => {
      const page = await get(riskPlansPaths.current({ allocationId }), world.sessions.manager)
      assert.equal(page.statusCode, 200)
      assert.doesNotMatch(page.body, /Write a new version/)
      assert.equal((await get(riskPlansPaths.newVersion({ allocationId }), world.sessions.manager)).statusCode, 403)
    })

    it('gives the stranger "not found" on every route, writes nothing and audits the denials', async () => {
      const stranger = world.sessions.stranger
      const plans = await versionsOf(allocationId)
      const pages = [riskPlansPaths.current({ allocationId }), riskPlansPaths.version({ allocationId, riskPlanId: plans[0]!.id }), riskPlansPaths.newVersion({ allocationId })]
      for (const url of pages) {
        const response = await get(url, stranger)
        assert.equal(response.statusCode, 404, url)
        assert.doesNotMatch(response.body, /Quillby|Risk reduced|Clinician’s view/)
      }
      const posted = await save(stranger, { basedOnVersion: '5', summary: 'Stranger’s plan' })
      assert.equal(posted.statusCode, 404)
      assert.deepEqual(await versionsOf(allocationId), plans)
      const denials = await db.selectFrom('audit_event').select(['action', 'outcome', 'person_id']).where('user_id', '=', world.users.stranger.id).where('action', 'in', ['risk-plan.view', 'risk-plan.create']).orderBy('sequence').execute()
      assert.deepEqual(denials, [
        { action: 'risk-plan.view', outcome: 'denied', person_id: null },
        { action: 'risk-plan.view', outcome: 'denied', person_id: null },
        { action: 'risk-plan.view', outcome: 'denied', person_id: null },
        { action: 'risk-plan.create', outcome: 'denied', person_id: null },
      ])
    })

    it('refuses a new version of a closed case with 409 and says why', async () => {
      const closed = await anotherCase('Closed', { status: 'ended' })
      const form = await get(riskPlansPaths.newVersion({ allocationId: closed.allocationId }), world.sessions.clinician)
      assert.match(form.body, /This case is closed, so no new version can be saved/)
      assert.doesNotMatch(form.body, /name="summary"/)
      const posted = await save(world.sessions.clinician, { basedOnVersion: '0', summary: 'Too late' }, closed.allocationId)
      assert.equal(posted.statusCode, 409)
      assert.deepEqual(await versionsOf(closed.allocationId), [])
    })
  })

  describe('the JSON API', () => {
    let clinicianToken: string
    let strangerToken: string
    const api = (method: 'GET' | 'POST', url: string, token: string, body?: unknown) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })

    before(async () => {
      const expiresAt = new Date(Date.now() + 3_600_000)
      clinicianToken = (await issueApiToken(db, { userId: world.users.clinician.id, name: 'Case system', expiresAt })).token
      strangerToken = (await issueApiToken(db, { userId: world.users.stranger.id, name: 'Elsewhere', expiresAt })).token
    })

    it('lists every version, latest first', async () => {
      const response = await api('GET', riskPlansPaths.api.riskPlans({ allocationId }), clinicianToken)
      assert.equal(response.statusCode, 200)
      const body = response.json() as { allocationId: string; personId: string; versions: Array<{ version: number; summary: string; reviewStatus: string; contingencies: unknown[]; createdBy: { id: string } }> }
      assert.equal(body.personId, world.personId)
      assert.deepEqual(body.versions.map((version) => version.version), [5, 4, 3, 2, 1])
      assert.deepEqual(body.versions.at(-1)?.contingencies, [{ action: 'Call the duty clinician', contact: 'Duty clinician, 0300 000 0001' }])
      assert.equal(body.versions[0]?.reviewStatus, 'current')
    })

    it('adds a version with 201, and answers 422 on the field, 409 on a stale version', async () => {
      const reviewOn = addMonths(today(), 6)
      const created = await api('POST', riskPlansPaths.api.riskPlans({ allocationId }), clinicianToken, { summary: 'From the case system', contingencies: [{ action: 'Ring the wing', contact: 'Wing office' }], reviewOn, basedOnVersion: 5 })
      assert.equal(created.statusCode, 201)
      const plan = created.json() as { version: number; reviewOn: string; contingencies: unknown[]; triggers: unknown }
      assert.deepEqual([plan.version, plan.reviewOn, plan.contingencies, plan.triggers], [6, reviewOn, [{ action: 'Ring the wing', contact: 'Wing office' }], null])

      const invalid = await api('POST', riskPlansPaths.api.riskPlans({ allocationId }), clinicianToken, { summary: '', contingencies: [{ action: 'Half', contact: '' }], reviewOn: today(), basedOnVersion: 6, colour: 'red' })
      assert.equal(invalid.statusCode, 422)
      assert.deepEqual((invalid.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field).sort(), ['colour', 'contingencies.0.contact', 'reviewOn', 'summary'])

      const stale = await api('POST', riskPlansPaths.api.riskPlans({ allocationId }), clinicianToken, { summary: 'Old news', reviewOn, basedOnVersion: 5 })
      assert.equal(stale.statusCode, 409)
      assert.deepEqual(stale.json(), { errors: [{ field: 'basedOnVersion', message: 'Version 6 was saved after the version you started from. Read it, then send yours again based on version 6.' }] })
      assert.equal((await versionsOf(allocationId)).length, 6)
    })

    it('gives the stranger 404 for reading and writing, and writes nothing', async () => {
      assert.equal((await api('GET', riskPlansPaths.api.riskPlans({ allocationId }), strangerToken)).statusCode, 404)
      const posted = await api('POST', riskPlansPaths.api.riskPlans({ allocationId }), strangerToken, { summary: 'Stranger', reviewOn: addMonths(today(), 1), basedOnVersion: 6 })
      assert.equal(posted.statusCode, 404)
      assert.equal((await versionsOf(allocationId)).length, 6)
    })

    it('appears in the OpenAPI document', async () => {
      const document = (await app.inject({ method: 'GET', url: apiDocsPaths.document() })).json() as { paths: Record<string, Record<string, unknown>> }
      assert.deepEqual(Object.keys(document.paths['/api/v1/cases/{allocationId}/risk-plans'] ?? {}).sort(), ['get', 'post'])
    })
  })

  describe('reviews due', () => {
    let overdueCase: { allocationId: string; personId: string }
    let noPlanCase: { allocationId: string; personId: string }
    let futureCase: { allocationId: string; personId: string }

    before(async () => {
      overdueCase = await anotherCase('Pastdue')
      await insertPlan(overdueCase.allocationId, overdueCase.personId, 1, addMonths(today(), 1))
      // Only the latest version counts: an overdue review, replaced by a later one, is not listed; this one is.
      await insertPlan(overdueCase.allocationId, overdueCase.personId, 2, addDays(today(), -20))
      noPlanCase = await anotherCase('Planless')
      futureCase = await anotherCase('Aheadofit')
      await insertPlan(futureCase.allocationId, futureCase.personId, 1, addDays(today(), -40))
      await insertPlan(futureCase.allocationId, futureCase.personId, 2, addMonths(today(), 2))
    })

    const section = (body: string) => {
      const start = body.indexOf('Risk reviews overdue')
      assert.ok(start >= 0, 'the page has the risk reviews list')
      return body.slice(start, body.indexOf('</table>', start) === -1 ? start + 400 : body.indexOf('</table>', start))
    }

    it('lists the keyworker’s overdue reviews and cases without a plan on their caseload, not those reviewed in time', async () => {
      const page = await get(allocationsPaths.caseload(), world.sessions.clinician)
      assert.equal(page.statusCode, 200)
      const list = section(page.body)
      assert.match(list, new RegExp(`href="${riskPlansPaths.current({ allocationId: overdueCase.allocationId })}">Case Pastdue</a>`))
      assert.match(list, /Case Planless<\/a>\s*<\/td>\s*<td class="govuk-table__cell">Not recorded/)
      assert.doesNotMatch(list, /Aheadofit/)
      assert.doesNotMatch(list, /Rowan Quillby/)
    })

    it('lists them for the team delivering the service', async () => {
      const page = await get(allocationsPaths.teamCaseload({ teamId: world.trust.teamId }), world.sessions.manager)
      assert.equal(page.statusCode, 200)
      const list = section(page.body)
      assert.match(list, /Case Pastdue/)
      assert.match(list, /Case Planless/)
      assert.doesNotMatch(list, /Aheadofit/)
    })

    it('lists nothing for a worker who holds none of the cases', async () => {
      const manager = section((await get(allocationsPaths.caseload(), world.sessions.manager)).body)
      assert.doesNotMatch(manager, /Pastdue|Planless/)
      assert.match(manager, /No risk reviews are overdue/)
      const officer = section((await get(allocationsPaths.caseload(), world.sessions.probationOfficer)).body)
      assert.doesNotMatch(officer, /Pastdue|Planless/)
    })

    it('answers the same to other modules, within the caller’s own teams and scope', async () => {
      const now = new Date().toISOString()
      const scopeOf = (userId: string, organisationId: string, teamIds: string[]): Scope => ({ userId, organisationId, teamIds, purpose: 'direct_care', readsHealthOnly: false, now, today: today() })
      const clinician = scopeOf(world.users.clinician.id, world.trust.organisationId, [world.trust.teamId])
      const mine = await riskReviewsDue(db, clinician, { userId: world.users.clinician.id, before: today() })
      const pastdue = mine.find((row) => row.allocationId === overdueCase.allocationId)
      assert.deepEqual(pastdue, { allocationId: overdueCase.allocationId, personId: overdueCase.personId, personName: 'Case Pastdue', reviewOn: addDays(today(), -20), overdue: true })
      assert.deepEqual(mine.find((row) => row.allocationId === noPlanCase.allocationId)?.reviewOn, null)
      // Looking further ahead brings in the review due in two months.
      const ahead = await riskReviewsDue(db, clinician, { userId: world.users.clinician.id, before: addMonths(today(), 3) })
      assert.equal(ahead.find((row) => row.allocationId === futureCase.allocationId)?.overdue, false)
      // A team that is not the caller's own is ignored; a stranger sees nobody.
      const stranger = scopeOf(world.users.stranger.id, world.elsewhere.organisationId, [world.elsewhere.teamId])
      assert.deepEqual(await riskReviewsDue(db, stranger, { teamIds: [world.trust.teamId], before: today() }), [])
      assert.deepEqual(await riskReviewsDue(db, stranger, { userId: world.users.clinician.id, before: today() }), [])
    })
  })
})
