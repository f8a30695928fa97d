import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { LogCapture, testConfig } from '../../../test/support/app.ts'
import { caseWorld, type CaseWorld } from '../../../test/support/cases.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { postForm, type BrowserSession } from '../../../test/support/sessions.ts'
import { buildApp } from '../../platform/app.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { sha256Hex, type FileScanner } from '../../platform/files/index.ts'
import { multipartForm, samplePdf } from '../../platform/files/sample-documents.ts'
import { referralsPaths } from '../referrals/index.ts'
import { caseNotesPaths } from './paths.ts'

/*
 * Case notes on both dialects, as the issue asks: a clinician, the person's probation
 * officer and a user of another organisation, each seeing exactly what they may of a
 * health-only note (its text, amendments and attachment), on every page; amendments keep
 * the original; a file that is not really a document is refused.
 */

/** Calls anything with this marker in it infected, as a real scanner would a virus signature. */
const markerScanner: FileScanner = { name: 'test scanner', scan: async (bytes) => (Buffer.from(bytes).includes('INFECTED-MARKER') ? 'infected' : 'clean') }

const clinicalText = 'Therapy session: spoke about early trauma.\nAgreed a grounding plan. <script>alert(1)</script>'
const ordinaryText = 'Met on the wing; attended the art group.'

describeEachDialect('case notes', (database, dialect) => {
  let app: FastifyInstance
  let db: Db
  let world: CaseWorld
  let filesDir: string
  let allocationId: string

  before(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-case-note-files-'))
    const config = { ...testConfig({ FILES_DIR: filesDir, MAX_UPLOAD_MB: '1' }), database: database().config }
    app = await buildApp({ config, database: database().handle, logDestination: new LogCapture(), fileScanner: markerScanner })
    db = database().handle.db
    world = await caseWorld(app, db)
    allocationId = world.allocationId
  })
  after(async () => {
    await app.close()
    fs.rmSync(filesDir, { recursive: true, force: true })
  })

  const get = (url: string, session: { cookie: string }) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  function addNote(session: BrowserSession, fields: Record<string, string>, file?: { fileName: string; bytes: Uint8Array; contentType?: string }) {
    const form = multipartForm({ _csrf: session.csrf, ...fields }, file ? { field: 'file', ...file } : undefined)
    return app.inject({ method: 'POST', url: caseNotesPaths.newNote({ allocationId }), headers: { cookie: session.cookie, 'content-type': form.contentType }, payload: form.payload })
  }
  const notes = () => db.selectFrom('case_note').selectAll().where('allocation_id', '=', allocationId).orderBy('created_at').orderBy('id').execute()
  const noteWith = async (text: string) => (await notes()).find((note) => note.text === text)!
  const attachmentsOf = (noteId: string) => db.selectFrom('case_note_attachment').selectAll().where('note_id', '=', noteId).execute()

  it('keeps a clinician\'s ordinary note, and a therapy note as health-only with its attachment in the dialect\'s store', async () => {
    assert.equal((await addNote(world.sessions.clinician, { type: 'general', text: ordinaryText })).statusCode, 303)
    const bytes = samplePdf('Grounding plan')
    const response = await addNote(world.sessions.clinician, { type: 'therapy_session', text: clinicalText, attachmentTitle: 'Grounding plan' }, { fileName: '../Grounding plan (v2).pdf', bytes, contentType: 'application/pdf' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, caseNotesPaths.list({ allocationId }))
    const [ordinary, clinical] = [await noteWith(ordinaryText), await noteWith(clinicalText)]
    assert.deepEqual([ordinary.health_only, clinical.health_only], [false, true])
    assert.equal(clinical.author_organisation_id, world.trust.organisationId)
    const [attachment] = await attachmentsOf(clinical.id)
    assert.ok(attachment)
    assert.deepEqual([attachment.title, attachment.file_name, attachment.media_type, Number(attachment.size_bytes), attachment.sha256, attachment.storage], ['Grounding plan', 'Grounding-plan-v2.pdf', 'application/pdf', bytes.byteLength, sha256Hex(bytes), dialect === 'postgres' ? 'database' : 'disk'])
    const events = await db.selectFrom('person_timeline_event').select(['kind', 'data_category', 'record_id']).where('allocation_id', '=', allocationId).where('kind', '=', 'case_note.added').execute()
    assert.deepEqual(events.map((event) => [event.record_id, event.data_category]).sort(), [[ordinary.id, 'case_note'], [clinical.id, 'clinical_note']].sort())
    const audit = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'case-note.create').where('record_id', '=', clinical.id).executeTakeFirstOrThrow()
    assert.deepEqual([audit.outcome, audit.person_id], ['allowed', world.personId])
  })

  it('shows the clinician the health-only note, escaped, with its tag and attachment', async () => {
    const page = await get(caseNotesPaths.list({ allocationId }), world.sessions.clinician)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Therapy session: spoke about early trauma\.<br>Agreed a grounding plan\. &lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.doesNotMatch(page.body, /<script>alert/)
    assert.match(page.body, /Health only/)
    assert.match(page.body, />Grounding plan<\/a>/)
    assert.match(page.body, /Met on the wing; attended the art group\./)
  })

  it('shows the probation officer the ordinary note but nothing of the health-only one, and refuses them its attachment and its amendment', async () => {
    const clinical = await noteWith(clinicalText)
    const [attachment] = await attachmentsOf(clinical.id)
    const page = await get(caseNotesPaths.list({ allocationId }), world.sessions.probationOfficer)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Met on the wing; attended the art group\./)
    assert.doesNotMatch(page.body, /early trauma|Grounding plan|Health only/)
    assert.doesNotMatch(page.body, new RegExp(clinical.id))
    const download = caseNotesPaths.attachment({ allocationId, noteId: clinical.id, noteAttachmentId: attachment!.id })
    assert.equal((await get(download, world.sessions.probationOfficer)).statusCode, 404)
    assert.equal((await get(caseNotesPaths.amend({ allocationId, noteId: clinical.id }), world.sessions.probationOfficer)).statusCode, 404)
    const before = (await notes()).length
    const amend = await postForm(app, world.sessions.probationOfficer, caseNotesPaths.amend({ allocationId, noteId: clinical.id }), { text: 'Rewritten', reason: 'Trying' })
    assert.equal(amend.statusCode, 404)
    assert.equal((await notes()).length, before)
    const documents = await get(caseNotesPaths.documents({ allocationId }), world.sessions.probationOfficer)
    assert.equal(documents.statusCode, 200)
    assert.doesNotMatch(documents.body, /Grounding plan/)
    const denied = await db.selectFrom('audit_event').select('outcome').where('user_id', '=', world.users.probationOfficer.id).where('action', '=', 'case-note.attachment.download').executeTakeFirstOrThrow()
    assert.equal(denied.outcome, 'denied')
  })

  it('lets the clinician download the attachment with safe headers, and serves nothing whose checksum no longer matches', async () => {
    const clinical = await noteWith(clinicalText)
    const [attachment] = await attachmentsOf(clinical.id)
    const url = caseNotesPaths.attachment({ allocationId, noteId: clinical.id, noteAttachmentId: attachment!.id })
    const download = await get(url, world.sessions.clinician)
    assert.equal(download.statusCode, 200)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.equal(download.headers['content-disposition'], 'attachment; filename="Grounding-plan-v2.pdf"')
    assert.equal(download.headers['cache-control'], 'private, no-store')
    assert.equal(download.headers['x-content-type-options'], 'nosniff')
    assert.ok(download.rawPayload.toString('latin1').includes('Grounding plan'))
    const documents = await get(caseNotesPaths.documents({ allocationId }), world.sessions.clinician)
    assert.match(documents.body, new RegExp(`href="${url}"`))

    await db.updateTable('case_note_attachment').set({ sha256: sha256Hex(Buffer.from('something else')) }).where('id', '=', attachment!.id).execute()
    assert.equal((await get(url, world.sessions.clinician)).statusCode, 500)
    await db.updateTable('case_note_attachment').set({ sha256: attachment!.sha256 }).where('id', '=', attachment!.id).execute()
  })

  it('gives a user of another organisation "not found" on every page and changes nothing', async () => {
    const clinical = await noteWith(clinicalText)
    const [attachment] = await attachmentsOf(clinical.id)
    const before = await notes()
    for (const url of [caseNotesPaths.list({ allocationId }), caseNotesPaths.newNote({ allocationId }), caseNotesPaths.amend({ allocationId, noteId: clinical.id }), caseNotesPaths.attachment({ allocationId, noteId: clinical.id, noteAttachmentId: attachment!.id }), caseNotesPaths.documents({ allocationId })]) {
      const response = await get(url, world.sessions.stranger)
      assert.equal(response.statusCode, 404, url)
      assert.doesNotMatch(response.body, /Quillby|early trauma/)
    }
    assert.equal((await addNote(world.sessions.stranger, { type: 'general', text: 'From elsewhere' })).statusCode, 404)
    assert.equal((await postForm(app, world.sessions.stranger, caseNotesPaths.amend({ allocationId, noteId: clinical.id }), { text: 'Changed', reason: 'Because' })).statusCode, 404)
    assert.deepEqual(await notes(), before)
    const audits = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('user_id', '=', world.users.stranger.id).where('action', 'in', ['case-note.view', 'case-note.create', 'case-note.amend', 'case-note.attachment.download', 'case.documents.view']).execute()
    assert.equal(audits.length, 7)
    assert.ok(audits.every((row) => row.outcome === 'denied' && row.person_id === null))
  })

  it('never lets the probation officer write a health-only note, nor offers them one', async () => {
    const form = await get(caseNotesPaths.newNote({ allocationId }), world.sessions.probationOfficer)
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(form.body, /name="healthOnly"|value="therapy_session"|value="clinical_assessment"/)
    assert.match(form.body, /value="keywork"/)
    const before = (await notes()).length
    const marked = await addNote(world.sessions.probationOfficer, { type: 'general', text: 'Marked as health only', healthOnly: 'yes' })
    assert.equal(marked.statusCode, 400)
    assert.match(marked.body, /Only clinical staff of health organisations can write a health-only note/)
    assert.match(marked.body, /Marked as health only<\/textarea>/, 'what was typed comes back')
    const clinicalType = await addNote(world.sessions.probationOfficer, { type: 'clinical_assessment', text: 'An assessment' })
    assert.equal(clinicalType.statusCode, 400)
    assert.match(clinicalType.body, /Only clinical staff of health organisations can write this type of note/)
    assert.equal((await notes()).length, before)
    assert.equal((await addNote(world.sessions.probationOfficer, { type: 'offender_manager_contact', text: 'Licence conditions explained.' })).statusCode, 303)
  })

  it('keeps the original when a note is amended, and shows who amended what, when and why', async () => {
    const ordinary = await noteWith(ordinaryText)
    const missingReason = await postForm(app, world.sessions.probationOfficer, caseNotesPaths.amend({ allocationId, noteId: ordinary.id }), { text: 'Met on the wing; missed the art group.', reason: ' ' })
    assert.equal(missingReason.statusCode, 400)
    assert.match(missingReason.body, /govuk-error-summary/)
    assert.match(missingReason.body, /Enter why you are amending the note/)
    assert.match(missingReason.body, /Met on the wing; missed the art group\.<\/textarea>/)

    const first = await postForm(app, world.sessions.probationOfficer, caseNotesPaths.amend({ allocationId, noteId: ordinary.id }), { text: 'Met on the wing; missed the art group.', reason: 'The group was the day before' })
    assert.equal(first.statusCode, 303)
    const firstAmendment = await noteWith('Met on the wing; missed the art group.')
    // Amending an amendment still amends the original: the amendments stay one flat list.
    const second = await postForm(app, world.sessions.clinician, caseNotesPaths.amend({ allocationId, noteId: firstAmendment.id }), { text: 'Met on the wing; will join the art group next week.', reason: 'Clarified with the group lead' })
    assert.equal(second.statusCode, 303)
    const rows = (await notes()).filter((note) => note.id === ordinary.id || note.amends_note_id === ordinary.id)
    assert.deepEqual(rows.map((note) => [note.text, note.amends_note_id, note.amendment_reason, note.note_type, note.health_only]), [
      [ordinaryText, null, null, 'general', false],
      ['Met on the wing; missed the art group.', ordinary.id, 'The group was the day before', 'general', false],
      ['Met on the wing; will join the art group next week.', ordinary.id, 'Clarified with the group lead', 'general', false],
    ])

    const page = await get(caseNotesPaths.list({ allocationId }), world.sessions.probationOfficer)
    assert.match(page.body, /Met on the wing; will join the art group next week\./)
    assert.match(page.body, /Amended by Test user [0-9a-f]{4} at [^.]+\. Reason: Clarified with the group lead/)
    assert.match(page.body, /Original note by Test user [0-9a-f]{4}, Teacup Valley NHS Trust/)
    assert.match(page.body, /Met on the wing; attended the art group\./)
    assert.match(page.body, /Amendment 1 by Test user [0-9a-f]{4}, Marmalade Probation Delivery Unit/)
    assert.match(page.body, /Reason: The group was the day before/)
    const events = await db.selectFrom('person_timeline_event').select(['data_category', 'record_id']).where('kind', '=', 'case_note.amended').where('allocation_id', '=', allocationId).execute()
    assert.deepEqual(events.map((event) => [event.record_id, event.data_category]), [[ordinary.id, 'case_note'], [ordinary.id, 'case_note']])
  })

  it('amends a health-only note into health-only amendments the probation officer never sees', async () => {
    const clinical = await noteWith(clinicalText)
    const response = await postForm(app, world.sessions.clinician, caseNotesPaths.amend({ allocationId, noteId: clinical.id }), { text: 'Therapy session: agreed a grounding plan.', reason: 'Removed detail not needed' })
    assert.equal(response.statusCode, 303)
    const amendment = await noteWith('Therapy session: agreed a grounding plan.')
    assert.deepEqual([amendment.health_only, amendment.note_type, amendment.amends_note_id], [true, 'therapy_session', clinical.id])
    assert.equal((await noteWith(clinicalText)).text, clinicalText)
    const officer = await get(caseNotesPaths.list({ allocationId }), world.sessions.probationOfficer)
    assert.doesNotMatch(officer.body, /grounding plan|Removed detail not needed/)
    const history = await db.selectFrom('person_timeline_event').select('data_category').where('kind', '=', 'case_note.amended').where('record_id', '=', clinical.id).executeTakeFirstOrThrow()
    assert.equal(history.data_category, 'clinical_note')
  })

  it('refuses a file that is not really a document, and one the scanner calls infected, keeping no note', async () => {
    const before = (await notes()).length
    const disguised = await addNote(world.sessions.clinician, { type: 'keywork', text: 'With a disguised file' }, { fileName: 'report.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), contentType: 'application/pdf' })
    assert.equal(disguised.statusCode, 400)
    assert.match(disguised.body, /The file must be a PDF, Word \(DOCX\) or OpenDocument text \(ODT\) document/)
    assert.match(disguised.body, /With a disguised file<\/textarea>/)
    const infected = await addNote(world.sessions.clinician, { type: 'keywork', text: 'With an infected file' }, { fileName: 'plan.pdf', bytes: samplePdf('INFECTED-MARKER') })
    assert.equal(infected.statusCode, 400)
    assert.match(infected.body, /The file contains a virus/)
    const tooBig = await addNote(world.sessions.clinician, { type: 'keywork', text: 'With a huge file' }, { fileName: 'huge.pdf', bytes: Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024 + 10)]) })
    assert.equal(tooBig.statusCode, 413)
    assert.equal((await notes()).length, before)
    assert.equal((await db.selectFrom('case_note_attachment').select('id').execute()).length, 1)
  })

  it('lists the referral\'s documents beside the notes\' to both sides of the referral', async () => {
    const key = newId()
    const bytes = samplePdf('OASys summary')
    await db.insertInto('stored_file').values({ key, content: bytes }).execute()
    const attachmentId = newId()
    await db.insertInto('referral_attachment').values({ id: attachmentId, referral_id: world.referralId, title: 'OASys summary', file_name: 'oasys.pdf', media_type: 'application/pdf', size_bytes: bytes.byteLength, sha256: sha256Hex(bytes), storage: 'database', storage_key: key, uploaded_by: world.users.probationOfficer.id }).execute()
    const href = referralsPaths.download({ referralId: world.referralId, attachmentId, fileName: 'oasys.pdf' })
    for (const session of [world.sessions.clinician, world.sessions.probationOfficer]) {
      const page = await get(caseNotesPaths.documents({ allocationId }), session)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`href="${href}"[^>]*>OASys summary`))
      assert.equal((await get(href, session)).statusCode, 200, 'the link leads to the document')
    }
  })

  it('filters notes by type and pages through them newest first', async () => {
    const keywork = await get(`${caseNotesPaths.list({ allocationId })}?type=offender_manager_contact`, world.sessions.clinician)
    assert.match(keywork.body, /Licence conditions explained\./)
    assert.doesNotMatch(keywork.body, /Met on the wing/)
    const older = new Date(Date.now() - 86_400_000)
    await db.insertInto('case_note').values(Array.from({ length: 20 }, (_unused, index) => ({ id: newId(), allocation_id: allocationId, person_id: world.personId, note_type: 'general', health_only: false, text: `Older note ${index + 1}.`, amends_note_id: null, amendment_reason: null, author_user_id: world.users.clinician.id, author_organisation_id: world.trust.organisationId, created_at: new Date(older.getTime() + index * 1000).toISOString() }))).execute()
    const first = await get(caseNotesPaths.list({ allocationId }), world.sessions.clinician)
    assert.match(first.body, /Licence conditions explained\./)
    assert.match(first.body, /href="[^"]*\?page=2"/)
    assert.doesNotMatch(first.body, /Older note 1\./, 'the oldest note is on the next page')
    const second = await get(`${caseNotesPaths.list({ allocationId })}?page=2`, world.sessions.clinician)
    assert.match(second.body, /Older note 1\./)
    assert.equal((await get(`${caseNotesPaths.list({ allocationId })}?page=9`, world.sessions.clinician)).statusCode, 404)
  })

  it('takes no notes or amendments once the case is closed', async () => {
    const ordinary = await noteWith(ordinaryText)
    await db.updateTable('allocation').set({ status: 'ended', ended_at: new Date().toISOString() }).where('id', '=', allocationId).execute()
    const before = (await notes()).length
    assert.equal((await addNote(world.sessions.clinician, { type: 'general', text: 'Too late' })).statusCode, 409)
    assert.equal((await postForm(app, world.sessions.clinician, caseNotesPaths.amend({ allocationId, noteId: ordinary.id }), { text: 'Too late', reason: 'Late' })).statusCode, 409)
    assert.equal((await notes()).length, before)
    const page = await get(caseNotesPaths.list({ allocationId }), world.sessions.clinician)
    assert.match(page.body, /This case is closed/)
    assert.doesNotMatch(page.body, new RegExp(`href="${caseNotesPaths.newNote({ allocationId })}"`))
    await db.updateTable('allocation').set({ status: 'active', ended_at: null }).where('id', '=', allocationId).execute()
  })

  it('has no code that changes a note in place', () => {
    const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path.join(dir, entry.name)] : []))
    const updating = sources(path.resolve('src')).filter((file) => /updateTable\(\s*['"]case_note['"]|update\s+case_note\b/i.test(fs.readFileSync(file, 'utf8')))
    assert.deepEqual(updating, [])
  })
})
