import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import pg from 'pg'
import { migrations } from '../../migrations/index.ts'
import type { DatabaseConfig } from '../../src/platform/config.ts'
import { openDatabase, postgresConnection, type DatabaseHandle, type Dialect } from '../../src/platform/db/database.ts'
import { migrate } from '../../src/platform/db/migrator.ts'

export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ ...postgresConnection(testPostgresUrl), connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    return null
  } catch (error) {
    return (error as Error).message || String(error)
  } finally {
    await client.end().catch(() => undefined)
  }
}

const postgresProblem = await postgresAnswers()
if (postgresProblem) {
  const banner = `\n!!!!! PostgreSQL at ${testPostgresUrl} does not answer (${postgresProblem}).\n!!!!! PostgreSQL suites are SKIPPED${process.env.CI === 'true' ? ' — and CI=true, so they FAIL' : ''}.\n`
  console.error(banner)
}

/** A database of its own for one suite, migrated, removed afterwards. */
export interface TestDatabase {
  handle: DatabaseHandle
  config: DatabaseConfig
  drop(): Promise<void>
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client(postgresConnection(testPostgresUrl))
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * `copyOf` (SQLite only): start from a copy of this closed database file instead of an
 * empty one, e.g. a demo dataset seeded once for every e2e file of a run.
 */
export async function createTestDatabase(dialect: Dialect, options: { migrated?: boolean; copyOf?: string } = {}): Promise<TestDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`
  let config: DatabaseConfig
  let removeStorage: () => Promise<void>
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-test-'))
    config = { dialect: 'sqlite', file: path.join(dir, 'test.sqlite') }
    if (options.copyOf) fs.copyFileSync(options.copyOf, config.file)
    removeStorage = async () => fs.rmSync(dir, { recursive: true, force: true })
  } else {
    const name = `pathways_test_${suffix}`
    await adminQuery(`create database ${name}`)
    const url = new URL(testPostgresUrl)
    url.pathname = `/${name}`
    config = { dialect: 'postgres', url: url.toString(), displayName: `postgres://${url.host}/${name}` }
    removeStorage = () => adminQuery(`drop database if exists ${name} with (force)`)
  }
  const handle = await openDatabase(config, { poolSize: 5 })
  if (options.migrated !== false) await migrate(handle, migrations)
  return {
    handle,
    config,
    async drop() {
      await handle.close()
      await removeStorage()
    },
  }
}

export const dialects: readonly Dialect[] = ['sqlite', 'postgres']

/**
 * Runs `suite` once per dialect, each against a fresh migrated database. Without a
 * PostgreSQL server the PostgreSQL run is skipped loudly — unless CI=true, where
 * creating the database fails the suite.
 */
/** A node:test `skip` value: a reason when this dialect cannot be tested here (never under CI=true). */
export function skipReason(dialect: Dialect): string | false {
  return dialect === 'postgres' && postgresProblem !== null && process.env.CI !== 'true' ? `PostgreSQL unreachable: ${postgresProblem}` : false
}

/** Runs `suite` against a fresh migrated database of one dialect (see describeEachDialect). */
export function describeDialect(dialect: Dialect, name: string, suite: (database: () => TestDatabase, dialect: Dialect) => void): void {
  describe(`${name} [${dialect}]`, { skip: skipReason(dialect) }, () => {
    let database: TestDatabase | undefined
    before(async () => {
      database = await createTestDatabase(dialect)
    })
    after(async () => {
      await database?.drop()
    })
    suite(() => {
      if (!database) throw new Error('test database not created')
      return database
    }, dialect)
  })
}

export function describeEachDialect(name: string, suite: (database: () => TestDatabase, dialect: Dialect) => void): void {
  for (const dialect of dialects) describeDialect(dialect, name, suite)
}
