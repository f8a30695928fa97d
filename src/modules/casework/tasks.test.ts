import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import { inTransaction, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { allocationsPaths } from '../allocations/index.ts'
import { caseworkPaths, createCaseTask } from './index.ts'

/*
 * Closing a case and the tasks page, on both dialects: ending a place needs a closing
 * summary; a transfer hands the case over to a team of another organisation, which then sees
 * the person and gets a hand-over task its members can complete (a stranger cannot, nor see
 * it); tasks assigned to a worker show on their own list.
 */

describeEachDialect('closing cases and tasks', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let receiving: OrganisationWithTeam
  let receiver: BrowserSession

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    // The work has started, so the service may complete it or transfer it.
    await db.updateTable('referral').set({ status: 'started' }).where('id', '=', world.referralId).execute()
    receiving = await organisationWithTeam(db, 'Juniper Community Trust', 'nhs_trust')
    receiver = await signIn(app, await createUser(db, { organisationId: receiving.organisationId, roles: ['clinician'], teamIds: [receiving.teamId], isDemo: true }))
  })
  after(() => app.close())

  /** A second case in the same service, under way, known to the trust's and the probation team. */
  async function anotherCase(familyName = 'Pemberwick'): Promise<{ allocationId: string; personId: string }> {
    const personId = await createPerson(db, { teamId: world.probation.teamId, givenName: 'Hazel', familyName })
    await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: world.trust.teamId, status: 'open', started_on: '2026-01-05' }).execute()
    const [referralId, allocationId, now] = [newId(), newId(), new Date().toISOString()]
    await db.insertInto('referral').values({ id: referralId, person_id: personId, service_id: world.serviceId, service_element_id: world.elementId, status: 'started', urgency: 'routine', priority: 2, referrer_user_id: world.users.probationOfficer.id, referrer_organisation_id: world.probation.organisationId, referrer_team_id: world.probation.teamId, referrer_role: 'offender_manager', referred_at: now, updated_at: now }).execute()
    await db.insertInto('allocation').values({ id: allocationId, referral_id: referralId, person_id: personId, service_element_id: world.elementId, keyworker_user_id: null, lead_clinician_user_id: world.users.clinician.id, status: 'active', started_at: now, allocated_by: world.users.manager.id }).execute()
    return { allocationId, personId }
  }

  const get = (url: string, session: { cookie: string }) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const endUrl = () => allocationsPaths.end({ allocationId: world.allocationId })
  const allocation = () => db.selectFrom('allocation').select(['status', 'closing_summary', 'transferred_to_team_id']).where('id', '=', world.allocationId).executeTakeFirstOrThrow()
  const handovers = () => db.selectFrom('case_task').select(['id', 'kind', 'status', 'assigned_team_id', 'assigned_user_id', 'person_id', 'allocation_id', 'title', 'detail', 'done_by']).where('kind', '=', 'handover').execute()

  describe('closure', () => {
    it('offers the closing summary and the teams to hand over to on the end form', async () => {
      const form = await get(endUrl(), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /name="closingSummary"/)
      assert.match(form.body, new RegExp(`<option value="${receiving.teamId}"[^>]*>Juniper Community Trust team \\(Juniper Community Trust\\)</option>`))
    })

    it('needs a closing summary, and a receiving team for a transfer, keeping what was typed', async () => {
      const response = await postForm(app, world.sessions.clinician, endUrl(), { outcome: 'transferred', transferredReason: 'progression_move', closingSummary: '  ' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /href="#closingSummary">Enter a closing summary/)
      assert.match(response.body, /href="#transferredTeam">Select the team taking the case on/)
      assert.match(response.body, /value="progression_move" checked/)
      const unknownTeam = await postForm(app, world.sessions.clinician, endUrl(), { outcome: 'transferred', transferredReason: 'progression_move', transferredTeam: '01900000-0000-7000-8000-000000000000', closingSummary: 'Moving on.' })
      assert.equal(unknownTeam.statusCode, 400)
      assert.match(unknownTeam.body, /Select the team taking the case on/)
      assert.deepEqual(await allocation(), { status: 'active', closing_summary: null, transferred_to_team_id: null })
      assert.deepEqual(await handovers(), [])
    })

    it('transfers the case: the summary is kept, the receiving team sees the person and gets a hand-over task', async () => {
      const summary = 'Settled on the unit; ready for a progressive move. Keep the weekly keywork going.'
      const response = await postForm(app, world.sessions.clinician, endUrl(), { outcome: 'transferred', transferredReason: 'progression_move', transferredTeam: receiving.teamId, closingSummary: summary })
      assert.equal(response.statusCode, 303)
      assert.deepEqual(await allocation(), { status: 'ended', closing_summary: summary, transferred_to_team_id: receiving.teamId })
      const [task] = await handovers()
      assert.ok(task)
      assert.deepEqual({ ...task, id: undefined }, {
        id: undefined,
        kind: 'handover',
        status: 'open',
        assigned_team_id: receiving.teamId,
        assigned_user_id: null,
        person_id: world.personId,
        allocation_id: world.allocationId,
        title: 'Hand-over from Teacup PIPE',
        detail: 'Teacup PIPE (Teacup Valley NHS Trust) has transferred a case to your team (A progressive move). Read its closing summary, formulation, plan and risk plan, then agree the hand-over with the previous team.',
        done_by: null,
      })
      assert.doesNotMatch(`${task.title} ${task.detail}`, /Rowan|Quillby/, 'the task’s own words name no one')
      const involvement = await db.selectFrom('involvement').select(['status', 'referral_id', 'closed_reason']).where('team_id', '=', receiving.teamId).where('person_id', '=', world.personId).executeTakeFirstOrThrow()
      assert.deepEqual(involvement, { status: 'open', referral_id: null, closed_reason: null })
      const events = await db.selectFrom('person_timeline_event').select('kind').where('allocation_id', '=', world.allocationId).where('kind', 'like', 'case.%').execute()
      assert.deepEqual(events, [{ kind: 'case.transferred' }])

      const overview = await get(caseworkPaths.overview({ allocationId: world.allocationId }), receiver)
      assert.equal(overview.statusCode, 200, 'the receiving team can read the case it takes on')
      assert.match(overview.body, /Settled on the unit; ready for a progressive move\./)
    })

    it('lists the hand-over on the receiving team member’s tasks, and their team’s, with the person’s name', async () => {
      for (const url of [caseworkPaths.tasks(), `${caseworkPaths.tasks()}?show=teams`]) {
        const page = await get(url, receiver)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Hand-over from Teacup PIPE/)
        assert.match(page.body, new RegExp(`<a class="govuk-link" href="/cases/${world.allocationId}">Rowan Quillby</a>`))
      }
      const audit = await db.selectFrom('audit_event').select('outcome').where('action', '=', 'task.view').executeTakeFirstOrThrow()
      assert.equal(audit.outcome, 'allowed')
    })

    it('shows a stranger neither the task nor a way to complete it (404, nothing changes)', async () => {
      const [task] = await handovers()
      const page = await get(caseworkPaths.tasks(), world.sessions.stranger)
      assert.doesNotMatch(page.body, /Hand-over from Teacup PIPE|Quillby/)
      const done = await postForm(app, world.sessions.stranger, caseworkPaths.completeTask({ taskId: task!.id }))
      assert.equal(done.statusCode, 404)
      assert.equal((await handovers())[0]?.status, 'open')
      const denied = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'task.complete').where('user_id', '=', world.users.stranger.id).executeTakeFirstOrThrow()
      assert.deepEqual(denied, { outcome: 'denied', person_id: null })
    })

    it('lets a member of the receiving team complete the hand-over, after which it leaves the list', async () => {
      const [task] = await handovers()
      const done = await postForm(app, receiver, caseworkPaths.completeTask({ taskId: task!.id }), { show: 'teams' })
      assert.equal(done.statusCode, 303)
      assert.equal(done.headers.location, `${caseworkPaths.tasks()}?show=teams`)
      const after = (await handovers())[0]
      assert.equal(after?.status, 'done')
      assert.ok(after?.done_by)
      assert.doesNotMatch((await get(caseworkPaths.tasks(), receiver)).body, /Hand-over from Teacup PIPE/)
    })

    it('closes a completed case with its summary, shown on the overview', async () => {
      const other = await anotherCase()
      const response = await postForm(app, world.sessions.clinician, allocationsPaths.end({ allocationId: other.allocationId }), { outcome: 'completed', closingSummary: 'Finished the treatment programme.' })
      assert.equal(response.statusCode, 303)
      const overview = await get(caseworkPaths.overview({ allocationId: other.allocationId }), world.sessions.probationOfficer)
      assert.match(overview.body, /Closed on/)
      assert.match(overview.body, /Finished the treatment programme\./)
      assert.doesNotMatch(overview.body, /action="\/cases\/[^"]+\/tiers"/, 'a closed case changes tier no more')
      const event = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('allocation_id', '=', other.allocationId).where('kind', 'like', 'case.%').executeTakeFirstOrThrow()
      assert.deepEqual(event, { kind: 'case.closed', data_category: 'referral' })
      assert.equal((await db.selectFrom('case_task').select('id').where('allocation_id', '=', other.allocationId).execute()).length, 0, 'only a transfer hands over')
    })
  })

  describe('tasks for a worker', () => {
    let taskId: string

    before(async () => {
      taskId = await inTransaction(db, (tx) => createCaseTask(tx, { kind: 'forum_concern', title: 'A forum post may suggest risk', detail: 'Read the post and contact the member.', assignedUserId: world.users.clinician.id, personId: world.personId, allocationId: world.allocationId, sourceType: 'forum_post', sourceId: 'post-1', dueOn: '2026-01-02' }))
    })

    it('shows a task assigned to a worker on their own list, overdue, and not on a colleague’s', async () => {
      const page = await get(caseworkPaths.tasks(), world.sessions.clinician)
      const row = /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">\s*<strong>A forum post may suggest risk[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? ''
      assert.match(row, /Forum concern/)
      assert.match(row, /Due 2 January 2026/)
      assert.match(row, /govuk-tag--red">\s*Overdue/)
      assert.match(row, /Rowan Quillby/)
      assert.match(row, /href="\/forum\/concerns\/post-1"/, 'a forum concern links to its post')
      assert.doesNotMatch((await get(caseworkPaths.tasks(), world.sessions.manager)).body, /A forum post may suggest risk/)
    })

    it('lists reminders from the records of the worker’s cases: reviews and actions due, no risk plan, sessions to come and to record', async () => {
      const { allocationId, personId } = await anotherCase('Larkmoor')
      const [planId, goalId] = [newId(), newId()]
      await db.insertInto('pathway_plan').values({ id: planId, allocation_id: allocationId, person_id: personId, review_on: '2026-01-10', updated_by: world.users.clinician.id, updated_at: new Date().toISOString() }).execute()
      await db.insertInto('plan_goal').values({ id: goalId, plan_id: planId, description: 'Settle on the unit', status: 'in_progress', position: 1 }).execute()
      await db.insertInto('plan_action').values({ id: newId(), goal_id: goalId, description: 'Visit the workshop', owner_user_id: null, owner_description: 'The person', due_on: '2026-01-20', status: 'not_started' }).execute()
      const contact = async (occursAt: string) => {
        const contactId = newId()
        await db.insertInto('contact').values({ id: contactId, kind: 'keywork', service_element_id: world.elementId, occurs_at: occursAt, duration_minutes: 60, recorded_by: world.users.clinician.id }).execute()
        await db.insertInto('contact_attendee').values({ id: newId(), contact_id: contactId, allocation_id: allocationId, person_id: personId, outcome: null }).execute()
      }
      await contact(new Date(Date.now() + 3 * 86_400_000).toISOString())
      await contact(new Date(Date.now() - 2 * 86_400_000).toISOString())

      const reminders = async (session: BrowserSession, url = caseworkPaths.tasks()) => {
        const table = /<table class="govuk-table app-reminders">[\s\S]*?<\/table>/.exec((await get(url, session)).body)?.[0] ?? ''
        return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((row) => row[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim())
      }
      const mine = await reminders(world.sessions.clinician)
      const about = mine.filter((row) => row.includes('Hazel Larkmoor'))
      assert.deepEqual(about.map((row) => row.replace(/ Hazel Larkmoor.*$/, '')), ['No risk plan', 'Plan review', 'Plan action: Visit the workshop', 'Session with no outcome recorded: Keywork session', 'Session coming up: Keywork session'])
      assert.match(about[1]!, /10 January 2026 Overdue$/)
      assert.match(about[2]!, /20 January 2026 Overdue$/)
      assert.doesNotMatch(about[4]!, /Overdue/)
      // The service's team sees them on its list; the probation officer, who holds no place, and the stranger do not.
      assert.equal((await reminders(world.sessions.manager, `${caseworkPaths.tasks()}?show=teams`)).filter((row) => row.includes('Hazel Larkmoor')).length, 5)
      assert.deepEqual((await reminders(world.sessions.probationOfficer)).filter((row) => row.includes('Larkmoor')), [])
      assert.deepEqual((await reminders(world.sessions.stranger, `${caseworkPaths.tasks()}?show=teams`)).filter((row) => row.includes('Larkmoor')), [])
    })

    it('answers a worker in no team with an empty list, and no team task to complete', async () => {
      const loner = await signIn(app, await createUser(db, { organisationId: world.trust.organisationId, roles: ['clinician'], isDemo: true }))
      for (const url of [caseworkPaths.tasks(), `${caseworkPaths.tasks()}?show=teams`]) {
        const page = await get(url, loner)
        assert.equal(page.statusCode, 200, url)
        assert.match(page.body, /There are no open tasks\./)
      }
      const [handover] = await handovers()
      assert.equal((await postForm(app, loner, caseworkPaths.completeTask({ taskId: handover!.id }))).statusCode, 404)
    })

    it('gives the same through the API, and names the person only to those who may see them', async () => {
      const call = async (userId: string) => {
        const { token } = await issueApiToken(db, { userId, name: 'Tasks API test', expiresAt: new Date(Date.now() + 3_600_000) })
        return app.inject({ method: 'GET', url: caseworkPaths.api.tasks(), headers: { authorization: `Bearer ${token}` } })
      }
      const response = await call(world.users.clinician.id)
      assert.equal(response.statusCode, 200)
      const body = response.json() as { show: string; tasks: Array<{ id: string; kind: string; person: { name: string | null } | null; caseId: string }> }
      assert.equal(body.show, 'mine')
      const task = body.tasks.find((candidate) => candidate.id === taskId)
      assert.deepEqual([task?.kind, task?.person?.name, task?.caseId], ['forum_concern', 'Rowan Quillby', world.allocationId])
      // Assigned to a worker who no longer sees the person: the task stays theirs, the name does not.
      await db.updateTable('case_task').set({ assigned_user_id: world.users.stranger.id }).where('id', '=', taskId).execute()
      const stranger = (await call(world.users.stranger.id)).json() as { tasks: Array<{ id: string; person: unknown }> }
      assert.deepEqual(stranger.tasks.find((candidate) => candidate.id === taskId)?.person, { id: world.personId, name: null })
    })
  })
})
