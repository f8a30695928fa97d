import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { contactsPaths } from './index.ts'
import { anotherPlace, instantIn, whenFields, type Place } from './test-fixtures.ts'

/*
 * Group sessions on both dialects: planned by the team delivering the service for people
 * holding places in one element (a restricted record listed unnamed), one contact with an
 * attendee row each, attendance recorded per person in one form, and each case showing its
 * own outcome — with counts, never the other attendees' names.
 */

/** A form body with a field repeated, as a browser sends ticked checkboxes. */
function repeated(fields: Record<string, string>, name: string, values: readonly string[]): string {
  const body = new URLSearchParams(fields)
  for (const value of values) body.append(name, value)
  return body.toString()
}

describeEachDialect('group sessions', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let second: Place
  let third: Place
  let restricted: Place

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    second = await anotherPlace(db, world, { givenName: 'Bramble', familyName: 'Fenwick' })
    third = await anotherPlace(db, world, { givenName: 'Cedric', familyName: 'Holloway' })
    restricted = await anotherPlace(db, world, { givenName: 'Hidden', familyName: 'Person', restricted: true })
  })
  after(() => app.close())

  const get = (url: string, session: Pick<BrowserSession, 'cookie'>) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const postRepeated = (session: BrowserSession, url: string, fields: Record<string, string>, name: string, values: readonly string[]) =>
    app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: repeated({ _csrf: session.csrf, ...fields }, name, values) })
  const newGroup = () => contactsPaths.newGroup({ serviceId: world.serviceId })
  const everyone = () => [world.allocationId, second.allocationId, third.allocationId]

  async function planGroup(title: string, occursAt: string): Promise<string> {
    const response = await postRepeated(world.sessions.clinician, newGroup(), { element: world.elementId, title, ...whenFields(occursAt), duration: '90', location: 'Education block' }, 'attendees', everyone())
    assert.equal(response.statusCode, 303, response.body)
    const contact = await db.selectFrom('contact').select('id').where('title', '=', title).executeTakeFirstOrThrow()
    assert.equal(response.headers.location, contactsPaths.attendance({ contactId: contact.id }))
    return contact.id
  }

  describe('planning a group session', () => {
    it('lists the element’s people for the delivering team, a restricted record unnamed', async () => {
      const form = await get(newGroup(), world.sessions.clinician)
      assert.equal(form.statusCode, 200)
      for (const name of ['Rowan Quillby', 'Bramble Fenwick', 'Cedric Holloway']) assert.match(form.body, new RegExp(name))
      assert.match(form.body, /A person with a restricted record/)
      assert.doesNotMatch(form.body, /Hidden/)
      assert.match(form.body, new RegExp(`value="${restricted.allocationId}"`))
    })

    it('makes one contact with an attendee row for each person chosen, in each case’s history', async () => {
      const contactId = await planGroup('Creative writing group', instantIn(-1))
      const contact = await db.selectFrom('contact').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow()
      assert.equal(contact.kind, 'group_session')
      assert.equal(contact.service_element_id, world.elementId)
      const attendees = await db.selectFrom('contact_attendee').select(['allocation_id', 'person_id', 'outcome']).where('contact_id', '=', contactId).execute()
      assert.deepEqual(attendees.map((row) => row.allocation_id).sort(), everyone().sort())
      assert.ok(attendees.every((row) => row.outcome === null))
      const events = await db.selectFrom('person_timeline_event').select('allocation_id').where('record_id', '=', contactId).where('kind', '=', 'contact.recorded').execute()
      assert.deepEqual(events.map((row) => row.allocation_id).sort(), everyone().sort())
      const audits = await db.selectFrom('audit_event').select('person_id').where('action', '=', 'contact.create').where('record_id', '=', contactId).execute()
      assert.deepEqual(audits.map((row) => row.person_id).sort(), [world.personId, second.personId, third.personId].sort())
    })

    it('shows what is missing and keeps the ticks', async () => {
      const response = await postRepeated(world.sessions.clinician, newGroup(), { element: world.elementId, title: '', ...whenFields(instantIn(2)), duration: '0' }, 'attendees', [second.allocationId])
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Enter a title for the session/)
      assert.match(response.body, /The length must be a whole number of minutes from 1 to 600/)
      assert.match(response.body, new RegExp(`value="${second.allocationId}" checked`))
      const nobody = await postForm(app, world.sessions.clinician, newGroup(), { element: world.elementId, title: 'Nobody', ...whenFields(instantIn(2)), duration: '60' })
      assert.equal(nobody.statusCode, 400)
      assert.match(nobody.body, /Select at least one person/)
    })

    it('refuses someone without a place in the element', async () => {
      const otherElement = newId()
      await db.insertInto('service_element').values({ id: otherElement, service_id: world.serviceId, name: 'Engagement', capacity: 30, position: 2 }).execute()
      const elsewhere = await anotherPlace(db, world, { givenName: 'Outside', familyName: 'Element', elementId: otherElement })
      const response = await postRepeated(world.sessions.clinician, newGroup(), { element: world.elementId, title: 'Gatecrashed', ...whenFields(instantIn(2)), duration: '60' }, 'attendees', [world.allocationId, elsewhere.allocationId])
      assert.equal(response.statusCode, 409)
      assert.match(response.body, /no longer holds a place here/)
      assert.equal(await db.selectFrom('contact').select('id').where('title', '=', 'Gatecrashed').executeTakeFirst(), undefined)
    })

    it('is for the teams delivering the service only', async () => {
      assert.equal((await get(newGroup(), world.sessions.probationOfficer)).statusCode, 404)
      const response = await postRepeated(world.sessions.probationOfficer, newGroup(), { element: world.elementId, title: 'Not ours', ...whenFields(instantIn(2)), duration: '60' }, 'attendees', everyone())
      assert.equal(response.statusCode, 404)
      assert.equal(await db.selectFrom('contact').select('id').where('title', '=', 'Not ours').executeTakeFirst(), undefined)
    })
  })

  describe('recording attendance', () => {
    let contactId: string

    before(async () => {
      contactId = await planGroup('Emotional regulation workshop', instantIn(-2))
    })

    const attendance = () => contactsPaths.attendance({ contactId })

    it('needs an outcome for everyone once the session has happened, naming who is missing', async () => {
      const response = await postRepeated(world.sessions.clinician, attendance(), { [`outcome-${world.allocationId}`]: 'attended', [`outcome-${second.allocationId}`]: 'cancelled' }, 'attendee', everyone())
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Cedric Holloway: Select what happened/)
      assert.match(response.body, /Bramble Fenwick: Select who cancelled it/)
      assert.match(response.body, new RegExp(`href="#outcome-${third.allocationId}"`))
      const recorded = await db.selectFrom('contact_attendee').select('outcome').where('contact_id', '=', contactId).where('outcome', 'is not', null).execute()
      assert.deepEqual(recorded, [], 'nothing is recorded until the whole register is right')
    })

    it('records each person’s outcome in one form, and each case shows its own', async () => {
      const register = await get(attendance(), world.sessions.clinician)
      assert.equal(register.statusCode, 200)
      for (const name of ['Rowan Quillby', 'Bramble Fenwick', 'Cedric Holloway']) assert.match(register.body, new RegExp(name))
      const response = await postRepeated(
        world.sessions.clinician,
        attendance(),
        {
          [`outcome-${world.allocationId}`]: 'attended',
          [`outcome-${second.allocationId}`]: 'did_not_attend',
          [`didNotAttendReason-${second.allocationId}`]: 'unwell',
          [`outcome-${third.allocationId}`]: 'cancelled',
          [`cancelledBy-${third.allocationId}`]: 'person',
          [`cancellationReason-${third.allocationId}`]: 'person_unwell',
        },
        'attendee',
        everyone(),
      )
      assert.equal(response.statusCode, 303)
      const rows = await db.selectFrom('contact_attendee').select(['allocation_id', 'outcome', 'cancelled_by', 'outcome_reason']).where('contact_id', '=', contactId).execute()
      const byCase = Object.fromEntries(rows.map((row) => [row.allocation_id, [row.outcome, row.cancelled_by, row.outcome_reason]]))
      assert.deepEqual(byCase, { [world.allocationId]: ['attended', null, null], [second.allocationId]: ['did_not_attend', null, 'unwell'], [third.allocationId]: ['cancelled', 'person', 'person_unwell'] })
      const events = await db.selectFrom('person_timeline_event').select('allocation_id').where('record_id', '=', contactId).where('kind', '=', 'contact.outcome_recorded').execute()
      assert.equal(events.length, 3)

      const first = await get(contactsPaths.list({ allocationId: world.allocationId }), world.sessions.clinician)
      assert.match(first.body, /Emotional regulation workshop/)
      assert.match(first.body, /1 of 3 attended/)
      assert.match(first.body, /Attended/)
      const secondPage = await get(contactsPaths.list({ allocationId: second.allocationId }), world.sessions.clinician)
      assert.match(secondPage.body, /Did not attend – Unwell/)
      const thirdPage = await get(contactsPaths.list({ allocationId: third.allocationId }), world.sessions.clinician)
      assert.match(thirdPage.body, /Cancelled by the person – The person was unwell/)
      // A case page counts the group's attendees but never names the others.
      assert.doesNotMatch(first.body, /Fenwick|Holloway/)
      assert.doesNotMatch(secondPage.body, /Quillby|Holloway/)
    })

    it('shows the recorded register and refuses to record anyone twice', async () => {
      const register = await get(attendance(), world.sessions.clinician)
      assert.match(register.body, /Attendance has been recorded for everyone/)
      const again = await postRepeated(world.sessions.clinician, attendance(), { [`outcome-${world.allocationId}`]: 'did_not_attend' }, 'attendee', [world.allocationId])
      assert.equal(again.statusCode, 409)
      assert.equal((await db.selectFrom('contact_attendee').select('outcome').where('contact_id', '=', contactId).where('allocation_id', '=', world.allocationId).executeTakeFirstOrThrow()).outcome, 'attended')
    })

    it('before a session, takes cancellations only', async () => {
      const upcoming = await planGroup('Next week’s group', instantIn(7))
      const url = contactsPaths.attendance({ contactId: upcoming })
      const early = await postRepeated(world.sessions.clinician, url, { [`outcome-${world.allocationId}`]: 'attended' }, 'attendee', everyone())
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /Rowan Quillby: The contact has not happened yet/)
      const nothing = await postRepeated(world.sessions.clinician, url, {}, 'attendee', everyone())
      assert.equal(nothing.statusCode, 400)
      assert.match(nothing.body, /Select an outcome for at least one person/)
      const cancelled = await postRepeated(world.sessions.clinician, url, { [`outcome-${second.allocationId}`]: 'cancelled', [`cancelledBy-${second.allocationId}`]: 'person', [`cancellationReason-${second.allocationId}`]: 'moved_or_released' }, 'attendee', everyone())
      assert.equal(cancelled.statusCode, 303)
      const rows = await db.selectFrom('contact_attendee').select(['allocation_id', 'outcome']).where('contact_id', '=', upcoming).where('outcome', 'is not', null).execute()
      assert.deepEqual(rows, [{ allocation_id: second.allocationId, outcome: 'cancelled' }])
    })

    it('keeps the register from anyone outside the delivering teams', async () => {
      assert.equal((await get(attendance(), world.sessions.probationOfficer)).statusCode, 404)
      assert.equal((await get(attendance(), world.sessions.stranger)).statusCode, 404)
      const response = await postRepeated(world.sessions.stranger, attendance(), { [`outcome-${world.allocationId}`]: 'attended' }, 'attendee', [world.allocationId])
      assert.equal(response.statusCode, 404)
    })
  })
})
