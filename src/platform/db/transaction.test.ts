import assert from 'node:assert/strict'
import { it } from 'node:test'
import { sql } from 'kysely'
import { createTestDatabase, describeEachDialect } from '../../../test/support/dialects.ts'
import { inTransaction } from './database.ts'
import { newId } from './ids.ts'

describeEachDialect('inTransaction', (database) => {
  const organisation = (name: string) => ({ id: newId(), name, type: 'charity' as const })

  it('commits every change of the command together', async () => {
    const { db } = database().handle
    const first = organisation('Committed charity one')
    const second = organisation('Committed charity two')
    await inTransaction(db, async (tx) => {
      await tx.insertInto('organisation').values(first).execute()
      await tx.insertInto('organisation').values(second).execute()
    })
    const names = await db.selectFrom('organisation').select('name').where('id', 'in', [first.id, second.id]).orderBy('name').execute()
    assert.deepEqual(names.map((row) => row.name), ['Committed charity one', 'Committed charity two'])
  })

  it('keeps nothing when a later step fails, as a change and its audit row must', async () => {
    const { db } = database().handle
    const change = organisation('Rolled back charity')
    await assert.rejects(
      inTransaction(db, async (tx) => {
        await tx.insertInto('organisation').values(change).execute()
        // The second write violates the unique name, as a failing audit insert would fail.
        await tx.insertInto('organisation').values({ ...organisation('Rolled back charity') }).execute()
      }),
    )
    const found = await db.selectFrom('organisation').select('id').where('id', '=', change.id).execute()
    assert.equal(found.length, 0)
  })

  it('gives the result of the work back to the caller', async () => {
    const { db } = database().handle
    const id = await inTransaction(db, async (tx) => {
      const row = organisation('Returned charity')
      await tx.insertInto('organisation').values(row).execute()
      return row.id
    })
    assert.equal((await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name, 'Returned charity')
  })

  it('serialises concurrent transactions on one handle without losing a write', async () => {
    const { db } = database().handle
    const rows = Array.from({ length: 20 }, (_, index) => organisation(`Concurrent charity ${index}`))
    await Promise.all(rows.map((row) => inTransaction(db, (tx) => tx.insertInto('organisation').values(row).execute())))
    const count = await db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', 'Concurrent charity %').executeTakeFirstOrThrow()
    assert.equal(count.n, 20)
  })
})

it('opens SQLite in WAL mode with foreign keys, a busy timeout and synchronous=NORMAL', async () => {
  const database = await createTestDatabase('sqlite')
  try {
    const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.handle.db)).rows[0] ?? {})[0]
    assert.equal(String(await pragma('journal_mode')), 'wal')
    assert.equal(Number(await pragma('foreign_keys')), 1)
    assert.equal(Number(await pragma('busy_timeout')), 5000)
    assert.equal(Number(await pragma('synchronous')), 1, 'NORMAL')
  } finally {
    await database.drop()
  }
})
