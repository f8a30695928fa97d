import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { migrations } from '../../../migrations/index.ts'
import { createTestDatabase, dialects, skipReason, type TestDatabase } from '../../../test/support/dialects.ts'
import { openDatabase } from './database.ts'
import { migrate, MigrationError, type Migration } from './migrator.ts'

const run = promisify(execFile)

const addNotes: Migration = {
  version: migrations.length + 1,
  name: 'test-notes',
  async up(db, { types: t }) {
    await db.schema.createTable('test_note').addColumn('id', t.id, (c) => c.primaryKey()).execute()
  },
}

async function appliedVersions(database: TestDatabase): Promise<number[]> {
  const rows = await database.handle.db.selectFrom('schema_migration').select('version').orderBy('version').execute()
  return rows.map((row) => row.version)
}

for (const dialect of dialects) {
  describe(`migrate [${dialect}]`, { skip: skipReason(dialect) }, () => {
    let database: TestDatabase
    before(async () => {
      database = await createTestDatabase(dialect, { migrated: false })
    })
    after(() => database.drop())

    it('creates the whole schema from empty, then applies nothing on a second run', async () => {
      const first = await migrate(database.handle, migrations)
      assert.equal(first.applied.length, migrations.length)
      assert.equal(first.alreadyApplied, 0)
      const second = await migrate(database.handle, migrations)
      assert.equal(second.applied.length, 0)
      assert.equal(second.alreadyApplied, migrations.length)
      assert.deepEqual(await appliedVersions(database), migrations.map((m) => m.version))
    })

    it('applies only the new migration when one is appended', async () => {
      const report = await migrate(database.handle, [...migrations, addNotes])
      assert.deepEqual(report.applied.map((m) => m.name), ['test-notes'])
      await sql`select count(*) from test_note`.execute(database.handle.db)
    })

    it('refuses to run older code against a database a newer version migrated', async () => {
      await assert.rejects(migrate(database.handle, migrations), (error) => error instanceof MigrationError && /test-notes/.test(error.message))
    })

    it('refuses migrations out of order or with gaps', async () => {
      await assert.rejects(migrate(database.handle, [...migrations, { ...addNotes, version: addNotes.version + 1 }]), /expected \d+/)
    })

    it('rolls back a failing migration completely', async () => {
      const failing: Migration = {
        version: addNotes.version + 1,
        name: 'half-done',
        async up(db, { types: t }) {
          await db.schema.createTable('half_done').addColumn('id', t.id).execute()
          throw new Error('second step failed')
        },
      }
      await assert.rejects(migrate(database.handle, [...migrations, addNotes, failing]), /second step failed/)
      assert.deepEqual((await appliedVersions(database)).at(-1), addNotes.version)
      await assert.rejects(sql`select count(*) from half_done`.execute(database.handle.db))
    })
  })
}

describe('migrate when two instances start together', () => {
  it('[postgres] two pools migrating the same empty database at once apply each migration once', { skip: skipReason('postgres') }, async () => {
    const database = await createTestDatabase('postgres', { migrated: false })
    const other = await openDatabase(database.config)
    try {
      const reports = await Promise.all([migrate(database.handle, migrations), migrate(other, migrations)])
      assert.deepEqual(reports.map((r) => r.applied.length).sort(), [0, migrations.length])
      assert.deepEqual(await appliedVersions(database), migrations.map((m) => m.version))
    } finally {
      await other.close()
      await database.drop()
    }
  })

  it('[sqlite] two processes migrating the same new file at once both succeed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-migrate-'))
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'shared.sqlite')}` }
    try {
      const runs = await Promise.all([1, 2].map(() => run(process.execPath, ['bin/pathways.js', 'migrate'], { env })))
      for (const { stdout } of runs) assert.match(stdout, new RegExp(`up to date \\(${migrations.length} migrations`))
      const database = await openDatabase({ dialect: 'sqlite', file: path.join(dir, 'shared.sqlite') })
      const rows = await database.db.selectFrom('schema_migration').select('version').execute()
      await database.close()
      assert.equal(rows.length, migrations.length)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
