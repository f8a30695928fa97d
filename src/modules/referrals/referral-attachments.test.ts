import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { LogCapture, testConfig } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { completeAnswers, referralWorld, type Member, type ReferralWorld } from '../../../test/support/referrals.ts'
import { postForm } from '../../../test/support/sessions.ts'
import { buildApp } from '../../platform/app.ts'
import type { Db } from '../../platform/db/database.ts'
import type { FileScanner } from '../../platform/files/index.ts'
import { multipartForm, sampleDocx, samplePdf } from '../../platform/files/sample-documents.ts'
import { referralsPaths } from './paths.ts'

/** Calls anything with this marker in it infected, as a real scanner would a virus signature. */
const markerScanner: FileScanner = { name: 'test scanner', scan: async (bytes) => (Buffer.from(bytes).includes('INFECTED-MARKER') ? 'infected' : 'clean') }

describeEachDialect('supporting documents on a referral', (database, dialect) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld
  let filesDir: string
  let referralId: string

  before(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-referral-files-'))
    // The default store of each dialect: on disk beside SQLite, in the database with PostgreSQL.
    const config = { ...testConfig({ FILES_DIR: filesDir, MAX_UPLOAD_MB: '1' }), database: database().config }
    app = await buildApp({ config, database: database().handle, logDestination: new LogCapture(), fileScanner: markerScanner })
    db = database().handle.db
    world = await referralWorld(app, db)
    const draft = await postForm(app, world.referrer.session, referralsPaths.newReferral({ personId: world.personId }), { service: world.serviceId, action: 'draft' })
    referralId = String(draft.headers.location).split('/').at(-1) ?? ''
  })
  after(async () => {
    await app.close()
    fs.rmSync(filesDir, { recursive: true, force: true })
  })

  function upload(who: Member, title: string, file?: { fileName: string; bytes: Uint8Array; contentType?: string }) {
    const form = multipartForm({ _csrf: who.session.csrf, title }, file ? { field: 'file', ...file } : undefined)
    return app.inject({ method: 'POST', url: referralsPaths.attachments({ referralId }), headers: { cookie: who.session.cookie, 'content-type': form.contentType }, payload: form.payload })
  }
  const attachments = () => db.selectFrom('referral_attachment').selectAll().where('referral_id', '=', referralId).where('removed_at', 'is', null).orderBy('uploaded_at').execute()
  const get = (who: Member, url: string) => app.inject({ method: 'GET', url, headers: { cookie: who.session.cookie } })

  it('keeps a PDF added to a draft, under a safe name, with its checksum, in the dialect\'s file store', async () => {
    const bytes = samplePdf('OASys summary for the referral')
    const response = await upload(world.referrer, 'Latest OASys summary', { fileName: '../../OASys summary (final).pdf', bytes, contentType: 'application/pdf' })
    assert.equal(response.statusCode, 303)
    const [stored] = await attachments()
    assert.ok(stored)
    assert.deepEqual([stored.title, stored.file_name, stored.media_type, Number(stored.size_bytes), stored.storage], ['Latest OASys summary', 'OASys-summary-final.pdf', 'application/pdf', bytes.byteLength, dialect === 'postgres' ? 'database' : 'disk'])
    assert.match(stored.sha256, /^[0-9a-f]{64}$/)
    const listed = await get(world.referrer, referralsPaths.attachments({ referralId }))
    assert.match(listed.body, /Latest OASys summary/)
  })

  it('refuses a file that is not a PDF, Word or OpenDocument text whatever its name, one too big, and one the scanner calls infected', async () => {
    const before = (await attachments()).length
    const disguised = await upload(world.referrer, 'Not really a PDF', { fileName: 'report.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), contentType: 'application/pdf' })
    assert.equal(disguised.statusCode, 400)
    assert.match(disguised.body, /The file must be a PDF, Word \(DOCX\) or OpenDocument text \(ODT\) document/)
    assert.match(disguised.body, /value="Not really a PDF"/, 'the title typed comes back')
    const tooBig = await upload(world.referrer, 'Huge', { fileName: 'huge.pdf', bytes: Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024 + 10)]) })
    assert.equal(tooBig.statusCode, 413)
    assert.match(tooBig.body, /The file must be smaller than 1 MB/)
    const infected = await upload(world.referrer, 'Infected', { fileName: 'bad.docx', bytes: sampleDocx('INFECTED-MARKER') })
    assert.equal(infected.statusCode, 400)
    assert.match(infected.body, /The file contains a virus/)
    const noTitle = await upload(world.referrer, ' ', { fileName: 'ok.pdf', bytes: samplePdf() })
    assert.match(noTitle.body, /Enter a title for the document/)
    assert.equal((await attachments()).length, before)
  })

  it('lets both sides download a document with safe headers once submitted, and nobody else', async () => {
    const [stored] = await attachments()
    assert.ok(stored)
    const href = referralsPaths.download({ referralId, attachmentId: stored.id, fileName: stored.file_name })
    assert.equal((await get(world.reviewer, href)).statusCode, 404, 'a draft is the referrer\'s own')
    const version = String((await db.selectFrom('referral').select('version').where('id', '=', referralId).executeTakeFirstOrThrow()).version)
    assert.equal((await postForm(app, world.referrer.session, referralsPaths.edit({ referralId }), { ...completeAnswers(world), version, action: 'submit' })).statusCode, 303)

    const download = await get(world.reviewer, href)
    assert.equal(download.statusCode, 200)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.equal(download.headers['content-disposition'], 'attachment; filename="OASys-summary-final.pdf"')
    assert.equal(download.headers['cache-control'], 'private, no-store')
    assert.equal(download.headers['x-content-type-options'], 'nosniff')
    assert.ok(download.rawPayload.toString('latin1').includes('OASys summary for the referral'))
    assert.match((await get(world.reviewer, referralsPaths.referral({ referralId }))).body, /Latest OASys summary/)

    assert.equal((await get(world.stranger, href)).statusCode, 404)
    assert.equal((await get(world.reviewer, referralsPaths.download({ referralId, attachmentId: stored.id, fileName: 'other.pdf' }))).statusCode, 404, 'only under its own name')
    const downloads = await db.selectFrom('audit_event').select(['user_id', 'outcome']).where('action', '=', 'referral.attachment.download').where('record_id', '=', referralId).orderBy('sequence').execute()
    assert.deepEqual(downloads.map((row) => row.outcome), ['denied', 'allowed', 'denied', 'denied'])
  })

  it('takes no documents and removes none once the referral is with the service', async () => {
    const before = await attachments()
    const late = await upload(world.referrer, 'Too late', { fileName: 'late.pdf', bytes: samplePdf() })
    assert.equal(late.statusCode, 303)
    assert.equal(late.headers.location, referralsPaths.referral({ referralId }))
    const [stored] = before
    assert.ok(stored)
    const removal = await postForm(app, world.referrer.session, referralsPaths.removeAttachment({ referralId, attachmentId: stored.id }))
    assert.equal(removal.statusCode, 303)
    assert.deepEqual((await attachments()).map((row) => row.id), before.map((row) => row.id))
    assert.equal((await upload(world.clinician, 'From the service', { fileName: 'svc.pdf', bytes: samplePdf() })).statusCode, 404, 'the service side adds no documents')
  })

  it('lets the referrer remove a document from a referral the service asked more about', async () => {
    await postForm(app, world.reviewer.session, referralsPaths.transitions({ referralId }), { to: 'in_review' })
    await postForm(app, world.reviewer.session, referralsPaths.transitions({ referralId }), { to: 'information_requested', note: 'A newer summary, please.' })
    const [stored] = await attachments()
    assert.ok(stored)
    assert.equal((await postForm(app, world.referrer.session, referralsPaths.removeAttachment({ referralId, attachmentId: stored.id }))).statusCode, 303)
    assert.deepEqual(await attachments(), [])
    const row = await db.selectFrom('referral_attachment').select('removed_at').where('id', '=', stored.id).executeTakeFirstOrThrow()
    assert.ok(row.removed_at, 'the row stays, marked removed')
    assert.equal((await postForm(app, world.stranger.session, referralsPaths.removeAttachment({ referralId, attachmentId: stored.id }))).statusCode, 404)
  })
})
