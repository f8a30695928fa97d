import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import { inTransaction, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { allocationsPaths, waitingListPosition } from './index.ts'

/*
 * Waiting lists, places and caseloads through the pages, on both dialects: a trust's PIPE
 * service with a clinical team and a prison keyworkers' team, referrals from probation, and
 * a stranger from another organisation who must find nothing.
 */

const day = 86_400_000
const daysAgo = (days: number) => new Date(Date.now() - days * day).toISOString()

describeEachDialect('waiting lists, places and caseloads', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: OrganisationWithTeam
  let prison: OrganisationWithTeam
  let probation: OrganisationWithTeam
  let serviceId: string
  const elements = { engagement: '', treatment: '', outreach: '' }
  const users = { manager: '', clinician: '', secondClinician: '', keyworker: '', referrer: '' }
  let manager: BrowserSession
  let clinician: BrowserSession
  let secondClinician: BrowserSession
  let keyworker: BrowserSession
  let stranger: BrowserSession
  let elsewhere: OrganisationWithTeam

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Teacup Valley NHS Trust', 'nhs_trust')
    prison = await organisationWithTeam(db, 'HMP Puddleby', 'prison')
    probation = await organisationWithTeam(db, 'Marmalade Probation Delivery Unit', 'probation_delivery_unit')
    elsewhere = await organisationWithTeam(db, 'Quillfeather Housing Trust', 'charity')
    serviceId = newId()
    await db.insertInto('service').values({ id: serviceId, organisation_id: trust.organisationId, slug: `pipe-${serviceId.slice(-6)}`, name: 'Teacup PIPE', summary: 'A test service', is_public: true }).execute()
    Object.assign(elements, { engagement: newId(), treatment: newId(), outreach: newId() })
    await db
      .insertInto('service_element')
      .values([
        { id: elements.engagement, service_id: serviceId, name: 'Engagement', capacity: 3, position: 1 },
        { id: elements.treatment, service_id: serviceId, name: 'Treatment', capacity: 1, position: 2 },
        { id: elements.outreach, service_id: serviceId, name: 'Outreach', capacity: null, position: 3 },
      ])
      .execute()
    // Both teams deliver the service: the trust's clinicians and the prison's keyworkers.
    await db.updateTable('team').set({ service_id: serviceId }).where('id', 'in', [trust.teamId, prison.teamId]).execute()
    const make = async (organisation: OrganisationWithTeam, roles: string[]) => createUser(db, { organisationId: organisation.organisationId, roles, teamIds: [organisation.teamId], isDemo: true })
    const managerUser = await make(trust, ['service_manager'])
    const clinicianUser = await make(trust, ['clinician'])
    const secondClinicianUser = await make(trust, ['clinician'])
    const keyworkerUser = await make(prison, ['prison_keyworker'])
    const referrerUser = await make(probation, ['probation_officer'])
    const strangerUser = await make(elsewhere, ['service_manager', 'clinician'])
    Object.assign(users, { manager: managerUser.id, clinician: clinicianUser.id, secondClinician: secondClinicianUser.id, keyworker: keyworkerUser.id, referrer: referrerUser.id })
    manager = await signIn(app, managerUser)
    clinician = await signIn(app, clinicianUser)
    secondClinician = await signIn(app, secondClinicianUser)
    keyworker = await signIn(app, keyworkerUser)
    stranger = await signIn(app, strangerUser)
  })
  after(() => app.close())

  interface ReferralOptions {
    status?: string
    priority?: number
    referredDaysAgo?: number
    elementId?: string | null
    urgency?: string
    givenName?: string
  }

  /** A referral from probation to the service, as submission leaves it: the service's teams have an open involvement with the person. */
  async function referral(options: ReferralOptions = {}): Promise<{ referralId: string; personId: string }> {
    const personId = await createPerson(db, { givenName: options.givenName ?? 'Juniper', familyName: `Teacup-${newId().slice(-6)}` })
    const referralId = newId()
    await db
      .insertInto('referral')
      .values({
        id: referralId,
        person_id: personId,
        service_id: serviceId,
        service_element_id: options.elementId === undefined ? elements.engagement : options.elementId,
        status: options.status ?? 'waiting',
        urgency: options.urgency ?? 'routine',
        priority: options.priority ?? 2,
        referrer_user_id: users.referrer,
        referrer_organisation_id: probation.organisationId,
        referrer_team_id: probation.teamId,
        referrer_role: 'offender_manager',
        referred_at: daysAgo(options.referredDaysAgo ?? 10),
        updated_at: new Date().toISOString(),
      })
      .execute()
    await db
      .insertInto('involvement')
      .values([trust.teamId, prison.teamId].map((teamId) => ({ id: newId(), person_id: personId, team_id: teamId, status: 'open' as const, started_on: '2026-01-05', referral_id: referralId })))
      .execute()
    return { referralId, personId }
  }

  /** An active place, inserted as an allocation leaves it. */
  async function place(elementId: string, options: { keyworkerId?: string | null; leadClinicianId?: string | null; referralStatus?: string } = {}) {
    const { referralId, personId } = await referral({ status: options.referralStatus ?? 'allocated', elementId })
    const allocationId = newId()
    await db
      .insertInto('allocation')
      .values({ id: allocationId, referral_id: referralId, person_id: personId, service_element_id: elementId, keyworker_user_id: options.keyworkerId ?? null, lead_clinician_user_id: options.leadClinicianId ?? null, status: 'active', started_at: daysAgo(5), allocated_by: users.manager })
      .execute()
    return { referralId, personId, allocationId }
  }

  /** Clears places and referrals between tests that count them. */
  async function emptyService() {
    // Timeline events name their case (allocation), so they go first.
    await db.deleteFrom('person_timeline_event').execute()
    await db.deleteFrom('allocation').execute()
    await db.deleteFrom('notification').execute()
    await db.deleteFrom('outbox_message').execute()
    await db.deleteFrom('referral_transition').execute()
    await db.deleteFrom('involvement').where('referral_id', 'is not', null).execute()
    await db.deleteFrom('referral').execute()
  }

  const get = (session: BrowserSession, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const allocateForm = (session: BrowserSession, referralId: string, fields: Record<string, string>) => {
    const [year, month, dayOfMonth] = new Date().toISOString().slice(0, 10).split('-')
    return postForm(app, session, allocationsPaths.allocate({ referralId }), { 'startsOn-day': String(Number(dayOfMonth)), 'startsOn-month': String(Number(month)), 'startsOn-year': year!, ...fields })
  }
  const activeIn = async (elementId: string) =>
    Number((await db.selectFrom('allocation').select((eb) => eb.fn.countAll<number>().as('count')).where('service_element_id', '=', elementId).where('status', '=', 'active').executeTakeFirstOrThrow()).count)
  const statusOf = async (referralId: string) => (await db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status
  const history = async (referralId: string) =>
    (await db.selectFrom('referral_transition').select(['from_status', 'to_status']).where('referral_id', '=', referralId).orderBy('occurred_at').orderBy('id').execute()).map((row) => `${row.from_status}→${row.to_status}`)
  /** The person names in the waiting-list table, top to bottom. */
  const namesInTable = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/people\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1])

  describe('the waiting list', () => {
    before(emptyService)

    it('orders each element’s list by priority, then the date referred, and shows position, wait and urgency', async () => {
      await referral({ givenName: 'Routine-old', priority: 2, referredDaysAgo: 40 })
      await referral({ givenName: 'Urgent-new', priority: 1, referredDaysAgo: 3, urgency: 'urgent' })
      await referral({ givenName: 'Routine-new', priority: 2, referredDaysAgo: 5 })
      await referral({ givenName: 'Treatment-only', priority: 2, referredDaysAgo: 1, elementId: elements.treatment })
      await referral({ givenName: 'Not-waiting', status: 'accepted' })

      const response = await get(manager, allocationsPaths.waitingList({ serviceId }))
      assert.equal(response.statusCode, 200)
      const order = namesInTable(response.body).map((name) => name?.split(' ')[0])
      assert.deepEqual(order, ['Urgent-new', 'Routine-old', 'Routine-new', 'Treatment-only'])
      assert.match(response.body, />1 of 3</)
      assert.match(response.body, />3 of 3</)
      assert.match(response.body, />1 of 1</)
      assert.match(response.body, />5 weeks</, 'forty days is five whole weeks')
      assert.match(response.body, />3 days</)
      const audit = await db.selectFrom('audit_event').select(['action', 'outcome', 'record_id']).orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow()
      assert.deepEqual(audit, { action: 'allocation.waiting-list.view', outcome: 'allowed', record_id: serviceId })
    })

    it('keeps positions when filtering by urgency or element, and sorts by waiting time on request', async () => {
      const urgent = await get(manager, `${allocationsPaths.waitingList({ serviceId })}?urgency=urgent`)
      assert.deepEqual(namesInTable(urgent.body).map((name) => name?.split(' ')[0]), ['Urgent-new'])
      const treatment = await get(manager, `${allocationsPaths.waitingList({ serviceId })}?element=${elements.treatment}`)
      assert.deepEqual(namesInTable(treatment.body).map((name) => name?.split(' ')[0]), ['Treatment-only'])
      const longest = await get(manager, `${allocationsPaths.waitingList({ serviceId })}?sort=waiting`)
      assert.deepEqual(namesInTable(longest.body).map((name) => name?.split(' ')[0]), ['Routine-old', 'Routine-new', 'Urgent-new', 'Treatment-only'])
    })

    it('tells the referral’s own page its position, of how many, and the days waited; nothing for a referral not waiting', async () => {
      const { referralId } = await referral({ givenName: 'Latecomer', priority: 2, referredDaysAgo: 20 })
      const accepted = await referral({ status: 'accepted' })
      await inTransaction(db, async (tx) => {
        assert.deepEqual(await waitingListPosition(tx, referralId), { position: 3, of: 4, waitingSinceDays: 20 })
        assert.equal(await waitingListPosition(tx, accepted.referralId), undefined)
      })
    })

    it('pages the list on the server, 25 at a time', async () => {
      for (let index = 0; index < 24; index += 1) await referral({ givenName: `Bulk${index}`, priority: 3, elementId: elements.outreach, referredDaysAgo: 60 - index })
      const first = await get(manager, `${allocationsPaths.waitingList({ serviceId })}?element=${elements.outreach}`)
      assert.equal(namesInTable(first.body).length, 24)
      const all = await get(manager, allocationsPaths.waitingList({ serviceId }))
      assert.equal(namesInTable(all.body).length, 25)
      assert.match(all.body, /Showing 1 to 25 of 29/)
      const second = await get(manager, `${allocationsPaths.waitingList({ serviceId })}?page=2`)
      assert.equal(namesInTable(second.body).length, 4)
      assert.match(second.body, /Showing 26 to 29 of 29/)
    })
  })

  describe('allocating a place', () => {
    before(emptyService)

    it('allocates a waiting referral: the place, the referral’s move, a notice to each worker and the audit row last', async () => {
      const { referralId, personId } = await referral()
      const response = await allocateForm(manager, referralId, { element: elements.engagement, keyworker: users.keyworker, leadClinician: users.clinician })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, allocationsPaths.teamCaseload({ teamId: trust.teamId }))
      const allocation = await db.selectFrom('allocation').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.deepEqual([allocation.status, allocation.service_element_id, allocation.keyworker_user_id, allocation.lead_clinician_user_id, allocation.person_id, allocation.over_capacity_reason], ['active', elements.engagement, users.keyworker, users.clinician, personId, null])
      assert.equal(await statusOf(referralId), 'allocated')
      assert.deepEqual(await history(referralId), ['waiting→allocated'])
      const notices = await db.selectFrom('notification').select(['user_id', 'kind']).where('referral_id', '=', referralId).where('kind', '=', 'allocation.created').orderBy('user_id').execute()
      assert.deepEqual(notices.map((notice) => notice.user_id).sort(), [users.clinician, users.keyworker].sort())
      const outbox = await db.selectFrom('outbox_message').select('recipient_user_id').where('template', '=', 'allocation.created').execute()
      assert.equal(outbox.length, 2)
      const last = await db.selectFrom('audit_event').select(['action', 'outcome', 'person_id', 'record_id']).orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow()
      assert.deepEqual(last, { action: 'allocation.create', outcome: 'allowed', person_id: personId, record_id: allocation.id })
    })

    it('takes an accepted referral through the waiting list in the same step, as the status machine has it', async () => {
      const { referralId } = await referral({ status: 'accepted' })
      const response = await allocateForm(clinician, referralId, { element: elements.outreach, leadClinician: users.clinician })
      assert.equal(response.statusCode, 303)
      assert.deepEqual(await history(referralId), ['accepted→waiting', 'waiting→allocated'])
    })

    it('puts an accepted referral on the waiting list when there is no place to offer', async () => {
      const { referralId } = await referral({ status: 'accepted', elementId: elements.treatment })
      const response = await postForm(app, manager, allocationsPaths.addToWaitingList({ referralId }))
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, `${allocationsPaths.waitingList({ serviceId })}?element=${elements.treatment}`)
      assert.equal(await statusOf(referralId), 'waiting')
    })

    it('shows every problem with the form and keeps what was typed', async () => {
      const { referralId } = await referral()
      const response = await postForm(app, manager, allocationsPaths.allocate({ referralId }), { element: elements.engagement, 'startsOn-day': '31', 'startsOn-month': '2', 'startsOn-year': '2026' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Name a keyworker, a lead clinician or both/)
      assert.match(response.body, /The start date must be a real date/)
      assert.match(response.body, /name="startsOn-day" type="text" value="31"/)
      assert.equal(await statusOf(referralId), 'waiting')
    })

    it('refuses the place after the last with a clear message, and changes nothing', async () => {
      await place(elements.treatment, { leadClinicianId: users.clinician })
      const { referralId } = await referral({ elementId: elements.treatment })
      const response = await allocateForm(clinician, referralId, { element: elements.treatment, leadClinician: users.clinician, overCapacityReason: 'They cannot wait' })
      assert.equal(response.statusCode, 409)
      assert.match(response.body, /There are no free places in Treatment\. Add the person to the waiting list, or choose another element\./)
      assert.equal(await activeIn(elements.treatment), 1)
      assert.equal(await statusOf(referralId), 'waiting')
      assert.deepEqual(await history(referralId), [])
      const audit = await db.selectFrom('audit_event').select(['action', 'outcome', 'details']).orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow()
      assert.deepEqual([audit.action, audit.outcome, (audit.details as { problem: string }).problem], ['allocation.create', 'failed', 'full'])
    })

    it('goes over capacity only for a user with the override, and only with a reason, which is kept', async () => {
      const { referralId } = await referral({ elementId: elements.treatment })
      const noReason = await allocateForm(manager, referralId, { element: elements.treatment, keyworker: users.keyworker })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /There are no free places in Treatment\. To allocate over capacity, give a reason\./)
      assert.equal(await statusOf(referralId), 'waiting')
      const withReason = await allocateForm(manager, referralId, { element: elements.treatment, keyworker: users.keyworker, overCapacityReason: 'Released tomorrow with nowhere safe to go' })
      assert.equal(withReason.statusCode, 303)
      assert.equal(await activeIn(elements.treatment), 2)
      const allocation = await db.selectFrom('allocation').select('over_capacity_reason').where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(allocation.over_capacity_reason, 'Released tomorrow with nowhere safe to go')
    })

    it('refuses a keyworker who does not work for the service', async () => {
      const { referralId } = await referral()
      const response = await allocateForm(manager, referralId, { element: elements.engagement, keyworker: users.referrer })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Select a keyworker from the list/)
      assert.equal(await statusOf(referralId), 'waiting')
    })

    it('gives the last place to exactly one of two people allocating it at the same moment', async () => {
      const lastPlace = newId()
      await db.insertInto('service_element').values({ id: lastPlace, service_id: serviceId, name: 'Last place', capacity: 1, position: 9 }).execute()
      const first = await referral({ elementId: lastPlace })
      const second = await referral({ elementId: lastPlace })
      const responses = await Promise.all([
        allocateForm(clinician, first.referralId, { element: lastPlace, leadClinician: users.clinician }),
        allocateForm(secondClinician, second.referralId, { element: lastPlace, leadClinician: users.secondClinician }),
      ])
      const statuses = responses.map((response) => response.statusCode).sort()
      assert.deepEqual(statuses, [303, 409])
      assert.match(responses.find((response) => response.statusCode === 409)!.body, /There are no free places in Last place\./)
      assert.equal(await activeIn(lastPlace), 1)
      assert.deepEqual([await statusOf(first.referralId), await statusOf(second.referralId)].sort(), ['allocated', 'waiting'])
    })
  })

  describe('places taken at the same moment', () => {
    before(emptyService)

    it('never lets many allocations at once take more places than the element has', async () => {
      const element = newId()
      await db.insertInto('service_element').values({ id: element, service_id: serviceId, name: 'Crowded', capacity: 2, position: 10 }).execute()
      const waiting = await Promise.all(Array.from({ length: 8 }, () => referral({ elementId: element })))
      const sessions = [clinician, secondClinician]
      const responses = await Promise.all(waiting.map(({ referralId }, index) => allocateForm(sessions[index % 2]!, referralId, { element, leadClinician: index % 2 === 0 ? users.clinician : users.secondClinician })))
      assert.deepEqual(responses.map((response) => response.statusCode).sort(), [303, 303, 409, 409, 409, 409, 409, 409])
      assert.equal(await activeIn(element), 2)
    })
  })

  describe('moving and ending a place', () => {
    before(emptyService)

    it('moves a person from Engagement to Treatment: the old place ends as moved and frees, the new one starts, history kept', async () => {
      const { allocationId, referralId, personId } = await place(elements.engagement, { keyworkerId: users.keyworker })
      assert.equal(await activeIn(elements.engagement), 1)
      const response = await postForm(app, manager, allocationsPaths.move({ allocationId }), { element: elements.treatment })
      assert.equal(response.statusCode, 303)
      assert.equal(await activeIn(elements.engagement), 0)
      assert.equal(await activeIn(elements.treatment), 1)
      const places = await db.selectFrom('allocation').select(['service_element_id', 'status', 'ended_reason', 'keyworker_user_id']).where('referral_id', '=', referralId).orderBy('started_at').execute()
      assert.deepEqual(places, [
        { service_element_id: elements.engagement, status: 'ended', ended_reason: 'moved', keyworker_user_id: users.keyworker },
        { service_element_id: elements.treatment, status: 'active', ended_reason: null, keyworker_user_id: users.keyworker },
      ])
      const timeline = await db.selectFrom('person_timeline_event').select('kind').where('person_id', '=', personId).execute()
      assert.deepEqual(timeline, [{ kind: 'allocation.moved' }])
      assert.equal((await postForm(app, manager, allocationsPaths.move({ allocationId }), { element: elements.outreach })).statusCode, 409, 'an ended place cannot move again')
    })

    it('refuses a move into a full element as an allocation would', async () => {
      const { allocationId } = await place(elements.engagement)
      const response = await postForm(app, clinician, allocationsPaths.move({ allocationId }), { element: elements.treatment })
      assert.equal(response.statusCode, 409)
      assert.match(response.body, /There are no free places in Treatment\./)
      assert.equal(await activeIn(elements.engagement), 1)
    })

    it('ends the place only with a closing summary, kept on the place', async () => {
      const { allocationId, referralId } = await place(elements.outreach, { referralStatus: 'started' })
      const noSummary = await postForm(app, manager, allocationsPaths.end({ allocationId }), { outcome: 'completed' })
      assert.equal(noSummary.statusCode, 400)
      assert.match(noSummary.body, /href="#closingSummary">Enter a closing summary/)
      assert.equal(await statusOf(referralId), 'started')
      const ended = await postForm(app, manager, allocationsPaths.end({ allocationId }), { outcome: 'completed', closingSummary: 'Completed the programme.' })
      assert.equal(ended.statusCode, 303)
      const stored = await db.selectFrom('allocation').select(['status', 'closing_summary']).where('id', '=', allocationId).executeTakeFirstOrThrow()
      assert.deepEqual(stored, { status: 'ended', closing_summary: 'Completed the programme.' })
    })

    it('ends the place as the work completes, or early with a reason the status machine asks for', async () => {
      const started = await place(elements.outreach, { referralStatus: 'started' })
      const completed = await postForm(app, manager, allocationsPaths.end({ allocationId: started.allocationId }), { outcome: 'completed', closingSummary: 'Work completed.' })
      assert.equal(completed.statusCode, 303)
      assert.equal(await statusOf(started.referralId), 'completed')
      const ended = await db.selectFrom('allocation').select(['status', 'ended_reason']).where('id', '=', started.allocationId).executeTakeFirstOrThrow()
      assert.deepEqual(ended, { status: 'ended', ended_reason: 'completed' })

      const early = await place(elements.outreach)
      const noReason = await postForm(app, manager, allocationsPaths.end({ allocationId: early.allocationId }), { outcome: 'ended_early', closingSummary: 'Released early.' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Select a reason/)
      assert.equal(await statusOf(early.referralId), 'allocated')
      const withReason = await postForm(app, manager, allocationsPaths.end({ allocationId: early.allocationId }), { outcome: 'ended_early', ended_earlyReason: 'released', closingSummary: 'Released early.' })
      assert.equal(withReason.statusCode, 303)
      assert.equal(await statusOf(early.referralId), 'ended_early')
      const transition = await db.selectFrom('referral_transition').select(['to_status', 'reason']).where('referral_id', '=', early.referralId).executeTakeFirstOrThrow()
      assert.deepEqual(transition, { to_status: 'ended_early', reason: 'released' })
    })
  })

  describe('caseloads', () => {
    before(async () => {
      await emptyService()
      await place(elements.engagement, { keyworkerId: users.keyworker, leadClinicianId: users.clinician })
      await place(elements.engagement, { keyworkerId: users.keyworker })
      await place(elements.treatment, { leadClinicianId: users.clinician })
      const moved = await place(elements.outreach, { keyworkerId: users.keyworker })
      await db.updateTable('allocation').set({ status: 'ended', ended_at: new Date().toISOString(), ended_reason: 'completed' }).where('id', '=', moved.allocationId).execute()
    })

    it('shows a worker their own active places, with the places of each element', async () => {
      const response = await get(keyworker, allocationsPaths.caseload())
      assert.equal(response.statusCode, 200)
      // The caseload table is the page's last; the risk reviews due come before it and link to cases too.
      const caseloadTable = response.body.slice(response.body.lastIndexOf('<table'))
      assert.equal((caseloadTable.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">\s*<a class="govuk-link" href="\/cases\//g) ?? []).length, 2)
      assert.match(response.body, /1 of 3 free/, 'Engagement: two of three places taken')
      const ended = await get(keyworker, `${allocationsPaths.caseload()}?status=ended`)
      assert.match(ended.body, /Ended \d/)
    })

    it('counts a team’s places per worker and per element', async () => {
      const response = await get(manager, allocationsPaths.teamCaseload({ teamId: trust.teamId }))
      assert.equal(response.statusCode, 200)
      const counts = [...response.body.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>/g)]
      const byWorker = Object.fromEntries(counts.map((match) => [match[1], [Number(match[2]), Number(match[3])]]))
      const clinicianName = (await db.selectFrom('staff_user').select('display_name').where('id', '=', users.clinician).executeTakeFirstOrThrow()).display_name
      assert.deepEqual(byWorker[clinicianName], [0, 2])
      assert.match(response.body, /None free \(capacity 1\)/)
      const keyworkerOnly = await get(manager, `${allocationsPaths.teamCaseload({ teamId: trust.teamId })}?worker=${users.keyworker}`)
      assert.match(keyworkerOnly.body, /Showing 1 to 2 of 2/)
      const byPerson = await get(manager, `${allocationsPaths.teamCaseload({ teamId: trust.teamId })}?sort=person&order=asc`)
      assert.match(byPerson.body, /aria-sort="ascending"><a class="govuk-link app-sort-link" href="[^"]*sort=person&amp;order=desc/)
    })

    it('answers a team caseload only to the team’s members', async () => {
      assert.equal((await get(keyworker, allocationsPaths.teamCaseload({ teamId: trust.teamId }))).statusCode, 404)
    })
  })

  describe('the JSON API', () => {
    let token: string
    let keyworkerToken: string
    const api = (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })

    before(async () => {
      await emptyService()
      const expiresAt = new Date(Date.now() + 3_600_000)
      token = (await issueApiToken(db, { userId: users.clinician, name: 'Case system', expiresAt })).token
      keyworkerToken = (await issueApiToken(db, { userId: users.keyworker, name: 'Keyworker app', expiresAt })).token
    })

    it('lists the waiting list with each entry’s position, wait and urgency', async () => {
      const { referralId, personId } = await referral({ priority: 1, urgency: 'urgent', referredDaysAgo: 9 })
      await referral({ priority: 2, referredDaysAgo: 30 })
      const response = await api('GET', `${allocationsPaths.api.waitingList({ serviceId })}?element=${elements.engagement}`)
      assert.equal(response.statusCode, 200)
      const body = response.json() as { service: { name: string }; entries: Array<Record<string, unknown>>; total: number }
      assert.equal(body.service.name, 'Teacup PIPE')
      assert.equal(body.total, 2)
      assert.deepEqual({ ...body.entries[0], person: (body.entries[0]?.person as { id: string }).id, referredAt: undefined }, { referralId, position: 1, of: 2, elementId: elements.engagement, person: personId, referredAt: undefined, waitingDays: 9, urgency: 'urgent', priority: 1 })
    })

    it('allocates with 201, refuses a full element with 409 no_free_places, and a bad body with 422 on its field', async () => {
      const { referralId } = await referral({ elementId: elements.treatment })
      const created = await api('POST', allocationsPaths.api.allocations({ referralId }), { elementId: elements.treatment, leadClinicianId: users.clinician })
      assert.equal(created.statusCode, 201)
      const allocation = created.json() as { id: string; elementName: string; status: string; overCapacity: boolean; startedAt: string }
      assert.deepEqual([allocation.elementName, allocation.status, allocation.overCapacity, allocation.startedAt.slice(0, 10)], ['Treatment', 'active', false, new Date().toISOString().slice(0, 10)])

      const next = await referral({ elementId: elements.treatment })
      const full = await api('POST', allocationsPaths.api.allocations({ referralId: next.referralId }), { elementId: elements.treatment, leadClinicianId: users.clinician, overCapacityReason: 'Please' })
      assert.equal(full.statusCode, 409)
      assert.deepEqual(full.json(), { error: 'no_free_places', message: 'There are no free places in Treatment. Add the person to the waiting list, or choose another element.', elementId: elements.treatment })
      const noWorker = await api('POST', allocationsPaths.api.allocations({ referralId: next.referralId }), { elementId: elements.engagement, colour: 'blue' })
      assert.equal(noWorker.statusCode, 422)
      assert.deepEqual((noWorker.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field).sort(), ['colour', 'keyworkerId'])
      assert.equal(await statusOf(next.referralId), 'waiting')

      const moved = await api('POST', allocationsPaths.api.move({ allocationId: allocation.id }), { elementId: elements.engagement })
      assert.equal(moved.statusCode, 201)
      assert.equal((moved.json() as { elementId: string }).elementId, elements.engagement)
      assert.equal(await activeIn(elements.treatment), 0)
    })

    it('gives a worker their own caseload with places per element', async () => {
      await place(elements.engagement, { keyworkerId: users.keyworker })
      const response = await api('GET', allocationsPaths.api.caseload(), undefined, keyworkerToken)
      assert.equal(response.statusCode, 200)
      const body = response.json() as { allocations: Array<{ role: string; elementName: string; person: unknown }>; elements: Array<{ name: string; capacity: number; taken: number; free: number; inCaseload: number }>; total: number }
      assert.equal(body.total, 1)
      assert.deepEqual([body.allocations[0]?.role, body.allocations[0]?.elementName], ['keyworker', 'Engagement'])
      assert.deepEqual(body.elements.map(({ name, capacity, taken, free, inCaseload }) => ({ name, capacity, taken, free, inCaseload })), [{ name: 'Engagement', capacity: 3, taken: 2, free: 1, inCaseload: 1 }])
    })
  })

  describe('another organisation', () => {
    let waiting: { referralId: string; personId: string }
    let held: { allocationId: string; referralId: string }

    before(async () => {
      await emptyService()
      waiting = await referral({ givenName: 'Confidential' })
      held = await place(elements.engagement, { keyworkerId: users.keyworker })
    })

    it('finds nothing: every waiting-list, allocation and caseload route answers 404 and changes nothing', async () => {
      const pages = [
        allocationsPaths.waitingList({ serviceId }),
        allocationsPaths.allocate({ referralId: waiting.referralId }),
        allocationsPaths.move({ allocationId: held.allocationId }),
        allocationsPaths.end({ allocationId: held.allocationId }),
        allocationsPaths.teamCaseload({ teamId: trust.teamId }),
        allocationsPaths.api.waitingList({ serviceId }),
      ]
      for (const url of pages) {
        const response = await get(stranger, url)
        assert.equal(response.statusCode, 404, url)
        assert.doesNotMatch(response.body, /Confidential|Teacup PIPE/, url)
      }
      const posts: Array<[string, Record<string, string>]> = [
        [allocationsPaths.allocate({ referralId: waiting.referralId }), { element: elements.engagement, leadClinician: users.clinician, 'startsOn-day': '1', 'startsOn-month': '1', 'startsOn-year': '2026' }],
        [allocationsPaths.addToWaitingList({ referralId: waiting.referralId }), {}],
        [allocationsPaths.move({ allocationId: held.allocationId }), { element: elements.treatment }],
        [allocationsPaths.end({ allocationId: held.allocationId }), { outcome: 'ended_early', ended_earlyReason: 'released', closingSummary: 'Released early.' }],
      ]
      for (const [url, fields] of posts) assert.equal((await postForm(app, stranger, url, fields)).statusCode, 404, url)
      const api = await app.inject({ method: 'POST', url: allocationsPaths.api.allocations({ referralId: waiting.referralId }), headers: { cookie: stranger.cookie, 'x-csrf-token': stranger.csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ elementId: elements.engagement, leadClinicianId: users.clinician }) })
      assert.equal(api.statusCode, 404)
      const moveApi = await app.inject({ method: 'POST', url: allocationsPaths.api.move({ allocationId: held.allocationId }), headers: { cookie: stranger.cookie, 'x-csrf-token': stranger.csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ elementId: elements.treatment }) })
      assert.equal(moveApi.statusCode, 404)
      const ownCaseload = await get(stranger, allocationsPaths.api.caseload())
      assert.deepEqual((ownCaseload.json() as { allocations: unknown[] }).allocations, [])

      assert.equal(await statusOf(waiting.referralId), 'waiting')
      const places = await db.selectFrom('allocation').select(['status', 'service_element_id']).execute()
      assert.deepEqual(places, [{ status: 'active', service_element_id: elements.engagement }])
      const denied = await db.selectFrom('audit_event').select('action').where('outcome', '=', 'denied').where('organisation_id', '=', elsewhere.organisationId).execute()
      assert.ok(denied.length >= pages.length + posts.length, `each refusal is on record (${denied.length})`)
    })
  })
})
