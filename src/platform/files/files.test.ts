import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { loadConfig, ConfigError } from '../config.ts'
import { inTransaction } from '../db/database.ts'
import { isId } from '../db/ids.ts'
import { safeDownloadName, sniffDocumentType } from './documents.ts'
import { sampleDocx, sampleOdt, samplePdf, zipArchive } from './sample-documents.ts'
import { fileSettings } from './settings.ts'
import { DatabaseFileStore, DiskFileStore, fileStores, sha256Hex } from './store.ts'
import { readFirstLocalEntry, readZipEntries } from './zip.ts'

const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
// The start of a Windows program: "MZ", then the DOS stub.
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)])
const plainZip = zipArchive([{ name: 'notes.txt', data: 'Nothing to see' }])
const spreadsheet = zipArchive([
  { name: '[Content_Types].xml', data: '<Types/>' },
  { name: 'xl/workbook.xml', data: '<workbook/>' },
])

describe('ZIP directory reader', () => {
  it('lists the entries of an archive in directory order, with where each starts', () => {
    const entries = readZipEntries(sampleDocx())
    assert.deepEqual(entries?.map((entry) => entry.name), ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])
    assert.equal(entries?.[0]?.localHeaderOffset, 0)
    assert.ok((entries?.[1]?.localHeaderOffset ?? 0) > 0)
    assert.ok(entries?.every((entry) => entry.compressionMethod === 0))
  })

  it('finds the directory behind an archive comment', () => {
    const archive = zipArchive([{ name: 'a.txt', data: 'a' }])
    const comment = Buffer.from('made by a test')
    archive.writeUInt16LE(comment.byteLength, archive.byteLength - 2)
    assert.deepEqual(readZipEntries(Buffer.concat([archive, comment]))?.map((entry) => entry.name), ['a.txt'])
  })

  it('reads the first entry with its stored bytes', () => {
    const first = readFirstLocalEntry(sampleOdt())
    assert.equal(first?.name, 'mimetype')
    assert.equal(Buffer.from(first?.storedBytes ?? []).toString(), 'application/vnd.oasis.opendocument.text')
  })

  it('says null, never throws, for anything that is not a whole, well-formed archive', () => {
    const archive = sampleDocx()
    assert.equal(readZipEntries(Buffer.alloc(0)), null)
    assert.equal(readZipEntries(html), null)
    assert.equal(readZipEntries(archive.subarray(0, archive.byteLength - 30)), null, 'the end record cut off')
    assert.equal(readZipEntries(archive.subarray(0, 100)), null, 'only the start')
    const pointingOutside = Buffer.from(archive)
    pointingOutside.writeUInt32LE(archive.byteLength + 1000, archive.byteLength - 6)
    assert.equal(readZipEntries(pointingOutside), null, 'a directory offset past the end')
    const hugeName = Buffer.from(archive)
    hugeName.writeUInt16LE(0xffff, archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 28)
    assert.equal(readZipEntries(hugeName), null, 'a name longer than the file')
  })

  it('survives every single-byte corruption of an archive without throwing', () => {
    const archive = sampleOdt()
    for (let offset = 0; offset < archive.byteLength; offset += 1) {
      const damaged = Buffer.from(archive)
      damaged[offset] = (damaged[offset] ?? 0) ^ 0xff
      assert.doesNotThrow(() => {
        readZipEntries(damaged)
        readFirstLocalEntry(damaged)
        sniffDocumentType(damaged)
      }, `byte ${offset}`)
    }
  })
})

describe('document type from the bytes', () => {
  it('recognises a PDF, a Word document and an OpenDocument text', () => {
    assert.equal(sniffDocumentType(samplePdf()), 'pdf')
    assert.equal(sniffDocumentType(sampleDocx()), 'docx')
    assert.equal(sniffDocumentType(sampleOdt()), 'odt')
  })

  it('refuses HTML, a program, an empty file, a plain ZIP, a spreadsheet and an OpenDocument spreadsheet', () => {
    for (const [what, bytes] of [
      ['HTML', html],
      ['a Windows program', exe],
      ['an empty file', Buffer.alloc(0)],
      ['a plain ZIP', plainZip],
      ['an Excel workbook', spreadsheet],
      ['an OpenDocument spreadsheet', sampleOdt('x', 'application/vnd.oasis.opendocument.spreadsheet')],
      ['PDF text not at the start', Buffer.concat([Buffer.from(' '), samplePdf()])],
    ] as const) {
      assert.equal(sniffDocumentType(bytes), null, what)
    }
  })

  it('needs the mimetype entry first, uncompressed, for an OpenDocument text', () => {
    const mimetypeSecond = zipArchive([
      { name: 'content.xml', data: '<x/>' },
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    ])
    assert.equal(sniffDocumentType(mimetypeSecond), null)
    const compressed = sampleOdt()
    compressed.writeUInt16LE(8, 8)
    assert.equal(sniffDocumentType(compressed), null)
  })
})

describe('download names', () => {
  it('keeps letters, digits and dots, makes anything else a hyphen, and uses the extension of the detected type', () => {
    assert.equal(safeDownloadName('Referral form (v2).PDF', 'pdf'), 'Referral-form-v2.pdf')
    assert.equal(safeDownloadName('Café leaflet.docx', 'docx'), 'Cafe-leaflet.docx')
    assert.equal(safeDownloadName('form.html', 'pdf'), 'form.pdf')
    assert.equal(safeDownloadName('../../etc/passwd', 'odt'), 'passwd.odt')
    assert.equal(safeDownloadName('C:\\Users\\x\\"quoted"; name.pdf', 'pdf'), 'quoted-name.pdf')
    assert.equal(safeDownloadName('...', 'pdf'), 'download.pdf')
    assert.equal(safeDownloadName('', 'docx'), 'download.docx')
    assert.equal(safeDownloadName('مرحبا.pdf', 'pdf'), 'download.pdf')
    assert.equal(safeDownloadName(`${'a'.repeat(300)}.pdf`, 'pdf'), `${'a'.repeat(80)}.pdf`)
  })
})

describe('file settings', () => {
  it('read FILE_STORAGE, FILES_DIR and MAX_UPLOAD_MB, refusing other values', () => {
    const config = loadConfig({ FILE_STORAGE: 'database', FILES_DIR: 'uploads', MAX_UPLOAD_MB: '25' }, '/srv/pathways')
    assert.equal(config.fileStorage, 'database')
    assert.equal(config.filesDir, '/srv/pathways/uploads')
    assert.equal(config.maxUploadMb, 25)
    assert.equal(loadConfig({}, '/srv/pathways').maxUploadMb, 10)
    for (const [env, message] of [
      [{ FILE_STORAGE: 's3' }, /^FILE_STORAGE: "s3" is not allowed; use disk or database$/],
      [{ MAX_UPLOAD_MB: '0' }, /^MAX_UPLOAD_MB: "0" is not allowed; use a whole number from 1 to 100$/],
      [{ MAX_UPLOAD_MB: '500' }, /^MAX_UPLOAD_MB: /],
    ] as const) {
      assert.throws(() => loadConfig(env, '/srv/pathways'), (error: unknown) => error instanceof ConfigError && message.test(error.message))
    }
  })

  it('default to disk beside a SQLite database and to the database with PostgreSQL', () => {
    const sqlite = loadConfig({ DATABASE_URL: 'sqlite:/var/lib/pathways/p.sqlite' }, '/srv/pathways')
    assert.deepEqual(fileSettings(sqlite), { storage: 'disk', directory: '/var/lib/pathways/files', maxMegabytes: 10 })
    const postgres = loadConfig({ DATABASE_URL: 'postgres://db/pathways' }, '/srv/pathways')
    assert.equal(fileSettings(postgres).storage, 'database')
    assert.equal(fileSettings({ ...postgres, fileStorage: 'disk', filesDir: '/mnt/shared' }).directory, '/mnt/shared')
  })
})

describe('disk file store', () => {
  let directory: string
  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-files-'))
  })
  after(() => fs.rmSync(directory, { recursive: true, force: true }))

  it('keeps bytes under a generated key, not a name anyone chose, and reads them back', async () => {
    const store = new DiskFileStore(directory)
    const bytes = samplePdf()
    const key = await store.save(undefined as never, bytes)
    assert.ok(isId(key))
    const stored = path.join(directory, key.slice(-2), key)
    assert.deepEqual(fs.readFileSync(stored), bytes)
    assert.equal(fs.statSync(stored).mode & 0o777, 0o600, 'readable by the app only')
    assert.deepEqual(await store.read(undefined as never, key), bytes)
    assert.deepEqual(fs.readdirSync(path.dirname(stored)), [key], 'no temporary file left behind')
  })

  it('reads nothing for an unknown key, refuses a key that is not one, and discards what it saved', async () => {
    const store = new DiskFileStore(directory)
    assert.equal(await store.read(undefined as never, '0190e6a0-0000-7000-8000-000000000000'), undefined)
    await assert.rejects(store.read(undefined as never, '../../etc/passwd'), RangeError)
    const key = await store.save(undefined as never, sampleDocx())
    await store.discard(undefined as never, key)
    assert.equal(await store.read(undefined as never, key), undefined)
  })
})

describeEachDialect('database file store', (database) => {
  it('keeps bytes in the caller\'s transaction, byte for byte', async () => {
    const store = new DatabaseFileStore()
    const bytes = Buffer.concat([sampleOdt(), Buffer.from([0, 255, 0, 128])])
    const key = await inTransaction(database().handle.db, (tx) => store.save(tx, bytes))
    const read = await store.read(database().handle.db, key)
    assert.deepEqual(read, bytes)
    assert.equal(sha256Hex(read ?? Buffer.alloc(0)), sha256Hex(bytes))
  })

  it('keeps nothing when the transaction rolls back, and reads nothing for a key that is not one', async () => {
    const store = new DatabaseFileStore()
    let key = ''
    await assert.rejects(
      inTransaction(database().handle.db, async (tx) => {
        key = await store.save(tx, samplePdf())
        throw new Error('the change failed')
      }),
    )
    assert.equal(await store.read(database().handle.db, key), undefined)
    assert.equal(await store.read(database().handle.db, 'not-a-key'), undefined)
  })

  it('writes new files to the configured store and reads each from the one it is in', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-files-'))
    try {
      const stores = fileStores('database', directory)
      assert.equal(stores.forNewFiles.kind, 'database')
      const onDisk = await stores.of('disk').save(database().handle.db, samplePdf('on disk'))
      assert.deepEqual(await stores.of('disk').read(database().handle.db, onDisk), samplePdf('on disk'))
      assert.equal(await stores.of('database').read(database().handle.db, onDisk), undefined)
    } finally {
      fs.rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('checksums', () => {
  it('are hex SHA-256', () => {
    assert.equal(sha256Hex(Buffer.from('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
