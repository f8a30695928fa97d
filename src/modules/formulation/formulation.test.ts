import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import { formulationPaths as paths, planReviewsDue } from './index.ts'

/*
 * Formulations and pathway plans on both dialects: who sees which part, versions and their
 * authors, the clinical part carried forward for writers who may not read it, plan changes
 * with optimistic concurrency, overdue dates, the JSON API, and a stranger who finds nothing.
 */

const today = new Date().toISOString().slice(0, 10)
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const dateBoxes = (name: string, date: string) => {
  const [year, month, day] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: String(year) }
}

const clinicalText = 'Emerging personality difficulties; consider a structured clinical assessment'
const sharedFields = {
  presentingDifficulties: 'Angry outbursts when feeling let down by staff',
  predisposingFactors: 'Care history and several school exclusions',
  protectiveFactors: 'A close bond with his sister',
  recommendations: 'Move to the PIPE treatment service',
}
const clinicalFields = { clinicalImpressions: clinicalText, treatmentRecommendations: 'Mentalisation-based group work' }

describeEachDialect('formulation and pathway plan', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let names: { clinician: string; probationOfficer: string }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    const nameOf = async (id: string) => (await db.selectFrom('staff_user').select('display_name').where('id', '=', id).executeTakeFirstOrThrow()).display_name
    names = { clinician: await nameOf(world.users.clinician.id), probationOfficer: await nameOf(world.users.probationOfficer.id) }
  })
  after(() => app.close())

  const allocationId = () => world.allocationId
  const get = (url: string, session: { cookie: string }) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const formulationRows = () => db.selectFrom('case_formulation').select(['id', 'version', 'shared', 'clinical', 'formulated_on']).where('allocation_id', '=', allocationId()).orderBy('version').execute()
  const api = async (session: 'clinician' | 'probationOfficer' | 'stranger', method: 'GET' | 'POST', url: string, body?: unknown) => {
    const { token } = await issueApiToken(db, { userId: world.users[session].id, name: 'Test client', expiresAt: new Date(Date.now() + 3_600_000) })
    return app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
  }

  describe('formulation', () => {
    it('lets the clinician write a first version with both parts and a co-author', async () => {
      const form = await get(paths.newVersion({ allocationId: allocationId() }), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /name="clinicalImpressions"/)
      assert.match(form.body, new RegExp(`value="${world.users.probationOfficer.id}"`), 'the offender manager can be named as a co-author')
      const response = await postForm(app, world.sessions.clinician, paths.newVersion({ allocationId: allocationId() }), { ...sharedFields, ...clinicalFields, ...dateBoxes('formulatedOn', today), coAuthors: world.users.probationOfficer.id, basedOnVersion: '0' })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, paths.formulation({ allocationId: allocationId() }))

      const [row] = await formulationRows()
      assert.equal(row?.version, 1)
      assert.deepEqual(row?.shared, sharedFields)
      assert.deepEqual(row?.clinical, clinicalFields)
      const authors = await db.selectFrom('case_formulation_author').select('user_id').where('formulation_id', '=', row!.id).execute()
      assert.deepEqual(authors.map((author) => author.user_id).sort(), [world.users.clinician.id, world.users.probationOfficer.id].sort())
      const event = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('allocation_id', '=', allocationId()).where('record_id', '=', row!.id).executeTakeFirstOrThrow()
      assert.deepEqual(event, { kind: 'formulation.version_added', data_category: 'formulation' })
      const audit = await db.selectFrom('audit_event').select(['outcome', 'record_type']).where('action', '=', 'formulation.create').where('user_id', '=', world.users.clinician.id).executeTakeFirstOrThrow()
      assert.deepEqual(audit, { outcome: 'allowed', record_type: 'case_formulation' })

      const page = await get(paths.formulation({ allocationId: allocationId() }), world.sessions.clinician)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Angry outbursts when feeling let down by staff/)
      assert.match(page.body, new RegExp(clinicalText))
      assert.match(page.body, /href="\/cases\/[^"]+\/plan"/, 'the case sub-navigation is there')
      assert.match(page.body, new RegExp(`${names.clinician}, ${names.probationOfficer}|${names.probationOfficer}, ${names.clinician}`))
    })

    it('shows the probation officer the shared part but never the clinical text, on the page, the form or the API', async () => {
      const page = await get(paths.formulation({ allocationId: allocationId() }), world.sessions.probationOfficer)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /A close bond with his sister/)
      assert.doesNotMatch(page.body, /Emerging personality difficulties|Mentalisation-based/)
      assert.doesNotMatch(page.body, /Clinical formulation/)
      const form = await get(paths.newVersion({ allocationId: allocationId() }), world.sessions.probationOfficer)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /A close bond with his sister/, 'the form starts from the latest shared text')
      assert.doesNotMatch(form.body, /Emerging personality difficulties|Mentalisation-based|name="clinicalImpressions"/)
      const response = await api('probationOfficer', 'GET', paths.api.formulation({ allocationId: allocationId() }))
      assert.equal(response.statusCode, 200)
      const body = response.json() as { formulation: { version: number; shared: Record<string, string>; clinical: unknown } }
      assert.equal(body.formulation.version, 1)
      assert.equal(body.formulation.shared.protectiveFactors, 'A close bond with his sister')
      assert.equal(body.formulation.clinical, null)
      assert.doesNotMatch(response.body, /Emerging personality/)
      const clinician = (await api('clinician', 'GET', paths.api.formulation({ allocationId: allocationId() }))).json() as { formulation: { clinical: Record<string, string> } }
      assert.equal(clinician.formulation.clinical.clinicalImpressions, clinicalText)
    })

    it('lets the probation officer save a new version, carrying the clinical part forward unchanged', async () => {
      const response = await postForm(app, world.sessions.probationOfficer, paths.newVersion({ allocationId: allocationId() }), {
        ...sharedFields,
        presentingDifficulties: 'Fewer outbursts since joining the wing',
        // Posted by hand: someone who may not write the clinical part cannot blank or change it.
        clinicalImpressions: 'Overwritten by the wrong person',
        ...dateBoxes('formulatedOn', today),
        basedOnVersion: '1',
      })
      assert.equal(response.statusCode, 303)
      const rows = await formulationRows()
      assert.deepEqual(rows.map((row) => row.version), [1, 2])
      assert.equal(rows[1]?.shared.presentingDifficulties, 'Fewer outbursts since joining the wing')
      assert.deepEqual(rows[1]?.clinical, clinicalFields)
      const authors = await db.selectFrom('case_formulation_author').select('user_id').where('formulation_id', '=', rows[1]!.id).execute()
      assert.deepEqual(authors.map((author) => author.user_id), [world.users.probationOfficer.id])
    })

    it('lists every version with its authors, and shows an earlier version the same way', async () => {
      const page = await get(paths.formulation({ allocationId: allocationId() }), world.sessions.clinician)
      assert.match(page.body, /Fewer outbursts since joining the wing/)
      assert.match(page.body, new RegExp(clinicalText), 'the carried-forward clinical part is shown to the clinician')
      const rows = await formulationRows()
      const table = page.body.slice(page.body.indexOf('app-formulation-versions'))
      assert.match(table, new RegExp(`href="${paths.version({ allocationId: allocationId(), formulationId: rows[0]!.id })}"`))
      assert.match(table, new RegExp(`Version 2 \\(latest\\)[\\s\\S]*${names.probationOfficer}[\\s\\S]*View version 1[\\s\\S]*${names.clinician}`))

      const old = await get(paths.version({ allocationId: allocationId(), formulationId: rows[0]!.id }), world.sessions.probationOfficer)
      assert.equal(old.statusCode, 200)
      assert.match(old.body, /This is an earlier version/)
      assert.match(old.body, /Angry outbursts when feeling let down by staff/)
      assert.doesNotMatch(old.body, /Emerging personality difficulties/)
      assert.equal((await get(paths.version({ allocationId: allocationId(), formulationId: world.personId }), world.sessions.clinician)).statusCode, 404)
    })

    it('refuses a save based on an older version with 409, keeping what was typed and writing nothing', async () => {
      const response = await postForm(app, world.sessions.clinician, paths.newVersion({ allocationId: allocationId() }), { ...sharedFields, strengths: 'Typed while someone else saved', ...dateBoxes('formulatedOn', today), basedOnVersion: '1' })
      assert.equal(response.statusCode, 409)
      assert.match(response.body, /Someone saved a new version of this formulation while you were writing/)
      assert.match(response.body, /Typed while someone else saved/)
      assert.match(response.body, /name="basedOnVersion" value="2"/)
      assert.equal((await formulationRows()).length, 2)
    })

    it('refuses a date in the future and a missing presenting difficulty, showing the GOV.UK error summary', async () => {
      const response = await postForm(app, world.sessions.clinician, paths.newVersion({ allocationId: allocationId() }), { strengths: 'Kept', ...dateBoxes('formulatedOn', daysFromToday(3)), basedOnVersion: '2' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /href="#presentingDifficulties">Enter the presenting difficulties/)
      assert.match(response.body, /href="#formulatedOn-day">The date formulated must be today or in the past/)
      assert.match(response.body, /<title>Error: New version of the formulation/)
      assert.match(response.body, />Kept<\/textarea>/)
      assert.equal((await formulationRows()).length, 2)
    })

    it('refuses a co-author who does not work with the person', async () => {
      const response = await postForm(app, world.sessions.clinician, paths.newVersion({ allocationId: allocationId() }), { ...sharedFields, ...dateBoxes('formulatedOn', today), coAuthors: world.users.stranger.id, basedOnVersion: '2' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Select co-authors from the list/)
      assert.equal((await formulationRows()).length, 2)
    })
  })

  describe('pathway plan', () => {
    const planRow = () => db.selectFrom('pathway_plan').selectAll().where('allocation_id', '=', allocationId()).executeTakeFirst()
    let goalId: string
    let actionId: string

    it('makes the plan with its first goal, then adds an action owned by the offender manager', async () => {
      const empty = await get(paths.plan({ allocationId: allocationId() }), world.sessions.clinician)
      assert.equal(empty.statusCode, 200)
      assert.match(empty.body, /No pathway plan has been made for this case yet/)
      const added = await postForm(app, world.sessions.clinician, paths.goals({ allocationId: allocationId() }), { description: 'Settle on the wing and join groups', version: '0' })
      assert.equal(added.statusCode, 303)
      assert.equal(added.headers.location, paths.plan({ allocationId: allocationId() }))
      const plan = await planRow()
      assert.equal(plan?.version, 1)
      const goal = await db.selectFrom('plan_goal').select(['id', 'status', 'position']).where('plan_id', '=', plan!.id).executeTakeFirstOrThrow()
      assert.deepEqual([goal.status, goal.position], ['not_started', 1])
      goalId = goal.id
      const created = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('allocation_id', '=', allocationId()).where('record_id', '=', goalId).executeTakeFirstOrThrow()
      assert.deepEqual(created, { kind: 'plan.created', data_category: 'plan' })

      const form = await get(paths.newAction({ allocationId: allocationId(), goalId }), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Settle on the wing and join groups/)
      const action = await postForm(app, world.sessions.clinician, paths.actions({ allocationId: allocationId(), goalId }), { description: 'Arrange a three-way meeting', ownerUser: world.users.probationOfficer.id, ...dateBoxes('dueOn', daysFromToday(-2)), version: '1' })
      assert.equal(action.statusCode, 303)
      const row = await db.selectFrom('plan_action').selectAll().where('goal_id', '=', goalId).executeTakeFirstOrThrow()
      assert.deepEqual([row.owner_user_id, row.owner_description, row.due_on, row.status], [world.users.probationOfficer.id, null, daysFromToday(-2), 'not_started'])
      actionId = row.id
      assert.equal((await planRow())?.version, 2)
      const changed = await db.selectFrom('person_timeline_event').select('kind').where('record_id', '=', actionId).executeTakeFirstOrThrow()
      assert.equal(changed.kind, 'plan.changed')

      const page = await get(paths.plan({ allocationId: allocationId() }), world.sessions.probationOfficer)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Goal 1: Settle on the wing and join groups/)
      assert.match(page.body, new RegExp(`Arrange a three-way meeting</td>\\s*<td class="govuk-table__cell">${names.probationOfficer}</td>[\\s\\S]*?Overdue`))
    })

    it('refuses an action with no owner, or an owner who does not work with the person', async () => {
      const none = await postForm(app, world.sessions.clinician, paths.actions({ allocationId: allocationId(), goalId }), { description: 'Nobody does this', version: '2' })
      assert.equal(none.statusCode, 400)
      assert.match(none.body, /Select a worker or describe who will do it/)
      assert.match(none.body, />Nobody does this<\/textarea>/)
      const stranger = await postForm(app, world.sessions.clinician, paths.actions({ allocationId: allocationId(), goalId }), { description: 'A stranger does this', ownerUser: world.users.stranger.id, version: '2' })
      assert.equal(stranger.statusCode, 400)
      assert.match(stranger.body, /Select a worker from the list/)
      assert.equal((await db.selectFrom('plan_action').select('id').where('goal_id', '=', goalId).execute()).length, 1)
      assert.equal((await planRow())?.version, 2)
    })

    it('changes an action’s and a goal’s status, and an overdue action is no longer overdue once done', async () => {
      const action = await postForm(app, world.sessions.probationOfficer, paths.actionStatus({ allocationId: allocationId(), actionId }), { status: 'done', version: '2' })
      assert.equal(action.statusCode, 303)
      const goal = await postForm(app, world.sessions.clinician, paths.goalStatus({ allocationId: allocationId(), goalId }), { status: 'in_progress', version: '3' })
      assert.equal(goal.statusCode, 303)
      assert.equal((await db.selectFrom('plan_action').select('status').where('id', '=', actionId).executeTakeFirstOrThrow()).status, 'done')
      assert.equal((await db.selectFrom('plan_goal').select('status').where('id', '=', goalId).executeTakeFirstOrThrow()).status, 'in_progress')
      const page = await get(paths.plan({ allocationId: allocationId() }), world.sessions.clinician)
      assert.match(page.body, /<strong>In progress<\/strong>/)
      assert.doesNotMatch(page.body, /Overdue/)
    })

    it('refuses a change made against an older version of the plan with 409, keeping what was typed', async () => {
      const before = await planRow()
      const stale = await postForm(app, world.sessions.clinician, paths.plan({ allocationId: allocationId() }), { custodyNextService: 'Typed against an old plan', version: '1' })
      assert.equal(stale.statusCode, 409)
      assert.match(stale.body, /The plan was changed by someone else while you were working on it/)
      assert.match(stale.body, />Typed against an old plan<\/textarea>/)
      assert.match(stale.body, new RegExp(`name="version" value="${before!.version}"`))
      const status = await postForm(app, world.sessions.clinician, paths.goalStatus({ allocationId: allocationId(), goalId }), { status: 'achieved', version: '1' })
      assert.equal(status.statusCode, 409)
      assert.deepEqual(await planRow(), before)
      assert.equal((await db.selectFrom('plan_goal').select('status').where('id', '=', goalId).executeTakeFirstOrThrow()).status, 'in_progress')
    })

    it('saves the pathway and shows a review date that has passed as overdue', async () => {
      const version = String((await planRow())!.version)
      const saved = await postForm(app, world.sessions.clinician, paths.plan({ allocationId: allocationId() }), { custodyNextService: 'PIPE treatment service', progressionMove: 'Category C within a year', communityPathway: 'Approved premises, then the community pathway', ...dateBoxes('reviewOn', daysFromToday(-1)), version })
      assert.equal(saved.statusCode, 303)
      const plan = await planRow()
      assert.deepEqual([plan?.custody_next_service, plan?.review_on], ['PIPE treatment service', daysFromToday(-1)])
      const page = await get(paths.plan({ allocationId: allocationId() }), world.sessions.probationOfficer)
      assert.match(page.body, /PIPE treatment service/)
      assert.match(page.body, /Category C within a year/)
      assert.match(page.body, /Review date\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*[^<]+<strong class="govuk-tag govuk-tag--red">\s*Overdue/)
    })

    it('answers the plan through the API, and adds goals and actions with the plan version', async () => {
      const read = await api('probationOfficer', 'GET', paths.api.plan({ allocationId: allocationId() }))
      assert.equal(read.statusCode, 200)
      const body = read.json() as { plan: { version: number; reviewOverdue: boolean; custodyNextService: string; goals: Array<{ id: string; status: string; actions: Array<{ description: string; owner: { userId: string }; status: string; overdue: boolean }> }> } }
      assert.equal(body.plan.reviewOverdue, true)
      assert.equal(body.plan.custodyNextService, 'PIPE treatment service')
      assert.deepEqual(body.plan.goals.map((goal) => [goal.id, goal.status, goal.actions.map((action) => [action.description, action.owner.userId, action.status, action.overdue])]), [[goalId, 'in_progress', [['Arrange a three-way meeting', world.users.probationOfficer.id, 'done', false]]]])

      const goal = await api('clinician', 'POST', paths.api.goals({ allocationId: allocationId() }), { description: 'Prepare for a progressive move', planVersion: body.plan.version })
      assert.equal(goal.statusCode, 201)
      const withGoal = goal.json() as { plan: { version: number; goals: Array<{ id: string; description: string }> } }
      assert.equal(withGoal.plan.version, body.plan.version + 1)
      const newGoal = withGoal.plan.goals[1]!
      assert.equal(newGoal.description, 'Prepare for a progressive move')
      const action = await api('clinician', 'POST', paths.api.actions({ allocationId: allocationId(), goalId: newGoal.id }), { description: 'Write to the progression panel', ownerDescription: 'the person', dueOn: daysFromToday(30), planVersion: withGoal.plan.version })
      assert.equal(action.statusCode, 201)
      assert.deepEqual((action.json() as { plan: { goals: Array<{ actions: Array<{ owner: unknown }> }> } }).plan.goals[1]?.actions[0]?.owner, { userId: null, name: null, description: 'the person' })

      const stale = await api('clinician', 'POST', paths.api.goals({ allocationId: allocationId() }), { description: 'Too late', planVersion: body.plan.version })
      assert.equal(stale.statusCode, 409)
      assert.deepEqual((stale.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['planVersion'])
      const bad = await api('clinician', 'POST', paths.api.actions({ allocationId: allocationId(), goalId: newGoal.id }), { description: '', colour: 'blue', planVersion: withGoal.plan.version + 1 })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual((bad.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field).sort(), ['colour', 'description'])
      assert.equal((await db.selectFrom('plan_goal').select('id').where('plan_id', '=', (await planRow())!.id).execute()).length, 2)
    })

    it('lists the plan review and open actions falling due for the tasks page, only in the caller’s cases', async () => {
      const scope = (userId: string, organisation: { organisationId: string; teamId: string }): Scope => ({ userId, organisationId: organisation.organisationId, teamIds: [organisation.teamId], purpose: 'direct_care', readsHealthOnly: true, now: new Date().toISOString(), today })
      const clinician = scope(world.users.clinician.id, world.trust)
      const due = await planReviewsDue(db, clinician, { userId: world.users.clinician.id, before: daysFromToday(60) })
      const mine = due.filter((item) => item.allocationId === allocationId())
      assert.deepEqual(mine.map((item) => [item.what.kind, item.what.kind === 'action' ? item.what.description : null, item.dueOn, item.familyName]), [
        ['plan_review', null, daysFromToday(-1), 'Quillby'],
        ['action', 'Write to the progression panel', daysFromToday(30), 'Quillby'],
      ])
      const byTeam = await planReviewsDue(db, clinician, { teamIds: [world.trust.teamId], before: daysFromToday(0) })
      assert.deepEqual(byTeam.filter((item) => item.allocationId === allocationId()).map((item) => item.what.kind), ['plan_review'])
      const stranger = scope(world.users.stranger.id, world.elsewhere)
      assert.deepEqual(await planReviewsDue(db, stranger, { userId: world.users.clinician.id, teamIds: [world.trust.teamId], before: daysFromToday(60) }), [])
    })
  })

  describe('a stranger in another organisation', () => {
    it('gets "not found" on every page, form and API route, and nothing is written', async () => {
      const goal = await db.selectFrom('plan_goal').innerJoin('pathway_plan', 'pathway_plan.id', 'plan_goal.plan_id').select('plan_goal.id').where('pathway_plan.allocation_id', '=', allocationId()).executeTakeFirstOrThrow()
      const action = await db.selectFrom('plan_action').select('id').where('goal_id', '=', goal.id).executeTakeFirstOrThrow()
      const formulation = (await formulationRows())[0]!
      const ids = { allocationId: allocationId(), goalId: goal.id, actionId: action.id, formulationId: formulation.id }
      const counts = async () => ({
        formulations: (await formulationRows()).length,
        plan: await db.selectFrom('pathway_plan').selectAll().where('allocation_id', '=', allocationId()).executeTakeFirst(),
        goals: await db.selectFrom('plan_goal').select(['id', 'status']).orderBy('id').execute(),
        actions: await db.selectFrom('plan_action').select(['id', 'status']).orderBy('id').execute(),
        events: (await db.selectFrom('person_timeline_event').select('id').where('allocation_id', '=', allocationId()).execute()).length,
      })
      const before = await counts()
      const stranger = world.sessions.stranger
      const pages = [paths.formulation(ids), paths.version(ids), paths.newVersion(ids), paths.plan(ids), paths.changePathway(ids), paths.newGoal(ids), paths.goalStatus(ids), paths.newAction(ids), paths.actionStatus(ids)]
      for (const url of pages) {
        const response = await get(url, stranger)
        assert.equal(response.statusCode, 404, `GET ${url}`)
        assert.doesNotMatch(response.body, /Quillby|Settle on the wing/, `GET ${url}`)
      }
      const posts: Array<[string, Record<string, string>]> = [
        [paths.newVersion(ids), { ...sharedFields, ...dateBoxes('formulatedOn', today), basedOnVersion: '2' }],
        [paths.plan(ids), { custodyNextService: 'Stranger', version: String(before.plan!.version) }],
        [paths.goals(ids), { description: 'Stranger goal', version: String(before.plan!.version) }],
        [paths.goalStatus(ids), { status: 'achieved', version: String(before.plan!.version) }],
        [paths.actions(ids), { description: 'Stranger action', ownerDescription: 'me', version: String(before.plan!.version) }],
        [paths.actionStatus(ids), { status: 'cancelled', version: String(before.plan!.version) }],
      ]
      for (const [url, fields] of posts) assert.equal((await postForm(app, stranger, url, fields)).statusCode, 404, `POST ${url}`)
      for (const url of [paths.api.formulation(ids), paths.api.plan(ids)]) assert.equal((await api('stranger', 'GET', url)).statusCode, 404, `API GET ${url}`)
      assert.equal((await api('stranger', 'POST', paths.api.goals(ids), { description: 'Stranger goal', planVersion: before.plan!.version })).statusCode, 404)
      assert.equal((await api('stranger', 'POST', paths.api.actions(ids), { description: 'Stranger action', ownerDescription: 'me', planVersion: before.plan!.version })).statusCode, 404)
      assert.deepEqual(await counts(), before)
      const denied = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('user_id', '=', world.users.stranger.id).where('action', 'in', ['formulation.create', 'plan.change']).execute()
      assert.ok(denied.length >= 8)
      assert.ok(denied.every((row) => row.outcome === 'denied' && row.person_id === null))
    })
  })

  describe('a closed case', () => {
    it('refuses new versions and plan changes with 409 and offers no form', async () => {
      await db.updateTable('allocation').set({ status: 'ended', ended_at: new Date().toISOString() }).where('id', '=', allocationId()).execute()
      const ids = { allocationId: allocationId() }
      const plan = await db.selectFrom('pathway_plan').selectAll().where('allocation_id', '=', allocationId()).executeTakeFirstOrThrow()
      const form = await get(paths.newVersion(ids), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /This case is closed/)
      assert.doesNotMatch(form.body, /name="presentingDifficulties"/)
      assert.doesNotMatch((await get(paths.formulation(ids), world.sessions.clinician)).body, /Write a new version/)
      const response = await postForm(app, world.sessions.clinician, paths.newVersion(ids), { ...sharedFields, ...dateBoxes('formulatedOn', today), basedOnVersion: '2' })
      assert.equal(response.statusCode, 409)
      const goal = await postForm(app, world.sessions.clinician, paths.goals(ids), { description: 'Too late', version: String(plan.version) })
      assert.equal(goal.statusCode, 409)
      assert.match(goal.body, /This case is closed, so its plan can no longer be changed/)
      assert.equal((await formulationRows()).length, 2)
      assert.deepEqual(await db.selectFrom('pathway_plan').selectAll().where('allocation_id', '=', allocationId()).executeTakeFirstOrThrow(), plan)
    })
  })
})
