import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { issueApiToken } from '../../platform/auth/api-tokens.ts'
import type { Db } from '../../platform/db/database.ts'
import { apiDocsPaths } from '../api-docs/index.ts'
import { caseNotesPaths } from './paths.ts'

/*
 * The case notes API on both dialects: the same health-only visibility as the pages for a
 * clinician, the person's probation officer and a user of another organisation; amendments
 * keep the original; the operations are in the OpenAPI document.
 */

interface NoteJson {
  id: string
  type: string
  healthOnly: boolean
  text: string
  originalText: string
  amendments: Array<{ text: string; reason: string; amendedBy: { id: string } }>
}

describeEachDialect('case notes API', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  const tokens: Record<'clinician' | 'probationOfficer' | 'stranger', string> = { clinician: '', probationOfficer: '', stranger: '' }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await caseWorld(app, db)
    const expiresAt = new Date(Date.now() + 3_600_000)
    for (const who of ['clinician', 'probationOfficer', 'stranger'] as const) tokens[who] = (await issueApiToken(db, { userId: world.users[who].id, name: `${who} app`, expiresAt })).token
  })
  after(() => app.close())

  function call(who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: unknown) {
    return app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
  }
  const notesUrl = () => caseNotesPaths.api.notes({ allocationId: world.allocationId })
  const noteCount = async () => Number((await db.selectFrom('case_note').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow()).count)

  it('adds a health-only note for a clinician and an ordinary one for the probation officer', async () => {
    const clinical = await call('clinician', 'POST', notesUrl(), { type: 'general', text: 'Disclosed self-harm last month.', healthOnly: true })
    assert.equal(clinical.statusCode, 201)
    const note = clinical.json<NoteJson>()
    assert.deepEqual([note.type, note.healthOnly, note.text, note.amendments], ['general', true, 'Disclosed self-harm last month.', []])
    const ordinary = await call('probationOfficer', 'POST', notesUrl(), { type: 'offender_manager_contact', text: 'Reporting weekly.' })
    assert.equal(ordinary.statusCode, 201)
    assert.equal(ordinary.json<NoteJson>().healthOnly, false)
  })

  it('refuses a health-only note from the probation officer, and a field the API does not take', async () => {
    const before = await noteCount()
    const marked = await call('probationOfficer', 'POST', notesUrl(), { type: 'general', text: 'Clinical detail', healthOnly: true })
    assert.equal(marked.statusCode, 422)
    assert.deepEqual(marked.json(), { errors: [{ field: 'healthOnly', message: 'Only clinical staff of health organisations can write a health-only note' }] })
    const misspelt = await call('clinician', 'POST', notesUrl(), { type: 'general', text: 'Clinical detail', health_only: true })
    assert.equal(misspelt.statusCode, 422)
    assert.equal(misspelt.json<{ errors: Array<{ field: string }> }>().errors[0]?.field, 'body')
    assert.equal(await noteCount(), before)
  })

  it('lists the health-only note only to the clinician, and the case to nobody abroad', async () => {
    const clinician = await call('clinician', 'GET', notesUrl())
    assert.equal(clinician.statusCode, 200)
    const listed = clinician.json<{ notes: NoteJson[]; total: number }>()
    assert.deepEqual(listed.notes.map((note) => note.text), ['Reporting weekly.', 'Disclosed self-harm last month.'])
    const officer = await call('probationOfficer', 'GET', notesUrl())
    assert.equal(officer.statusCode, 200)
    assert.deepEqual(officer.json<{ notes: NoteJson[]; total: number }>().notes.map((note) => note.text), ['Reporting weekly.'])
    assert.equal(officer.json<{ total: number }>().total, 1)
    assert.doesNotMatch(officer.body, /self-harm/)
    const stranger = await call('stranger', 'GET', notesUrl())
    assert.equal(stranger.statusCode, 404)
    assert.doesNotMatch(stranger.body, /self-harm|Reporting/)
  })

  it('amends a note keeping its original, and finds no health-only note for the probation officer nor any note for a stranger', async () => {
    const listed = (await call('clinician', 'GET', notesUrl())).json<{ notes: NoteJson[] }>().notes
    const clinical = listed.find((note) => note.healthOnly)!
    const url = caseNotesPaths.api.amendments({ allocationId: world.allocationId, noteId: clinical.id })
    const before = await noteCount()
    assert.equal((await call('probationOfficer', 'POST', url, { text: 'Changed', reason: 'Curious' })).statusCode, 404)
    assert.equal((await call('stranger', 'POST', url, { text: 'Changed', reason: 'Curious' })).statusCode, 404)
    assert.equal((await call('stranger', 'POST', notesUrl(), { type: 'general', text: 'From elsewhere' })).statusCode, 404)
    const noReason = await call('clinician', 'POST', url, { text: 'Disclosed self-harm in March.' })
    assert.equal(noReason.statusCode, 422)
    assert.deepEqual(noReason.json(), { errors: [{ field: 'reason', message: 'Enter why you are amending the note' }] })
    assert.equal(await noteCount(), before)

    const amended = await call('clinician', 'POST', url, { text: 'Disclosed self-harm in March.', reason: 'The month was wrong' })
    assert.equal(amended.statusCode, 201)
    const note = amended.json<NoteJson>()
    assert.deepEqual([note.id, note.text, note.originalText, note.healthOnly], [clinical.id, 'Disclosed self-harm in March.', 'Disclosed self-harm last month.', true])
    assert.deepEqual(note.amendments.map((amendment) => [amendment.text, amendment.reason, amendment.amendedBy.id]), [['Disclosed self-harm in March.', 'The month was wrong', world.users.clinician.id]])
    const original = await db.selectFrom('case_note').select(['text', 'amends_note_id']).where('id', '=', clinical.id).executeTakeFirstOrThrow()
    assert.deepEqual(original, { text: 'Disclosed self-harm last month.', amends_note_id: null })
    const officer = await call('probationOfficer', 'GET', notesUrl())
    assert.doesNotMatch(officer.body, /self-harm|The month was wrong/)
  })

  it('describes the notes operations in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: apiDocsPaths.document() })).json<{ paths: Record<string, Record<string, { 'x-capability'?: string; 'x-audit-event'?: string }>> }>()
    const notes = document.paths['/api/v1/cases/{allocationId}/notes']
    assert.equal(notes?.get?.['x-audit-event'], 'case-note.view')
    assert.equal(notes?.post?.['x-capability'], 'casework:write')
    assert.equal(document.paths['/api/v1/cases/{allocationId}/notes/{noteId}/amendments']?.post?.['x-audit-event'], 'case-note.amend')
  })
})
