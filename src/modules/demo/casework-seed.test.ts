import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { createTestDatabase, describeEachDialect } from '../../../test/support/dialects.ts'
import { signIn } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { caseworkPaths } from '../casework/index.ts'
import { demoAccounts } from './accounts.ts'
import { createRandom } from './random.ts'
import { core10Totals } from './casework.ts'
import { seedDemo } from './seed.ts'

/*
 * The demo's case work, on both dialects: the shapes a demonstration needs are there (CORE-10
 * totals that improve, stay the same and get worse; overdue risk reviews; health-only and
 * amended notes; group sessions; hand-overs), every record has its line in the case
 * history, and the demo clinician and probation officer meet it when they sign in.
 */

const demoPassword = 'a demo password for tests'
const seed = 4242
const account = (role: string) => demoAccounts.find((candidate) => candidate.role === role)!

/** What the demo's case work is, whatever its ids: counts by table and the CORE-10 totals, sorted. */
async function caseworkSummary(db: Db): Promise<string[]> {
  const tables = ['case_tier', 'case_formulation', 'pathway_plan', 'plan_action', 'contact', 'contact_attendee', 'case_note', 'risk_plan', 'outcome_measurement', 'case_task'] as const
  const counts = await Promise.all(tables.map(async (table) => `${table} ${(await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count}`))
  const totals = (await db.selectFrom('outcome_measurement').select('total').execute()).map((row) => String(row.total)).sort()
  return [...counts, totals.join(',')]
}

describeEachDialect('the demo case work', (database, dialect) => {
  let db: Db
  let app: FastifyInstance
  const today = new Date().toISOString().slice(0, 10)

  before(async () => {
    db = database().handle.db
    await seedDemo(database().handle, { demoPassword, seed })
    ;({ app } = await createTestApp(database()))
  })
  after(() => app.close())

  it('has CORE-10 totals that improve, stay the same and get worse beyond the reliable-change threshold', async () => {
    const rows = await db.selectFrom('outcome_measurement').select(['allocation_id', 'total', 'measured_on']).where('instrument_key', '=', 'core-10').orderBy('allocation_id').orderBy('measured_on').execute()
    const series = new Map<string, number[]>()
    for (const row of rows) series.set(row.allocation_id, [...(series.get(row.allocation_id) ?? []), Number(row.total)])
    const changes = [...series.values()].filter((totals) => totals.length >= 3).map((totals) => totals.at(-1)! - totals[0]!)
    assert.ok(changes.some((change) => change <= -6), 'a case that improved')
    assert.ok(changes.some((change) => Math.abs(change) <= 2), 'a case with no change')
    assert.ok(changes.some((change) => change >= 6), 'a case that got worse')
    assert.ok([...series.values()].every((totals) => totals.length >= 3 && totals.length <= 5))
  })

  it('has overdue risk reviews, and cases under way with no risk plan', async () => {
    const latest = await db
      .selectFrom('risk_plan')
      .innerJoin('allocation', 'allocation.id', 'risk_plan.allocation_id')
      .select(['risk_plan.review_on'])
      .where('allocation.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('risk_plan as later').select('later.id').whereRef('later.allocation_id', '=', 'risk_plan.allocation_id').whereRef('later.version', '>', 'risk_plan.version'))))
      .execute()
    assert.ok(latest.some((plan) => plan.review_on < today), 'an overdue review')
    assert.ok(latest.some((plan) => plan.review_on >= today), 'a review still to come')
    const withoutPlan = await db.selectFrom('allocation').innerJoin('referral', 'referral.id', 'allocation.referral_id').select('allocation.id').where('allocation.status', '=', 'active').where('referral.status', '=', 'started').where((eb) => eb.not(eb.exists(eb.selectFrom('risk_plan').select('risk_plan.id').whereRef('risk_plan.allocation_id', '=', 'allocation.id')))).execute()
    assert.ok(withoutPlan.length > 0)
  })

  it('has notes of every type, health-only ones among them, and amendments that keep the original', async () => {
    const notes = await db.selectFrom('case_note').select(['id', 'note_type', 'health_only', 'amends_note_id', 'amendment_reason', 'text']).execute()
    assert.deepEqual([...new Set(notes.map((note) => note.note_type))].sort(), ['clinical_assessment', 'general', 'keywork', 'liaison', 'offender_manager_contact', 'risk', 'safeguarding', 'therapy_session'])
    assert.ok(notes.some((note) => note.health_only === true))
    assert.ok(notes.filter((note) => note.health_only).every((note) => ['therapy_session', 'clinical_assessment'].includes(note.note_type)))
    const amendment = notes.find((note) => note.amends_note_id !== null)
    assert.ok(amendment?.amendment_reason)
    const original = notes.find((note) => note.id === amendment.amends_note_id)
    assert.ok(original && original.amends_note_id === null && original.text !== amendment.text)
  })

  it('has group sessions with several people of the same element, and sessions with every outcome, still to record and to come', async () => {
    const groups = await db
      .selectFrom('contact')
      .innerJoin('contact_attendee', 'contact_attendee.contact_id', 'contact.id')
      .innerJoin('allocation', 'allocation.id', 'contact_attendee.allocation_id')
      .select(['contact.id', 'contact.service_element_id', 'allocation.service_element_id as attendee_element_id'])
      .where('contact.kind', '=', 'group_session')
      .execute()
    const attendees = new Map<string, number>()
    for (const row of groups) {
      assert.equal(row.attendee_element_id, row.service_element_id)
      attendees.set(row.id, (attendees.get(row.id) ?? 0) + 1)
    }
    assert.ok([...attendees.values()].some((count) => count >= 3))
    const outcomes = await db.selectFrom('contact_attendee').innerJoin('contact', 'contact.id', 'contact_attendee.contact_id').select(['contact_attendee.outcome', 'contact.occurs_at']).execute()
    const now = new Date().toISOString()
    for (const outcome of ['attended', 'did_not_attend', 'cancelled']) assert.ok(outcomes.some((row) => row.outcome === outcome), outcome)
    assert.ok(outcomes.some((row) => row.outcome === null && row.occurs_at < now), 'a past session without an outcome')
    assert.ok(outcomes.every((row) => row.occurs_at < now || row.outcome === null), 'no outcome for a session still to come')
    assert.ok(outcomes.some((row) => row.occurs_at > now))
  })

  it('co-authors formulations, tiers community cases, overdue plan actions, and hands over transferred places', async () => {
    const coAuthored = await db.selectFrom('case_formulation_author').select('formulation_id').groupBy('formulation_id').having((eb) => eb.fn.countAll(), '>', 1).execute()
    assert.ok(coAuthored.length > 0)
    const tiers = await db.selectFrom('case_tier').select(['tier']).distinct().execute()
    assert.ok(tiers.some((row) => row.tier === 'co_working'))
    const overdue = await db.selectFrom('plan_action').select('id').where('due_on', '<', today).where('status', 'not in', ['done', 'cancelled']).execute()
    assert.ok(overdue.length > 0)
    const transferred = await db.selectFrom('allocation').select(['id', 'closing_summary', 'transferred_to_team_id']).where('ended_reason', '=', 'transferred').execute()
    assert.ok(transferred.length > 0 && transferred.every((place) => place.closing_summary && place.transferred_to_team_id))
    const tasks = await db.selectFrom('case_task').select(['allocation_id', 'assigned_team_id']).where('kind', '=', 'handover').execute()
    assert.deepEqual(tasks.map((task) => `${task.allocation_id} ${task.assigned_team_id}`).sort(), transferred.map((place) => `${place.id} ${place.transferred_to_team_id}`).sort())
  })

  it('writes every record’s line in its case history', async () => {
    const kinds = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).distinct().where('allocation_id', 'is not', null).execute()
    const seen = new Set(kinds.map((row) => `${row.kind} ${row.data_category}`))
    for (const line of ['formulation.version_added formulation', 'plan.created plan', 'contact.recorded contact', 'case_note.added case_note', 'case_note.added clinical_note', 'case_note.amended case_note', 'risk_plan.version_added risk', 'outcome.measured outcome_measure', 'case.tier_started plan', 'case.transferred referral']) {
      assert.ok(seen.has(line), line)
    }
  })

  it('gives the demo clinician reminders, and the demo probation officer hand-overs and cases they co-work', async () => {
    const clinician = await signIn(app, { email: account('clinician').email, password: demoPassword })
    const clinicianTasks = await app.inject({ method: 'GET', url: caseworkPaths.api.tasks(), headers: { cookie: clinician.cookie } })
    const reminders = (clinicianTasks.json() as { reminders: Array<{ kind: string; overdue: boolean }> }).reminders
    assert.ok(reminders.some((reminder) => reminder.overdue), 'something overdue')
    assert.ok(reminders.some((reminder) => reminder.kind === 'contact_upcoming'), 'sessions to come')

    const officer = await signIn(app, { email: account('probation_officer').email, password: demoPassword })
    const officerTasks = (await app.inject({ method: 'GET', url: caseworkPaths.api.tasks(), headers: { cookie: officer.cookie } })).json() as { tasks: Array<{ kind: string; person: { name: string | null } }> }
    assert.ok(officerTasks.tasks.some((task) => task.kind === 'handover' && task.person.name !== null), 'a hand-over to the officer’s team, naming the person')
    const user = await db.selectFrom('staff_user').select('id').where('email', '=', account('probation_officer').email).executeTakeFirstOrThrow()
    const coWorked = await db.selectFrom('case_formulation_author').innerJoin('case_formulation', 'case_formulation.id', 'case_formulation_author.formulation_id').select('case_formulation.allocation_id').where('case_formulation_author.user_id', '=', user.id).executeTakeFirstOrThrow()
    const overview = await app.inject({ method: 'GET', url: caseworkPaths.overview({ allocationId: coWorked.allocation_id }), headers: { cookie: officer.cookie } })
    assert.equal(overview.statusCode, 200, 'the officer opens a case they co-authored the formulation of')
  })

  it('makes CORE-10 series of the shape asked for', () => {
    const random = createRandom(1)
    for (let run = 0; run < 50; run += 1) {
      const improving = core10Totals(random, 'improvement', 3)
      assert.ok(improving.at(-1)! - improving[0]! <= -8 && improving.every((total) => total >= 0 && total <= 40))
      const steady = core10Totals(random, 'no_change', 5)
      assert.ok(steady.every((total) => Math.abs(total - steady[0]!) <= 2))
      const worsening = core10Totals(random, 'deterioration', 3)
      assert.ok(worsening.at(-1)! - worsening[0]! >= 8 && worsening.every((total) => total <= 40))
    }
  })

  it('seeds the same case work from the same seed', async () => {
    const again = await createTestDatabase(dialect)
    try {
      await seedDemo(again.handle, { demoPassword, seed })
      assert.deepEqual(await caseworkSummary(again.handle.db), await caseworkSummary(db))
    } finally {
      await again.drop()
    }
  })
})
