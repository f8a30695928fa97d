import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { apiDocsPaths } from '../api-docs/index.ts'
import { contactsPaths } from './index.ts'
import { instantIn } from './test-fixtures.ts'

/*
 * The contacts JSON API on both dialects, with bearer tokens: listing a case's contacts,
 * recording one (422 on the rules, 409 on a closed case), recording attendance per
 * attendee, the same scope as the pages, and the operations in the OpenAPI document.
 */

describeEachDialect('contacts API', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let token: string
  let strangerToken: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    const expiresAt = new Date(Date.now() + 3_600_000)
    token = (await issueApiToken(db, { userId: world.users.clinician.id, name: 'Case system', expiresAt })).token
    strangerToken = (await issueApiToken(db, { userId: world.users.stranger.id, name: 'Elsewhere', expiresAt })).token
  })
  after(() => app.close())

  const api = (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
  const caseContacts = () => contactsPaths.api.caseContacts({ allocationId: world.allocationId })

  it('records a contact that happened and lists it with its outcome', async () => {
    const occursAt = instantIn(-1)
    const created = await api('POST', caseContacts(), { kind: 'keywork', occursAt, durationMinutes: 40, location: 'Wing office', outcome: 'cancelled', cancelledBy: 'service', reason: 'staff_unavailable' })
    assert.equal(created.statusCode, 201, created.body)
    const body = created.json() as Record<string, unknown>
    assert.deepEqual({ ...body, id: undefined }, { id: undefined, kind: 'keywork', title: null, elementId: world.elementId, occursAt, durationMinutes: 40, location: 'Wing office', followUp: null, outcome: 'cancelled', cancelledBy: 'service', reason: 'staff_unavailable', attendees: { total: 1, attended: 0 } })
    const listed = await api('GET', caseContacts())
    assert.equal(listed.statusCode, 200)
    const page = listed.json() as { contacts: Array<{ id: string; outcome: string }>; total: number; page: number }
    assert.equal(page.total, 1)
    assert.equal(page.page, 1)
    assert.deepEqual(page.contacts.map((contact) => [contact.id, contact.outcome]), [[body.id, 'cancelled']])
    const audit = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'contact.create').where('record_id', '=', String(body.id)).executeTakeFirstOrThrow()
    assert.deepEqual(audit, { outcome: 'allowed', person_id: world.personId })
  })

  it('takes a time with an offset and keeps it in UTC', async () => {
    const created = await api('POST', caseContacts(), { kind: 'one_to_one_therapy', occursAt: '2030-07-01T10:00:00+01:00', durationMinutes: 50 })
    assert.equal(created.statusCode, 201, created.body)
    assert.equal((created.json() as { occursAt: string }).occursAt, '2030-07-01T09:00:00.000Z')
  })

  it('answers 422 with each problem on its field, and writes nothing', async () => {
    const count = async () => (await db.selectFrom('contact').select('id').execute()).length
    const before = await count()
    const future = await api('POST', caseContacts(), { kind: 'keywork', occursAt: instantIn(3), durationMinutes: 30, outcome: 'attended' })
    assert.equal(future.statusCode, 422)
    assert.deepEqual((future.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['outcome'])
    const past = await api('POST', caseContacts(), { kind: 'keywork', occursAt: instantIn(-3), durationMinutes: 30 })
    assert.equal(past.statusCode, 422)
    assert.deepEqual((past.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['outcome'])
    const shape = await api('POST', caseContacts(), { kind: 'group_session', occursAt: 'yesterday', durationMinutes: 601, outcome: 'attended', reason: 'unwell', colour: 'blue' })
    assert.equal(shape.statusCode, 422)
    const fields = (shape.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field).sort()
    assert.deepEqual(fields, ['colour', 'durationMinutes', 'kind', 'occursAt'].sort())
    const reason = await api('POST', caseContacts(), { kind: 'keywork', occursAt: instantIn(-3), durationMinutes: 30, outcome: 'did_not_attend', reason: 'room_unavailable' })
    assert.equal(reason.statusCode, 422)
    assert.deepEqual((reason.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field), ['reason'])
    assert.equal(await count(), before)
  })

  it('records attendance per attendee of a contact, once', async () => {
    const contactId = newId()
    await db.insertInto('contact').values({ id: contactId, kind: 'group_session', service_element_id: world.elementId, title: 'Art group', occurs_at: instantIn(-1), duration_minutes: 60, location: null, follow_up: null, recorded_by: world.users.clinician.id }).execute()
    await db.insertInto('contact_attendee').values({ id: newId(), contact_id: contactId, allocation_id: world.allocationId, person_id: world.personId, outcome: null, cancelled_by: null, outcome_reason: null }).execute()
    const url = contactsPaths.api.attendance({ contactId })
    const unknown = await api('POST', url, { attendance: [{ allocationId: newId(), outcome: 'attended' }] })
    assert.equal(unknown.statusCode, 422)
    const recorded = await api('POST', url, { attendance: [{ allocationId: world.allocationId, outcome: 'did_not_attend', reason: 'declined' }] })
    assert.equal(recorded.statusCode, 200, recorded.body)
    assert.deepEqual((recorded.json() as { attendance: unknown[] }).attendance, [{ allocationId: world.allocationId, personId: world.personId, outcome: 'did_not_attend', cancelledBy: null, reason: 'declined' }])
    const again = await api('POST', url, { attendance: [{ allocationId: world.allocationId, outcome: 'attended' }] })
    assert.equal(again.statusCode, 409)
    assert.equal((again.json() as { error: string }).error, 'already_recorded')
    const byStranger = await api('POST', url, { attendance: [{ allocationId: world.allocationId, outcome: 'attended' }] }, strangerToken)
    assert.equal(byStranger.statusCode, 404)
  })

  it('answers 409 for a closed case', async () => {
    await db.updateTable('allocation').set({ status: 'ended', ended_at: new Date().toISOString(), ended_reason: 'completed' }).where('id', '=', world.allocationId).execute()
    try {
      const response = await api('POST', caseContacts(), { kind: 'keywork', occursAt: instantIn(-1), durationMinutes: 30, outcome: 'attended' })
      assert.equal(response.statusCode, 409)
      assert.equal((response.json() as { error: string }).error, 'case_closed')
    } finally {
      await db.updateTable('allocation').set({ status: 'active', ended_at: null, ended_reason: null }).where('id', '=', world.allocationId).execute()
    }
  })

  it('finds nothing for a stranger, whatever the body', async () => {
    assert.equal((await api('GET', caseContacts(), undefined, strangerToken)).statusCode, 404)
    assert.equal((await api('POST', caseContacts(), { kind: 'keywork', occursAt: instantIn(-1), durationMinutes: 30, outcome: 'attended' }, strangerToken)).statusCode, 404)
    assert.equal((await api('POST', caseContacts(), { nonsense: true }, strangerToken)).statusCode, 404)
    const denied = await db.selectFrom('audit_event').select('person_id').where('user_id', '=', world.users.stranger.id).where('outcome', '=', 'denied').execute()
    assert.ok(denied.length >= 3)
  })

  it('describes the operations in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: apiDocsPaths.document() })).json() as { paths: Record<string, Record<string, { tags: string[]; 'x-audit-event'?: string }>> }
    const list = document.paths['/api/v1/cases/{allocationId}/contacts']
    assert.deepEqual(Object.keys(list ?? {}).sort(), ['get', 'post'])
    assert.equal(list?.post?.['x-audit-event'], 'contact.create')
    assert.deepEqual(document.paths['/api/v1/contacts/{contactId}/attendance']?.post?.tags, ['Contacts'])
  })
})
