import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm } from '../../../test/support/sessions.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { caseworkPaths } from './index.ts'
import { addDays } from './rules.ts'

/*
 * The case page shell on both dialects: the clinician and the probation officer see the
 * case, a stranger elsewhere gets "not found" (audited as denied), the sub-navigation offers
 * only readable sections, and the history shows only events in readable categories. The
 * case moves through community-pathway tiers, and the API gives the case header.
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

  describe('community-pathway tiers', () => {
    const today = new Date().toISOString().slice(0, 10)
    const dateFields = (date: string) => ({ 'startsOn-day': String(Number(date.slice(8, 10))), 'startsOn-month': String(Number(date.slice(5, 7))), 'startsOn-year': date.slice(0, 4) })
    const tiers = () => db.selectFrom('case_tier').select(['tier', 'started_on', 'ended_on']).where('allocation_id', '=', world.allocationId).orderBy('started_on').execute()
    const tiersUrl = () => caseworkPaths.tiers({ allocationId: world.allocationId })

    before(async () => {
      await db.updateTable('allocation').set({ started_at: `${addDays(today, -60)}T00:00:00.000Z` }).where('id', '=', world.allocationId).execute()
    })

    it('moves the case into a tier, ending the one it was in the day before, with a line in its history', async () => {
      const first = await postForm(app, world.sessions.clinician, tiersUrl(), { tier: 'consultation', ...dateFields(addDays(today, -50)) })
      assert.equal(first.statusCode, 303)
      assert.equal(first.headers.location, caseworkPaths.overview({ allocationId: world.allocationId }))
      // The probation officer co-works the case: they may move it on too.
      const second = await postForm(app, world.sessions.probationOfficer, tiersUrl(), { tier: 'co_working', ...dateFields(addDays(today, -10)) })
      assert.equal(second.statusCode, 303)
      assert.deepEqual(await tiers(), [
        { tier: 'consultation', started_on: addDays(today, -50), ended_on: addDays(today, -11) },
        { tier: 'co_working', started_on: addDays(today, -10), ended_on: null },
      ])
      const events = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('allocation_id', '=', world.allocationId).where('kind', '=', 'case.tier_started').execute()
      assert.deepEqual(events, [{ kind: 'case.tier_started', data_category: 'plan' }, { kind: 'case.tier_started', data_category: 'plan' }])

      const overview = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.clinician)
      assert.match(overview.body, /Tier 3: co-working – since/)
      const history = /<table class="govuk-table app-tier-history">[\s\S]*?<\/table>/.exec(overview.body)?.[0] ?? ''
      assert.deepEqual([...history.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)].map((match) => match[1]).filter((_cell, index) => index % 4 === 0), ['Tier 3: co-working', 'Tier 2: consultation'])
    })

    it('shows the problems GOV.UK style, keeps what was typed, and changes nothing', async () => {
      const before = await tiers()
      const empty = await postForm(app, world.sessions.clinician, tiersUrl(), { 'startsOn-day': '31', 'startsOn-month': '2', 'startsOn-year': '2026' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /govuk-error-summary/)
      assert.match(empty.body, /href="#tier">Select a tier/)
      assert.match(empty.body, /href="#startsOn-day">The date the tier starts must be a real date/)
      assert.match(empty.body, /name="startsOn-day" type="text" value="31"/)

      const same = await postForm(app, world.sessions.clinician, tiersUrl(), { tier: 'co_working', ...dateFields(today) })
      assert.equal(same.statusCode, 400)
      assert.match(same.body, /The case is already in this tier/)
      assert.match(same.body, /value="co_working" checked/)
      const early = await postForm(app, world.sessions.clinician, tiersUrl(), { tier: 'training', ...dateFields(addDays(today, -10)) })
      assert.match(early.body, /must be after the day the current tier started/)
      const future = await postForm(app, world.sessions.clinician, tiersUrl(), { tier: 'training', ...dateFields(addDays(today, 1)) })
      assert.match(future.body, /must be today or in the past/)
      assert.deepEqual(await tiers(), before)
      const failed = await db.selectFrom('audit_event').select('outcome').where('action', '=', 'case.tier.record').where('outcome', '=', 'failed').execute()
      assert.equal(failed.length, 4)
    })

    it('refuses the stranger with "not found" and the service manager (who may not write case work) with 403, changing nothing', async () => {
      const before = await tiers()
      assert.equal((await postForm(app, world.sessions.stranger, tiersUrl(), { tier: 'training', ...dateFields(today) })).statusCode, 404)
      assert.equal((await postForm(app, world.sessions.manager, tiersUrl(), { tier: 'training', ...dateFields(today) })).statusCode, 403)
      assert.deepEqual(await tiers(), before)
      const denied = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'case.tier.record').where('user_id', '=', world.users.stranger.id).executeTakeFirstOrThrow()
      assert.deepEqual(denied, { outcome: 'denied', person_id: null })
    })

    it('offers the tier form only to those who may write case work, and closing only to the service’s own allocators', async () => {
      const clinician = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.clinician)
      assert.match(clinician.body, /action="\/cases\/[^"]+\/tiers"/)
      assert.match(clinician.body, /href="\/allocations\/[^"]+\/end">End the place and close the case/)
      const officer = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.probationOfficer)
      assert.match(officer.body, /action="\/cases\/[^"]+\/tiers"/)
      assert.doesNotMatch(officer.body, /End the place and close the case/)
      const manager = await get(caseworkPaths.overview({ allocationId: world.allocationId }), world.sessions.manager)
      assert.doesNotMatch(manager.body, /action="\/cases\/[^"]+\/tiers"/)
    })
  })

  describe('the case API', () => {
    const api = async (userId: string) => {
      const { token } = await issueApiToken(db, { userId, name: 'Case API test', expiresAt: new Date(Date.now() + 3_600_000) })
      return app.inject({ method: 'GET', url: caseworkPaths.api.case({ allocationId: world.allocationId }), headers: { authorization: `Bearer ${token}` } })
    }

    it('gives the case header and the sections each caller may read', async () => {
      const clinician = await api(world.users.clinician.id)
      assert.equal(clinician.statusCode, 200)
      const body = clinician.json() as { person: { givenName: string }; service: { name: string }; status: string; tier: { tier: string } | null; readableSections: string[]; readableCategories: string[] }
      assert.deepEqual([body.person.givenName, body.service.name, body.status, body.tier?.tier], ['Rowan', 'Teacup PIPE', 'active', 'co_working'])
      assert.ok(body.readableSections.includes('outcomes'))
      assert.ok(body.readableCategories.includes('clinical_note'))
      const officer = (await api(world.users.probationOfficer.id)).json() as { readableSections: string[]; readableCategories: string[] }
      assert.ok(officer.readableSections.includes('notes'))
      assert.ok(!officer.readableSections.includes('outcomes'))
      assert.ok(!officer.readableCategories.includes('clinical_note'))
    })

    it('answers the stranger 404, with nothing of the case', async () => {
      const response = await api(world.users.stranger.id)
      assert.equal(response.statusCode, 404)
      assert.doesNotMatch(response.body, /Quillby|Teacup/)
    })
  })
})
