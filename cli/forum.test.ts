import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { newId } from '../src/platform/db/ids.ts'
import { createTestDatabase, type TestDatabase } from '../test/support/dialects.ts'
import { organisationWithTeam } from '../test/support/fixtures.ts'
import { createUser } from '../test/support/sessions.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/pathways.js')

/** `pathways forum purge` destroys the safeguarding copies whose time is up, and only those. */
describe('pathways forum purge', () => {
  let database: TestDatabase
  const kept = newId()
  const due = newId()

  before(async () => {
    database = await createTestDatabase('sqlite')
    const { db } = database.handle
    const { organisationId } = await organisationWithTeam(db, 'Purge Trust', 'nhs_trust')
    const sponsor = await createUser(db, { organisationId, roles: ['clinician'] })
    const [memberId, categoryId, topicId, postId] = [newId(), newId(), newId(), newId()]
    await db.insertInto('forum_member').values({ id: memberId, username: 'Gone', username_key: 'gone', role: 'member', sponsor_user_id: sponsor.id, sponsor_contact: 'x', status: 'active', created_by: sponsor.id }).execute()
    await db.insertInto('forum_category').values({ id: categoryId, name: 'c', description: 'c', position: 1, members_start_topics: true }).execute()
    await db.insertInto('forum_topic').values({ id: topicId, category_id: categoryId, title: 't', kind: 'discussion', author_member_id: memberId }).execute()
    await db.insertInto('forum_post').values({ id: postId, topic_id: topicId, author_member_id: memberId, body: '', status: 'deleted', hold_reasons: '[]' }).execute()
    const day = 86_400_000
    await db.insertInto('forum_post_retained').values([
      { id: due, post_id: postId, member_id: memberId, body: 'old words', deleted_at: new Date(Date.now() - 91 * day).toISOString(), destroy_after: new Date(Date.now() - day).toISOString() },
      { id: kept, post_id: postId, member_id: memberId, body: 'recent words', deleted_at: new Date().toISOString(), destroy_after: new Date(Date.now() + 89 * day).toISOString() },
    ]).execute()
    await database.handle.close()
  })
  after(() => database.drop())

  it('destroys only the copies past their retention period, and says how many', async () => {
    const file = database.config.dialect === 'sqlite' ? database.config.file : ''
    const { stdout } = await run(process.execPath, [bin, 'forum', 'purge'], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${file}` } })
    assert.match(stdout, /Destroyed 1 safeguarding copy/)
    const { default: Database } = await import('better-sqlite3')
    const sqlite = new Database(file, { readonly: true })
    try {
      assert.deepEqual(sqlite.prepare('select id from forum_post_retained').all(), [{ id: kept }])
    } finally {
      sqlite.close()
    }
  })

  it('refuses an unknown action with exit code 2', async () => {
    const failed = await run(process.execPath, [bin, 'forum', 'tidy'], { env: { ...process.env, NODE_ENV: 'production' } }).catch((error: { code: number; stderr: string }) => error)
    assert.equal((failed as { code: number }).code, 2)
  })
})
