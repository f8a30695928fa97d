import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, Kysely, PostgresDialect, sql, type InsertObject, type Transaction } from 'kysely'
import pg from 'pg'
import { ConfigError, type DatabaseConfig } from '../config.ts'
import type { Database } from './schema.ts'
import { PathwaysSqliteDialect } from './sqlite-driver.ts'
import { pgTypes } from './values.ts'

export type Dialect = DatabaseConfig['dialect']
export type Db = Kysely<Database>
export type Tx = Transaction<Database>

export interface DatabaseHandle {
  db: Db
  dialect: Dialect
  /** Says whether the database answers a trivial query (used by /health/ready). */
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface OpenOptions {
  /** Create a missing PostgreSQL database when the role may (the start command does; tests make their own). */
  createIfMissing?: boolean
  poolSize?: number
}

async function answers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  // WAL lets readers go on while one writer writes; NORMAL is durable across app crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const dialect = new PathwaysSqliteDialect(sqlite)
  const db = new Kysely<Database>({ dialect })
  return {
    db,
    dialect: 'sqlite',
    ping: () => answers(db),
    async close() {
      // Kysely destroys only a driver that has run a query; the file must close either way.
      await db.destroy()
      if (sqlite.open) sqlite.close()
    },
  }
}

/**
 * Connection settings for `pg`. Like psql, a URL without a user name connects as the
 * operating-system user; `pg` itself would only look at $USER, which services often lack.
 */
export function postgresConnection(url: string): pg.ClientConfig {
  const withUser = new URL(url)
  // pg lets the connection string win over a separate `user`, so the name goes into the URL.
  if (!withUser.username) withUser.username = encodeURIComponent(process.env.PGUSER || process.env.USER || os.userInfo().username)
  return { connectionString: withUser.toString() }
}

function describeConnectionError(error: unknown, displayName: string): ConfigError {
  const code = (error as { code?: string }).code
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : ((error as Error).message ?? String(error))
  return new ConfigError('DATABASE_URL', `cannot connect to ${displayName} (${reason}); start PostgreSQL or use sqlite:PATH`)
}

async function createPostgresDatabase(url: string, displayName: string): Promise<void> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client(postgresConnection(admin.toString()))
  try {
    await client.connect()
    await client.query(`create database "${name.replaceAll('"', '""')}"`)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '42P04') return // created meanwhile by another instance
    if (code === '42501') {
      throw new ConfigError('DATABASE_URL', `database ${displayName} does not exist and this role may not create it; ask your DBA to create it`)
    }
    throw describeConnectionError(error, displayName)
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function openPostgres(url: string, displayName: string, options: OpenOptions): Promise<DatabaseHandle> {
  const connect = async () => {
    const pool = new pg.Pool({ ...postgresConnection(url), max: options.poolSize ?? 10, types: pgTypes })
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined)
    const client = await pool.connect()
    client.release()
    return pool
  }
  let pool: pg.Pool
  try {
    pool = await connect()
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000' || !options.createIfMissing) {
      if ((error as { code?: string }).code === '3D000') {
        throw new ConfigError('DATABASE_URL', `database ${displayName} does not exist`)
      }
      throw describeConnectionError(error, displayName)
    }
    await createPostgresDatabase(url, displayName)
    pool = await connect()
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    dialect: 'postgres',
    ping: () => answers(db),
    async close() {
      await db.destroy()
      if (!pool.ended) await pool.end()
    },
  }
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (config.dialect === 'sqlite') return openSqlite(config.file)
  return openPostgres(config.url, config.displayName, options)
}

/** Runs `work` in one transaction: a command's change and its audit row commit or roll back together. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work)
}

/** Rows per INSERT: few round trips for large inserts, and well under both dialects' limits on bound parameters. */
const insertBatchSize = 500

type Row = Record<string, unknown>

/** A value Kysely would bind as a parameter as it is. */
function isPlainValue(value: unknown): boolean {
  const type = typeof value
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' || value instanceof Date || Buffer.isBuffer(value)
}

/** The columns every row has, when they all have the same ones and only plain values (no expressions, no undefined); else null. */
function uniform(rows: readonly Row[]): string[] | null {
  const columns = Object.keys(rows[0] ?? {})
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) return null
    for (const column of columns) if (!isPlainValue(row[column])) return null
  }
  return columns
}

/** The rows' values, row by row, in the order of `columns`. */
function parametersOf(rows: readonly Row[], columns: readonly string[]): unknown[] {
  const parameters = new Array<unknown>(rows.length * columns.length)
  let at = 0
  for (const row of rows) for (const column of columns) parameters[at++] = row[column]
  return parameters
}

/**
 * The SQL of an INSERT of `count` rows, from the SQL Kysely compiles for one row (so quoting
 * and placeholders are the dialect's own), cached by its text: building a statement of 500
 * rows through the query builder costs more than SQLite takes to run it.
 */
const multiRowSql = new Map<string, string>()
function insertSql(oneRow: string, count: number): string {
  const key = `${count} ${oneRow}`
  const cached = multiRowSql.get(key)
  if (cached) return cached
  const at = oneRow.lastIndexOf(' values (')
  const tuple = oneRow.slice(at + ' values '.length)
  const width = (tuple.match(/\?|\$\d+/g) ?? []).length
  const numbered = /\$\d+/.test(tuple)
  const tuples = Array.from({ length: count }, (_, index) => (numbered ? tuple.replace(/\$(\d+)/g, (_whole, n: string) => `$${Number(n) + index * width}`) : tuple))
  const text = `${oneRow.slice(0, at)} values ${tuples.join(', ')}`
  if (multiRowSql.size > 1000) multiRowSql.clear()
  multiRowSql.set(key, text)
  return text
}

/**
 * Inserts many rows with multi-row INSERTs of at most 500 rows each. What is left after the
 * full ones goes in halving sizes (256, 128, … 1 row), so a table sees only a few statement
 * texts, each prepared once and cached (sqlite-driver.ts), whatever the number of rows.
 * Rows alike in shape skip the query builder: the statement is Kysely's own for one row,
 * repeated.
 */
export async function insertInBatches<T extends keyof Database & string>(tx: Tx, table: T, rows: readonly InsertObject<Database, T>[]): Promise<void> {
  for (let start = 0; start < rows.length; ) {
    const left = rows.length - start
    const size = left >= insertBatchSize ? insertBatchSize : 2 ** Math.floor(Math.log2(left))
    const batch = rows.slice(start, start + size)
    const columns = uniform(batch as readonly Row[])
    if (columns) {
      const oneRow = tx.insertInto(table).values(batch[0]!).compile()
      await tx.executeQuery(CompiledQuery.raw(insertSql(oneRow.sql, size), parametersOf(batch as readonly Row[], columns)))
    } else {
      await tx.insertInto(table).values(batch).execute()
    }
    start += size
  }
}
