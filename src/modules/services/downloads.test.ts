import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { LogCapture, testConfig } from '../../../test/support/app.ts'
import { describeEachDialect, type TestDatabase } from '../../../test/support/dialects.ts'
import { createUser, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import { buildApp } from '../../platform/app.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { sha256Hex, type FileScanner, type ScanVerdict, type StorageKind } from '../../platform/files/index.ts'
import { multipartForm, sampleDocx, sampleOdt, samplePdf, zipArchive } from '../../platform/files/sample-documents.ts'
import { servicesPaths } from './paths.ts'
import { fileSizeInWords } from './rules.ts'

const manage = servicesPaths.manage

interface Upload {
  fileName: string
  bytes: Uint8Array
  contentType?: string
}

/** The app on the suite's database with its own files folder, storage, size limit and scanner. */
async function startApp(database: TestDatabase, options: { storage: StorageKind; maxUploadMb?: number; scanner?: FileScanner }) {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-downloads-'))
  const logs = new LogCapture()
  const config = { ...testConfig({ FILE_STORAGE: options.storage, FILES_DIR: filesDir, MAX_UPLOAD_MB: String(options.maxUploadMb ?? 10) }), database: database.config }
  const app = await buildApp({ config, database: database.handle, logDestination: logs, ...(options.scanner ? { fileScanner: options.scanner } : {}) })
  return {
    app,
    logs,
    filesDir,
    async stop() {
      await app.close()
      fs.rmSync(filesDir, { recursive: true, force: true })
    },
  }
}

/** Every file under a folder, however deep. */
function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

describeEachDialect('files for referrers', (database) => {
  let db: Db
  let homeServiceId: string
  let managerUser: TestUser
  let foreignManagerUser: TestUser

  before(async () => {
    db = database().handle.db
    const home = newId()
    const foreign = newId()
    homeServiceId = newId()
    await db.insertInto('organisation').values([
      { id: home, name: 'Fellbrook Women’s Centre', type: 'charity' },
      { id: foreign, name: 'Quillmarsh Probation Region', type: 'probation_region' },
    ]).execute()
    await db.insertInto('service').values({ id: homeServiceId, organisation_id: home, slug: 'fellbrook-housing', name: 'Fellbrook housing', summary: 'Housing placements.', is_public: true }).execute()
    // Service managers need a second factor; demo accounts skip it, which keeps these tests about files.
    managerUser = await createUser(db, { organisationId: home, roles: ['service_manager'], isDemo: true })
    foreignManagerUser = await createUser(db, { organisationId: foreign, roles: ['service_manager'], isDemo: true })
  })

  /** Posts the upload form as a browser does, with the session's CSRF token. */
  function upload(app: FastifyInstance, session: BrowserSession | null, title: string, file?: Upload, url = manage.downloads({ serviceId: homeServiceId })) {
    const form = multipartForm(session ? { _csrf: session.csrf, title } : { title }, file ? { field: 'file', fileName: file.fileName, contentType: file.contentType, bytes: file.bytes } : undefined)
    return app.inject({ method: 'POST', url, headers: { 'content-type': form.contentType, ...(session ? { cookie: session.cookie } : {}) }, payload: form.payload })
  }

  const downloadRows = () => db.selectFrom('service_download').selectAll().where('service_id', '=', homeServiceId).orderBy('uploaded_at').orderBy('id').execute()
  const storedFileCount = async () => Number((await db.selectFrom('stored_file').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  for (const storage of ['disk', 'database'] as const) {
    describe(`stored on ${storage}`, () => {
      let started: Awaited<ReturnType<typeof startApp>>
      let manager: BrowserSession
      const get = (url: string, headers: Record<string, string> = {}) => started.app.inject({ method: 'GET', url, headers })

      before(async () => {
        started = await startApp(database(), { storage })
        manager = await signIn(started.app, managerUser)
      })
      after(() => started.stop())

      it('takes a real PDF, Word document and OpenDocument text, whatever their names, and stores each under a generated key with its checksum', async () => {
        const before = (await downloadRows()).length
        const files: Array<[string, Upload, string, string]> = [
          ['Referral form', { fileName: 'Referral form (2026).PDF', bytes: samplePdf(), contentType: 'application/octet-stream' }, 'pdf', 'Referral-form-2026.pdf'],
          ['Leaflet', { fileName: 'leaflet', bytes: sampleDocx() }, 'docx', 'leaflet.docx'],
          ['Easy read guide', { fileName: 'Guide.odt', bytes: sampleOdt() }, 'odt', 'Guide.odt'],
        ]
        for (const [title, file] of files) {
          const response = await upload(started.app, manager, title, file)
          assert.equal(response.statusCode, 303, `${title}: ${response.body.slice(0, 200)}`)
          assert.equal(response.headers.location, manage.service({ serviceId: homeServiceId }))
        }
        const rows = (await downloadRows()).slice(before)
        assert.deepEqual(rows.map((row) => [row.title, row.document_type, row.file_name, row.storage]), files.map(([title, , type, name]) => [title, type, name, storage]))
        for (const [index, row] of rows.entries()) {
          const bytes = files[index]![1].bytes
          assert.equal(row.sha256, sha256Hex(bytes))
          assert.equal(Number(row.byte_size), bytes.byteLength)
          assert.equal(row.uploaded_by, managerUser.id)
        }
        if (storage === 'disk') {
          const onDisk = filesUnder(started.filesDir).map((file) => path.basename(file))
          for (const row of rows) assert.ok(onDisk.includes(row.storage_key), 'the file is on disk under its key')
          assert.ok(!onDisk.some((name) => /Referral|leaflet|Guide/.test(name)), 'no uploaded name is used on disk')
        } else {
          assert.deepEqual(filesUnder(started.filesDir), [])
        }
        const audit = await db.selectFrom('audit_event').select(['action', 'outcome', 'details']).where('action', '=', 'service.download.add').orderBy('sequence', 'desc').executeTakeFirstOrThrow()
        assert.equal(audit.outcome, 'allowed')
        assert.equal((audit.details as { sha256: string }).sha256, rows[2]!.sha256)
      })

      it('lists the files on the public page with title, type and size, and serves each as an attachment with its checksum as ETag', async () => {
        const page = await get(servicesPaths.service({ slug: 'fellbrook-housing' }))
        assert.match(page.body, /Forms and leaflets/)
        const row = (await downloadRows()).find((candidate) => candidate.title === 'Referral form' && candidate.storage === storage && candidate.removed_at === null)!
        const url = servicesPaths.download({ slug: 'fellbrook-housing', downloadId: row.id, fileName: row.file_name })
        assert.ok(page.body.includes(`href="${url}" download>Referral form (PDF, ${fileSizeInWords(Number(row.byte_size), started.app.content.t)})</a>`), 'the link says title, type and size')

        const response = await get(url)
        assert.equal(response.statusCode, 200)
        assert.deepEqual(response.rawPayload, samplePdf())
        assert.equal(response.headers['content-type'], 'application/pdf')
        assert.equal(response.headers['content-disposition'], 'attachment; filename="Referral-form-2026.pdf"')
        assert.equal(response.headers['x-content-type-options'], 'nosniff')
        assert.equal(response.headers.etag, `"${row.sha256}"`)
        assert.equal(response.headers['cache-control'], 'public, max-age=3600')
        assert.equal(Number(response.headers['content-length']), samplePdf().byteLength)

        const cached = await get(url, { 'if-none-match': `"${row.sha256}"` })
        assert.equal(cached.statusCode, 304)
        assert.equal(cached.rawPayload.byteLength, 0)
        assert.equal(cached.headers.etag, `"${row.sha256}"`)

        const docx = (await downloadRows()).find((candidate) => candidate.document_type === 'docx' && candidate.storage === storage)!
        const word = await get(servicesPaths.download({ slug: 'fellbrook-housing', downloadId: docx.id, fileName: docx.file_name }))
        assert.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        assert.deepEqual(word.rawPayload, sampleDocx())

        assert.equal((await get(servicesPaths.download({ slug: 'fellbrook-housing', downloadId: row.id, fileName: 'other.pdf' }))).statusCode, 404, 'only under its own name')
        assert.equal((await get(servicesPaths.download({ slug: 'fellbrook-housing', downloadId: newId(), fileName: row.file_name }))).statusCode, 404)
      })

      it('refuses a file whose bytes are not a PDF, Word document or OpenDocument text, whatever its name says, and keeps nothing', async () => {
        const rowsBefore = (await downloadRows()).length
        const storedBefore = await storedFileCount()
        const filesBefore = filesUnder(started.filesDir).length
        const disguised: Upload[] = [
          { fileName: 'form.pdf', contentType: 'application/pdf', bytes: Buffer.from('<!doctype html><title>x</title><script>alert(1)</script>') },
          { fileName: 'form.pdf', contentType: 'application/pdf', bytes: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(500)]) },
          { fileName: 'form.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: zipArchive([{ name: 'readme.txt', data: 'not a document' }]) },
        ]
        for (const file of disguised) {
          const response = await upload(started.app, manager, 'Referral form', file)
          assert.equal(response.statusCode, 400)
          assert.match(response.body, /href="#file">The selected file must be a PDF, Word \(DOCX\) or OpenDocument text \(ODT\) file/)
          assert.match(response.body, /value="Referral form"/, 'keeps the title typed')
        }
        const missing = await upload(started.app, manager, '', { fileName: '', bytes: Buffer.alloc(0) })
        assert.equal(missing.statusCode, 400)
        assert.match(missing.body, /href="#title">Enter a title for the file/)
        const noFile = await upload(started.app, manager, 'Referral form', { fileName: '', bytes: Buffer.alloc(0) })
        assert.match(noFile.body, /href="#file">Select a file/)
        assert.equal((await downloadRows()).length, rowsBefore)
        assert.equal(await storedFileCount(), storedBefore)
        assert.equal(filesUnder(started.filesDir).length, filesBefore)
      })

      it('refuses to serve a file whose bytes no longer match their checksum', async () => {
        const row = (await downloadRows()).find((candidate) => candidate.document_type === 'odt' && candidate.storage === storage)!
        if (storage === 'disk') {
          fs.writeFileSync(path.join(started.filesDir, row.storage_key.slice(-2), row.storage_key), Buffer.concat([sampleOdt(), Buffer.from('tampered')]))
        } else {
          await db.updateTable('stored_file').set({ content: Buffer.concat([sampleOdt(), Buffer.from('tampered')]) }).where('key', '=', row.storage_key).execute()
        }
        const response = await get(servicesPaths.download({ slug: 'fellbrook-housing', downloadId: row.id, fileName: row.file_name }))
        assert.equal(response.statusCode, 500)
        assert.match(String(response.headers['content-type']), /text\/html/)
        assert.ok(!response.rawPayload.includes(Buffer.from('tampered')), 'the damaged bytes are not sent')
        assert.equal(response.headers['cache-control'], undefined, 'the refusal is not cacheable as the file')
        const logged = started.logs.lines.find((line) => line.msg === 'stored file is missing or does not match its checksum; not served')
        assert.equal(logged?.downloadId, row.id)
      })

      it('takes a file off the public page when removed, keeping its row as removed', async () => {
        const row = (await downloadRows()).find((candidate) => candidate.document_type === 'docx' && candidate.storage === storage && candidate.removed_at === null)!
        const before = await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('n')).executeTakeFirstOrThrow()
        const form = new URLSearchParams({ _csrf: manager.csrf }).toString()
        const removed = await started.app.inject({ method: 'POST', url: manage.removeDownload({ serviceId: homeServiceId, downloadId: row.id }), headers: { cookie: manager.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form })
        assert.equal(removed.statusCode, 303)
        const kept = await db.selectFrom('service_download').select(['removed_at', 'removed_by']).where('id', '=', row.id).executeTakeFirstOrThrow()
        assert.ok(kept.removed_at)
        assert.equal(kept.removed_by, managerUser.id)
        assert.equal((await get(servicesPaths.download({ slug: 'fellbrook-housing', downloadId: row.id, fileName: row.file_name }))).statusCode, 404)
        assert.ok(!(await get(servicesPaths.service({ slug: 'fellbrook-housing' }))).body.includes(row.id))
        const audit = await db.selectFrom('audit_event').select(['action', 'user_id']).where('sequence', '>', Number(before.n)).execute()
        assert.deepEqual(audit, [{ action: 'service.download.remove', user_id: managerUser.id }])
      })
    })
  }

  describe('limits and refusals', () => {
    let started: Awaited<ReturnType<typeof startApp>>
    let manager: BrowserSession
    before(async () => {
      started = await startApp(database(), { storage: 'database', maxUploadMb: 1 })
      manager = await signIn(started.app, managerUser)
    })
    after(() => started.stop())

    it('refuses a file over the size limit with 413 and says how large a file may be', async () => {
      const before = (await downloadRows()).length
      const tooLarge = Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024)])
      const response = await upload(started.app, manager, 'Big form', { fileName: 'big.pdf', bytes: tooLarge })
      assert.equal(response.statusCode, 413)
      assert.match(response.body, /href="#file">The file must be smaller than 1 MB/)
      assert.equal((await downloadRows()).length, before)
    })

    it('refuses a file from another organisation\'s service manager (404), and from someone not signed in, keeping nothing', async () => {
      const before = (await downloadRows()).length
      const foreign = await signIn(started.app, foreignManagerUser)
      assert.equal((await upload(started.app, foreign, 'Planted form', { fileName: 'form.pdf', bytes: samplePdf() })).statusCode, 404)
      const anonymous = await upload(started.app, null, 'Planted form', { fileName: 'form.pdf', bytes: samplePdf() })
      assert.ok([401, 403].includes(anonymous.statusCode), `anonymous got ${anonymous.statusCode}`)
      assert.equal((await downloadRows()).length, before)
    })

    it('refuses a file sent to a form that takes none, but reads such a form\'s fields from a multipart post', async () => {
      const elementCount = async () => (await db.selectFrom('service_element').select('id').where('service_id', '=', homeServiceId).execute()).length
      const before = await elementCount()
      const withFile = multipartForm({ _csrf: manager.csrf, name: 'Evening group', capacity: '5' }, { field: 'file', fileName: 'x.pdf', bytes: samplePdf() })
      const refused = await started.app.inject({ method: 'POST', url: manage.elements({ serviceId: homeServiceId }), headers: { cookie: manager.cookie, 'content-type': withFile.contentType }, payload: withFile.payload })
      assert.equal(refused.statusCode, 415)
      assert.equal(await elementCount(), before)
      const fieldsOnly = multipartForm({ _csrf: manager.csrf, name: 'Evening group', capacity: '5' })
      const accepted = await started.app.inject({ method: 'POST', url: manage.elements({ serviceId: homeServiceId }), headers: { cookie: manager.cookie, 'content-type': fieldsOnly.contentType }, payload: fieldsOnly.payload })
      assert.equal(accepted.statusCode, 303)
      assert.equal(await elementCount(), before + 1)
    })

    it('says at start-up that uploads are not scanned when no scanner is given', () => {
      const warning = started.logs.lines.find((line) => line.msg === 'uploaded files are not scanned for viruses: no file scanner is configured')
      assert.equal(warning?.level, 40)
    })
  })

  describe('the scanning hook', () => {
    const scanned: number[] = []
    let verdict: ScanVerdict = 'infected'
    const refusingScanner: FileScanner = {
      name: 'test scanner',
      async scan(bytes) {
        scanned.push(bytes.byteLength)
        return verdict
      },
    }
    let started: Awaited<ReturnType<typeof startApp>>
    let manager: BrowserSession
    before(async () => {
      started = await startApp(database(), { storage: 'disk', scanner: refusingScanner })
      manager = await signIn(started.app, managerUser)
    })
    after(() => started.stop())

    it('keeps out a file the scanner calls infected, or could not check, and records the refused attempt', async () => {
      const before = (await downloadRows()).length
      const infected = await upload(started.app, manager, 'Referral form', { fileName: 'form.pdf', bytes: samplePdf() })
      assert.equal(infected.statusCode, 400)
      assert.match(infected.body, /href="#file">The selected file contains a virus/)
      verdict = 'error'
      const unchecked = await upload(started.app, manager, 'Referral form', { fileName: 'form.pdf', bytes: samplePdf() })
      assert.match(unchecked.body, /href="#file">The selected file could not be checked for viruses\. Try again/)
      assert.deepEqual(scanned, [samplePdf().byteLength, samplePdf().byteLength], 'the scanner saw each file')
      assert.equal((await downloadRows()).length, before)
      assert.deepEqual(filesUnder(started.filesDir), [])
      const refusals = await db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'service.download.add').where('outcome', '=', 'denied').execute()
      assert.deepEqual(refusals.map((row) => (row.details as { verdict: string }).verdict).slice(-2), ['infected', 'error'])
      assert.ok(started.logs.lines.some((line) => line.msg === 'uploaded files are scanned before they are stored' && line.scanner === 'test scanner'))

      verdict = 'clean'
      assert.equal((await upload(started.app, manager, 'Referral form', { fileName: 'form.pdf', bytes: samplePdf() })).statusCode, 303)
      assert.equal((await downloadRows()).length, before + 1)
    })
  })
})
