import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { contactsPaths, contactsWithoutOutcome, upcomingContacts } from './index.ts'
import { anotherPlace, instantIn, whenFields, type Place } from './test-fixtures.ts'

/*
 * A case's contacts on both dialects: recording one-to-one contacts (attended, not attended,
 * cancelled), the GOV.UK error pattern keeping what was typed, the outcome of a planned
 * contact, the tier a consultation needs, one case never showing another's contacts, a
 * stranger finding nothing, and the contacts due for the tasks page.
 */

describeEachDialect('contacts of a case', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
  })
  after(() => app.close())

  const get = (url: string, session: Pick<BrowserSession, 'cookie'>) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const list = () => contactsPaths.list({ allocationId: world.allocationId })
  const record = () => contactsPaths.record({ allocationId: world.allocationId })
  const contactCount = async () => Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count)

  /** A contact of the case put straight in the database, still planned. */
  async function plannedContact(occursAt: string, allocationId = world.allocationId, personId = world.personId): Promise<string> {
    const id = newId()
    await db.insertInto('contact').values({ id, kind: 'keywork', service_element_id: world.elementId, title: null, occurs_at: occursAt, duration_minutes: 45, location: 'Wing office', follow_up: null, recorded_by: world.users.clinician.id }).execute()
    await db.insertInto('contact_attendee').values({ id: newId(), contact_id: id, allocation_id: allocationId, person_id: personId, outcome: null, cancelled_by: null, outcome_reason: null }).execute()
    return id
  }

  describe('recording a one-to-one contact', () => {
    it('records a therapy session that happened, in the case and its history, and lists it', async () => {
      const occursAt = instantIn(-2)
      const response = await postForm(app, world.sessions.clinician, record(), { kind: 'one_to_one_therapy', ...whenFields(occursAt), duration: '50', location: 'Therapy room 2', followUp: 'Book the next session', outcome: 'attended' })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, list())
      const stored = await db.selectFrom('contact').innerJoin('contact_attendee', 'contact_attendee.contact_id', 'contact.id').selectAll().where('contact.location', '=', 'Therapy room 2').executeTakeFirstOrThrow()
      assert.equal(stored.kind, 'one_to_one_therapy')
      assert.equal(stored.service_element_id, world.elementId)
      assert.equal(Number(stored.duration_minutes), 50)
      assert.equal(stored.occurs_at.slice(0, 16), occursAt.slice(0, 16))
      assert.equal(stored.outcome, 'attended')
      assert.equal(stored.allocation_id, world.allocationId)
      const event = await db.selectFrom('person_timeline_event').select(['kind', 'data_category', 'record_id']).where('allocation_id', '=', world.allocationId).where('kind', '=', 'contact.recorded').executeTakeFirstOrThrow()
      assert.deepEqual(event, { kind: 'contact.recorded', data_category: 'contact', record_id: stored.contact_id })
      const audit = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'contact.create').where('record_id', '=', stored.contact_id).executeTakeFirstOrThrow()
      assert.deepEqual(audit, { outcome: 'allowed', person_id: world.personId })

      const page = await get(list(), world.sessions.clinician)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /One-to-one therapy session/)
      assert.match(page.body, /Therapy room 2/)
      assert.match(page.body, /Book the next session/)
      assert.match(page.body, /50 min/)
      assert.match(page.body, /Attended/)
    })

    it('records a keywork session the person did not attend, with the reason', async () => {
      const response = await postForm(app, world.sessions.clinician, record(), { kind: 'keywork', ...whenFields(instantIn(-1)), duration: '30', location: 'DNA room', outcome: 'did_not_attend', didNotAttendReason: 'unwell', cancellationReason: 'room_unavailable' })
      assert.equal(response.statusCode, 303)
      const stored = await db.selectFrom('contact').innerJoin('contact_attendee', 'contact_attendee.contact_id', 'contact.id').select(['outcome', 'outcome_reason', 'cancelled_by']).where('contact.location', '=', 'DNA room').executeTakeFirstOrThrow()
      // Only the reason beside the chosen outcome counts.
      assert.deepEqual(stored, { outcome: 'did_not_attend', outcome_reason: 'unwell', cancelled_by: null })
      assert.match((await get(list(), world.sessions.clinician)).body, /Did not attend – Unwell/)
    })

    it('records a cancelled family visit with who cancelled it and why', async () => {
      const response = await postForm(app, world.sessions.clinician, record(), { kind: 'family_visit', ...whenFields(instantIn(-3)), duration: '90', location: 'Visits hall', outcome: 'cancelled', cancelledBy: 'service', cancellationReason: 'regime_restrictions' })
      assert.equal(response.statusCode, 303)
      const stored = await db.selectFrom('contact').innerJoin('contact_attendee', 'contact_attendee.contact_id', 'contact.id').select(['outcome', 'outcome_reason', 'cancelled_by']).where('contact.location', '=', 'Visits hall').executeTakeFirstOrThrow()
      assert.deepEqual(stored, { outcome: 'cancelled', outcome_reason: 'regime_restrictions', cancelled_by: 'service' })
      assert.match((await get(list(), world.sessions.clinician)).body, /Cancelled by the service – Regime restrictions or lockdown/)
    })

    it('shows every problem the GOV.UK way, keeps what was typed, and writes nothing', async () => {
      const before = await contactCount()
      const response = await postForm(app, world.sessions.clinician, record(), { ...whenFields(instantIn(-1)), time: '25:99', duration: '700', location: 'Kept <b>room</b>', followUp: 'Kept follow-up', outcome: 'cancelled' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<title>Error: /)
      assert.match(response.body, /govuk-error-summary/)
      for (const field of ['kind', 'time', 'duration', 'cancelledBy', 'cancellationReason']) assert.match(response.body, new RegExp(`href="#${field}"`), field)
      assert.match(response.body, /Select what kind of contact it was/)
      assert.match(response.body, /Enter a real time, for example 14:30/)
      assert.match(response.body, /The length must be a whole number of minutes from 1 to 600/)
      assert.match(response.body, /Select who cancelled it/)
      assert.match(response.body, /value="25:99"/)
      assert.match(response.body, /value="700"/)
      assert.match(response.body, /value="Kept &lt;b&gt;room&lt;\/b&gt;"/)
      assert.match(response.body, /Kept follow-up<\/textarea>/)
      assert.match(response.body, /value="cancelled" checked/)
      assert.equal(await contactCount(), before)
      const audit = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'contact.create').where('outcome', '=', 'failed').orderBy('sequence', 'desc').executeTakeFirstOrThrow()
      assert.doesNotMatch(JSON.stringify(audit.details), /Kept/, 'the audit names fields, never what was typed')
    })

    it('asks what happened at a contact in the past, and refuses attendance at one still to come', async () => {
      const pastNoOutcome = await postForm(app, world.sessions.clinician, record(), { kind: 'keywork', ...whenFields(instantIn(-1)), duration: '30' })
      assert.equal(pastNoOutcome.statusCode, 400)
      assert.match(pastNoOutcome.body, /The date and time have passed – select what happened/)
      const futureAttended = await postForm(app, world.sessions.clinician, record(), { kind: 'keywork', ...whenFields(instantIn(2)), duration: '30', outcome: 'attended' })
      assert.equal(futureAttended.statusCode, 400)
      assert.match(futureAttended.body, /The contact has not happened yet – it can only be cancelled/)
      const missingDate = await postForm(app, world.sessions.clinician, record(), { kind: 'keywork', time: '10:00', duration: '30', outcome: 'attended' })
      assert.equal(missingDate.statusCode, 400)
      assert.match(missingDate.body, /href="#occursOn-day"/)
    })

    it('plans a contact still to come, lists it as coming up, then records its outcome once it has happened', async () => {
      const planned = await postForm(app, world.sessions.clinician, record(), { kind: 'offender_manager_visit', ...whenFields(instantIn(5)), duration: '60', location: 'Legal visits' })
      assert.equal(planned.statusCode, 303)
      const page = await get(list(), world.sessions.clinician)
      assert.match(page.body, /Coming up/)
      assert.match(page.body, /Offender manager visit/)

      const overdue = await plannedContact(instantIn(-1))
      const outcomeUrl = contactsPaths.outcome({ allocationId: world.allocationId, contactId: overdue })
      assert.match((await get(list(), world.sessions.clinician)).body, /Outcome needed/)
      const form = await get(outcomeUrl, world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Record the outcome of a contact/)
      const missing = await postForm(app, world.sessions.clinician, outcomeUrl, {})
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /Select what happened/)
      const done = await postForm(app, world.sessions.clinician, outcomeUrl, { outcome: 'did_not_attend', didNotAttendReason: 'forgot' })
      assert.equal(done.statusCode, 303)
      const attendee = await db.selectFrom('contact_attendee').select(['outcome', 'outcome_reason']).where('contact_id', '=', overdue).executeTakeFirstOrThrow()
      assert.deepEqual(attendee, { outcome: 'did_not_attend', outcome_reason: 'forgot' })
      assert.equal((await db.selectFrom('person_timeline_event').select('id').where('record_id', '=', overdue).where('kind', '=', 'contact.outcome_recorded').execute()).length, 1)

      // Outcomes are written once.
      const again = await postForm(app, world.sessions.clinician, outcomeUrl, { outcome: 'attended' })
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /has already been recorded/)
      assert.equal((await db.selectFrom('contact_attendee').select('outcome').where('contact_id', '=', overdue).executeTakeFirstOrThrow()).outcome, 'did_not_attend')
    })

    it('cancels a planned contact before it happens, but not as attended', async () => {
      const upcoming = await plannedContact(instantIn(3))
      const outcomeUrl = contactsPaths.outcome({ allocationId: world.allocationId, contactId: upcoming })
      const form = await get(outcomeUrl, world.sessions.clinician)
      assert.doesNotMatch(form.body, /value="attended"/, 'before it starts a contact can only be cancelled')
      const early = await postForm(app, world.sessions.clinician, outcomeUrl, { outcome: 'attended' })
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /it can only be cancelled/)
      const cancelled = await postForm(app, world.sessions.clinician, outcomeUrl, { outcome: 'cancelled', cancelledBy: 'person', cancellationReason: 'person_request' })
      assert.equal(cancelled.statusCode, 303)
      assert.equal((await db.selectFrom('contact_attendee').select('cancelled_by').where('contact_id', '=', upcoming).executeTakeFirstOrThrow()).cancelled_by, 'person')
    })

    it('records a consultation only while the case is in the consultation tier', async () => {
      const consultation = { kind: 'consultation', ...whenFields(instantIn(-1)), duration: '60', location: 'Probation office', outcome: 'attended' }
      const form = await get(record(), world.sessions.probationOfficer)
      assert.equal(form.statusCode, 200)
      assert.doesNotMatch(form.body, /value="consultation"/, 'a tier’s kind is offered only in that tier')
      const refused = await postForm(app, world.sessions.probationOfficer, record(), consultation)
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /belongs to a community-pathway tier the case is not in/)
      await db.insertInto('case_tier').values({ id: newId(), allocation_id: world.allocationId, tier: 'consultation', started_on: '2026-01-10', ended_on: null, recorded_by: world.users.clinician.id }).execute()
      assert.match((await get(record(), world.sessions.probationOfficer)).body, /value="consultation"/)
      const recorded = await postForm(app, world.sessions.probationOfficer, record(), consultation)
      assert.equal(recorded.statusCode, 303)
      assert.match((await get(list(), world.sessions.probationOfficer)).body, /Consultation with the offender manager/)
    })

    it('lets a service manager read the contacts but not record one', async () => {
      const page = await get(list(), world.sessions.manager)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Therapy room 2/)
      assert.doesNotMatch(page.body, /Record a contact/)
      assert.equal((await postForm(app, world.sessions.manager, record(), { kind: 'keywork', ...whenFields(instantIn(-1)), duration: '30', outcome: 'attended' })).statusCode, 403)
    })
  })

  describe('between cases and organisations', () => {
    let other: Place
    let ownContact: string

    before(async () => {
      other = await anotherPlace(db, world, { givenName: 'Ottoline', familyName: 'Brackwater' })
      ownContact = await plannedContact(instantIn(-4))
    })

    it('never shows a contact of one case on another case’s pages', async () => {
      // The clinician may see both cases, in the same element.
      const otherList = await get(contactsPaths.list({ allocationId: other.allocationId }), world.sessions.clinician)
      assert.equal(otherList.statusCode, 200)
      assert.match(otherList.body, /Ottoline Brackwater/)
      assert.doesNotMatch(otherList.body, /Therapy room 2|Wing office/)
      assert.match(otherList.body, /No contacts have been recorded/)
      // Named through the other case, the contact is not found.
      const crossed = await get(contactsPaths.outcome({ allocationId: other.allocationId, contactId: ownContact }), world.sessions.clinician)
      assert.equal(crossed.statusCode, 404)
      const crossedPost = await postForm(app, world.sessions.clinician, contactsPaths.outcome({ allocationId: other.allocationId, contactId: ownContact }), { outcome: 'attended' })
      assert.equal(crossedPost.statusCode, 404)
      assert.equal((await db.selectFrom('contact_attendee').select('outcome').where('contact_id', '=', ownContact).executeTakeFirstOrThrow()).outcome, null)
    })

    it('gives a stranger "not found" on every contact page and form, audited as denied, and writes nothing', async () => {
      const stranger = world.sessions.stranger
      const before = await contactCount()
      const pages = [list(), record(), contactsPaths.outcome({ allocationId: world.allocationId, contactId: ownContact }), contactsPaths.newGroup({ serviceId: world.serviceId }), contactsPaths.attendance({ contactId: ownContact }), contactsPaths.api.caseContacts({ allocationId: world.allocationId })]
      for (const url of pages) {
        const response = await get(url, stranger)
        assert.equal(response.statusCode, 404, url)
        assert.doesNotMatch(response.body, /Quillby|Wing office|Teacup PIPE/, url)
      }
      const posts: Array<[string, Record<string, string>]> = [
        [record(), { kind: 'keywork', ...whenFields(instantIn(-1)), duration: '30', outcome: 'attended' }],
        [record(), {}],
        [contactsPaths.outcome({ allocationId: world.allocationId, contactId: ownContact }), { outcome: 'attended' }],
        [contactsPaths.newGroup({ serviceId: world.serviceId }), { element: world.elementId, title: 'Intruders', ...whenFields(instantIn(-1)), duration: '30', attendees: world.allocationId }],
        [contactsPaths.attendance({ contactId: ownContact }), { attendee: world.allocationId, [`outcome-${world.allocationId}`]: 'attended' }],
      ]
      for (const [url, fields] of posts) assert.equal((await postForm(app, stranger, url, fields)).statusCode, 404, url)
      assert.equal(await contactCount(), before)
      assert.equal((await db.selectFrom('contact_attendee').select('outcome').where('contact_id', '=', ownContact).executeTakeFirstOrThrow()).outcome, null)
      const denied = await db.selectFrom('audit_event').select(['action', 'person_id']).where('user_id', '=', world.users.stranger.id).where('outcome', '=', 'denied').execute()
      assert.ok(denied.length >= pages.length + posts.length, `each refusal is on record (${denied.length})`)
      assert.ok(denied.every((row) => row.person_id === null), 'a denial names no person')
    })
  })

  describe('contacts due, for the tasks page', () => {
    let overdue: string
    let soon: string
    let later: string

    before(async () => {
      await db.deleteFrom('contact_attendee').where('outcome', 'is', null).execute()
      overdue = await plannedContact(instantIn(-2))
      soon = await plannedContact(instantIn(1))
      later = await plannedContact(instantIn(30))
    })

    const scopeOf = (userId: string, organisationId: string, teamIds: string[]): Scope => ({ userId, organisationId, teamIds, purpose: 'direct_care', readsHealthOnly: false, now: new Date().toISOString(), today: new Date().toISOString().slice(0, 10) })

    it('lists the planned contacts in the window of the worker’s own cases, with the person named', async () => {
      const scope = scopeOf(world.users.clinician.id, world.trust.organisationId, [world.trust.teamId])
      const rows = await upcomingContacts(db, scope, { userId: world.users.clinician.id, from: new Date().toISOString(), to: instantIn(7) })
      assert.deepEqual(rows.map((row) => row.contactId), [soon])
      assert.deepEqual({ ...rows[0], occursAt: undefined }, { allocationId: world.allocationId, contactId: soon, personId: world.personId, givenName: 'Rowan', familyName: 'Quillby', kind: 'keywork', occursAt: undefined })
      const byTeam = await upcomingContacts(db, scope, { teamIds: [world.trust.teamId], from: new Date().toISOString(), to: instantIn(60) })
      assert.deepEqual(byTeam.map((row) => row.contactId), [soon, later])
    })

    it('lists past contacts still without an outcome as overdue', async () => {
      const scope = scopeOf(world.users.clinician.id, world.trust.organisationId, [world.trust.teamId])
      const rows = await contactsWithoutOutcome(db, scope, { userId: world.users.clinician.id, before: new Date().toISOString() })
      assert.deepEqual(rows.map((row) => row.contactId), [overdue])
    })

    it('finds nothing for someone who cannot see the person, nor through a team that is not theirs', async () => {
      const stranger = scopeOf(world.users.stranger.id, world.elsewhere.organisationId, [world.elsewhere.teamId])
      assert.deepEqual(await upcomingContacts(db, stranger, { userId: world.users.clinician.id, teamIds: [world.trust.teamId], from: instantIn(-10), to: instantIn(60) }), [])
      assert.deepEqual(await contactsWithoutOutcome(db, stranger, { teamIds: [world.trust.teamId], before: new Date().toISOString() }), [])
    })
  })
})
