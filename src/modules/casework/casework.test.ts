import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { caseworkPaths } from './index.ts'

/*
 * The case page shell on both dialects: the clinician and the probation officer see the
 * case, a stranger elsewhere gets "not found" (audited as denied), the sub-navigation offers
 * only readable sections, and the history shows only events in readable categories.
 */

describeEachDialect('case pages', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    const event = (kind: string, category: string) => ({ id: newId(), person_id: world.personId, allocation_id: world.allocationId, occurred_at: new Date().toISOString(), kind, data_category: category, organisation_id: world.trust.organisationId, record_type: 'case_note', record_id: newId(), details: null, recorded_by: world.users.clinician.id })
    await db.insertInto('person_timeline_event').values([event('case_note.added', 'case_note'), event('case_note.amended', 'clinical_note')]).execute()
  })
  after(() => app.close())

  const get = (url: string, session: { cookie: string }) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })

  it('shows the case to its clinician with every section, outcomes included', async () => {
    const response = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.clinician)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Rowan Quillby/)
    assert.match(response.body, /Teacup PIPE/)
    assert.match(response.body, /href="\/cases\/[^"]+\/outcomes"/)
    assert.match(response.body, /href="\/cases\/[^"]+\/formulation"/)
  })

  it('shows the probation officer the case without the health-only outcomes section', async () => {
    const response = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.probationOfficer)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /href="\/cases\/[^"]+\/notes"/)
    assert.doesNotMatch(response.body, /href="\/cases\/[^"]+\/outcomes"/)
  })

  it('gives a user of another organisation "not found", audited as denied', async () => {
    const response = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.stranger)
    assert.equal(response.statusCode, 404)
    assert.doesNotMatch(response.body, /Quillby/)
    const audit = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('user_id', '=', world.users.stranger.id).where('action', '=', 'case.view').executeTakeFirstOrThrow()
    assert.equal(audit.outcome, 'denied')
    assert.equal(audit.person_id, null)
  })

  it('lists history events only in the categories the reader may read', async () => {
    const clinician = await get(caseworkPaths.history({ allocationId: world.allocationId }), world.sessions.clinician)
    assert.match(clinician.body, /Case note added/)
    assert.match(clinician.body, /Case note amended/)
    const officer = await get(caseworkPaths.history({ allocationId: world.allocationId }), world.sessions.probationOfficer)
    assert.equal(officer.statusCode, 200)
    assert.match(officer.body, /Case note added/)
    assert.doesNotMatch(officer.body, /Case note amended/)
  })
})
