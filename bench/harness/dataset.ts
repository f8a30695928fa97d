import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { migrations } from '../../migrations/index.ts'
import { ProgressReporter } from '../../cli/progress.ts'
import { defaultDemoPassword, type DatabaseConfig } from '../../src/platform/config.ts'
import { openDatabase, postgresConnection, type Dialect } from '../../src/platform/db/database.ts'
import { migrate } from '../../src/platform/db/migrator.ts'
import { generateBenchData, peopleOf, type GenerateReport } from '../generate/index.ts'

/*
 * One database per size and dialect, generated once and kept: SQLite files under
 * .data/bench/, PostgreSQL databases pathways_bench_<size> on BENCH_DATABASE_URL's server
 * (TEST_DATABASE_URL's by default). A database the generator did not finish is made again.
 */

export interface BenchDatabase {
  /** DATABASE_URL for the app. */
  url: string
  config: DatabaseConfig
  /** How the dataset was made in this run; null when an earlier run's was reused. */
  generated: GenerateReport | null
}

const root = path.resolve(import.meta.dirname, '../..')
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'

async function onServer(statement: string): Promise<void> {
  const admin = new URL(server)
  admin.pathname = '/postgres'
  const client = new pg.Client(postgresConnection(admin.toString()))
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function configFor(size: string, dialect: Dialect): { url: string; config: DatabaseConfig } {
  if (dialect === 'sqlite') {
    const file = path.join(root, '.data', 'bench', `pathways-bench-${size}.sqlite`)
    return { url: `sqlite:${file}`, config: { dialect: 'sqlite', file } }
  }
  const url = new URL(server)
  url.pathname = `/pathways_bench_${size}`
  return { url: url.toString(), config: { dialect: 'postgres', url: url.toString(), displayName: `postgres://${url.host}/pathways_bench_${size}` } }
}

/** Whether the database holds a finished dataset (the generator marks one when it is done). */
async function finished(config: DatabaseConfig): Promise<boolean> {
  if (config.dialect === 'sqlite' && !fs.existsSync(config.file)) return false
  try {
    const database = await openDatabase(config)
    try {
      return (await database.db.selectFrom('seed_run').select('name').where('name', '=', 'bench').executeTakeFirst()) !== undefined
    } finally {
      await database.close()
    }
  } catch {
    return false
  }
}

async function remove(config: DatabaseConfig, size: string): Promise<void> {
  if (config.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${config.file}${suffix}`, { force: true })
  } else {
    await onServer(`drop database if exists pathways_bench_${size} with (force)`)
    await onServer(`create database pathways_bench_${size}`)
  }
}

export async function benchDatabase(size: string, dialect: Dialect, options: { fresh: boolean }): Promise<BenchDatabase> {
  const { url, config } = configFor(size, dialect)
  if (!options.fresh && (await finished(config))) return { url, config, generated: null }
  await remove(config, size)
  const database = await openDatabase(config, { createIfMissing: true })
  try {
    await migrate(database, migrations)
    const generated = await generateBenchData(database, { people: peopleOf(size), demoPassword: process.env.PATHWAYS_DEMO_PASSWORD ?? defaultDemoPassword, progress: new ProgressReporter(process.stderr) })
    return { url, config, generated }
  } finally {
    await database.close()
  }
}
