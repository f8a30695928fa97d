import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { before, it } from 'node:test'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { describeEachDialect, type TestDatabase } from '../../../test/support/dialects.ts'
import type { DatabaseConfig } from '../config.ts'
import { inTransaction, openDatabase, type DatabaseHandle } from '../db/database.ts'
import { newId } from '../db/ids.ts'
import { genesisHash, chainHash } from './chain.ts'
import { recordAudit, verifyAuditChain, type AuditEntry } from './index.ts'

function personViewed(requestId: string): AuditEntry {
  return {
    action: 'person.view',
    outcome: 'allowed',
    userId: newId(),
    organisationId: newId(),
    personId: newId(),
    purpose: 'direct-care',
    route: '/people/:personId',
    requestId,
    details: { tab: 'summary' },
  }
}

/** Records `count` events, one transaction each, as `count` page views would. */
async function recordViews(handle: DatabaseHandle, count: number, label: string): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await inTransaction(handle.db, (tx) => recordAudit(tx, handle.dialect, personViewed(`${label}-${index}`)))
  }
}

async function eventCount(handle: DatabaseHandle): Promise<number> {
  const { n } = await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

describeEachDialect('recordAudit', (database, dialect) => {
  it('reports an empty trail as intact', async () => {
    assert.deepEqual(await verifyAuditChain(database().handle.db), { ok: true, rows: 0 })
  })

  it('starts the chain at the genesis value and links each event to the one before', async () => {
    const handle = database().handle
    await recordViews(handle, 3, 'linked')
    const events = await handle.db.selectFrom('audit_event').select(['sequence', 'previous_hash', 'hash']).orderBy('sequence').execute()
    assert.deepEqual(events.map((event) => event.sequence), [1, 2, 3])
    assert.equal(events[0]?.previous_hash, genesisHash)
    assert.equal(events[1]?.previous_hash, events[0]?.hash)
    assert.equal(events[2]?.previous_hash, events[1]?.hash)
    for (const event of events) assert.match(event.hash, /^[0-9a-f]{64}$/)
  })

  it('stores the entry as given, with ids in lower case and absent fields as null', async () => {
    const handle = database().handle
    const userId = newId()
    const details = { withheld: ['address'], reason: 'no-consent', checked: { agreementIds: [newId(), newId()], sharing: false } }
    await inTransaction(handle.db, (tx) => recordAudit(tx, dialect, { action: 'person.change', outcome: 'denied', userId: userId.toUpperCase(), requestId: 'stored', details }))
    const stored = await handle.db.selectFrom('audit_event').selectAll().where('request_id', '=', 'stored').executeTakeFirstOrThrow()
    assert.equal(stored.user_id, userId)
    assert.equal(stored.action, 'person.change')
    assert.equal(stored.outcome, 'denied')
    assert.equal(stored.person_id, null)
    assert.equal(stored.purpose, null)
    assert.deepEqual(stored.details, details)
    assert.match(stored.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    // jsonb reorders the keys of details; the canonical form must not care.
    assert.equal((await verifyAuditChain(handle.db)).ok, true)
  })

  it('verifies a long chain read a page at a time', async () => {
    const handle = database().handle
    for (let batch = 0; batch < 4; batch += 1) {
      await inTransaction(handle.db, async (tx) => {
        for (let index = 0; index < 30; index += 1) await recordAudit(tx, dialect, personViewed(`batch-${batch}-${index}`))
      })
    }
    const total = await eventCount(handle)
    assert.ok(total >= 120)
    assert.deepEqual(await verifyAuditChain(handle.db, { pageSize: 7 }), { ok: true, rows: total })
    assert.deepEqual(await verifyAuditChain(handle.db), { ok: true, rows: total })
  })

  it('never forks the chain when transactions append at the same time', async () => {
    const handle = database().handle
    // A second pool is what a second app instance is; SQLite's single writer is one file lock, so one handle shows it.
    const other = dialect === 'postgres' ? await openDatabase(database().config) : undefined
    try {
      const before = await eventCount(handle)
      const appendAfterARead = (from: DatabaseHandle, index: number) =>
        inTransaction(from.db, async (tx) => {
          await tx.selectFrom('organisation').select('id').limit(1).execute()
          await recordAudit(tx, dialect, personViewed(`concurrent-${index}`))
        })
      const writers = Array.from({ length: 30 }, (_, index) => appendAfterARead(other && index % 2 === 1 ? other : handle, index))
      await Promise.all(writers)
      assert.equal(await eventCount(handle), before + 30)
      assert.deepEqual(await verifyAuditChain(handle.db), { ok: true, rows: before + 30 })
    } finally {
      await other?.close()
    }
  })

  it('leaves no event behind when the transaction rolls back, and the next event links to the last committed one', async () => {
    const handle = database().handle
    const before = await eventCount(handle)
    await assert.rejects(
      inTransaction(handle.db, async (tx) => {
        await recordAudit(tx, dialect, personViewed('rolled-back'))
        throw new Error('the command failed after auditing')
      }),
      /the command failed after auditing/,
    )
    assert.equal(await eventCount(handle), before)
    await recordViews(handle, 1, 'after-rollback')
    assert.deepEqual(await verifyAuditChain(handle.db), { ok: true, rows: before + 1 })
  })

  it('is refused any change or removal by the database itself', async () => {
    const { db } = database().handle
    await assert.rejects(db.updateTable('audit_event').set({ action: 'person.search' }).where('sequence', '=', 1).execute(), /append-only: UPDATE refused/)
    await assert.rejects(db.deleteFrom('audit_event').where('sequence', '=', 1).execute(), /append-only: DELETE refused/)
    if (dialect === 'postgres') await assert.rejects(sql`truncate audit_event`.execute(db), /append-only: TRUNCATE refused/)
  })
})

const runCli = promisify(execFile)

/** Runs `pathways audit verify` against the suite's database in a process of its own. */
async function pathwaysAuditVerify(config: DatabaseConfig): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: config.dialect === 'sqlite' ? `sqlite:${config.file}` : config.url }
  try {
    return { code: 0, ...(await runCli(process.execPath, [path.resolve('bin/pathways.js'), 'audit', 'verify'], { env })) }
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string }
  }
}

/** Switches off the append-only guard the way someone with raw access to the database could. */
async function bypassAppendOnlyGuard({ db, dialect }: DatabaseHandle): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table audit_event disable trigger user`.execute(db)
  } else {
    await sql`drop trigger audit_event_no_update`.execute(db)
    await sql`drop trigger audit_event_no_delete`.execute(db)
  }
}

describeEachDialect('verifyAuditChain after tampering', (database) => {
  let tampered: TestDatabase
  const eventAt = (sequence: number) => tampered.handle.db.selectFrom('audit_event').selectAll().where('sequence', '=', sequence).executeTakeFirstOrThrow()
  const rewrite = (sequence: number, change: { action: string; hash?: string }) =>
    tampered.handle.db.updateTable('audit_event').set(change).where('sequence', '=', sequence).execute()

  before(async () => {
    tampered = database()
    await recordViews(tampered.handle, 10, 'tamper')
    await bypassAppendOnlyGuard(tampered.handle)
  })

  it('names an event whose content was changed, and is satisfied again once it is put back', async () => {
    const original = await eventAt(4)
    await rewrite(4, { action: 'person.search' })
    assert.deepEqual(await verifyAuditChain(tampered.handle.db), { ok: false, rows: 3, firstBroken: { sequence: 4, id: original.id, problem: 'hash does not match content' } })
    await rewrite(4, { action: original.action })
    assert.deepEqual(await verifyAuditChain(tampered.handle.db), { ok: true, rows: 10 })
  })

  it('names the next event when a changed event was given a matching hash', async () => {
    const original = await eventAt(4)
    const forged = { ...original, action: 'person.search' }
    await rewrite(4, { action: forged.action, hash: chainHash(original.previous_hash, forged) })
    const next = await eventAt(5)
    assert.deepEqual(await verifyAuditChain(tampered.handle.db), { ok: false, rows: 4, firstBroken: { sequence: 5, id: next.id, problem: 'previous_hash does not match row 4' } })
    await rewrite(4, { action: original.action, hash: original.hash })
    assert.equal((await verifyAuditChain(tampered.handle.db)).ok, true)
  })

  it('pathways audit verify exits 0 on an intact trail and 1 naming the first broken event', async () => {
    const intact = await pathwaysAuditVerify(tampered.config)
    assert.equal(intact.code, 0, intact.stderr)
    assert.equal(intact.stdout.trim(), 'Audit trail intact: 10 events.')
    const original = await eventAt(7)
    await rewrite(7, { action: 'referral.view' })
    const broken = await pathwaysAuditVerify(tampered.config)
    assert.equal(broken.code, 1)
    assert.equal(broken.stderr.trim(), `pathways: audit trail broken at event 7 (${original.id}): hash does not match content`)
    await rewrite(7, { action: original.action })
  })

  it('names the gap a deleted event leaves', async () => {
    const after = await eventAt(7)
    await tampered.handle.db.deleteFrom('audit_event').where('sequence', '=', 6).execute()
    assert.deepEqual(await verifyAuditChain(tampered.handle.db), { ok: false, rows: 5, firstBroken: { sequence: 7, id: after.id, problem: 'sequence 6 missing' } })
  })
})
