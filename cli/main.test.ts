import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import pg from 'pg'
import { postgresConnection } from '../src/platform/db/database.ts'
import { skipReason, testPostgresUrl } from '../test/support/dialects.ts'

const execFileAsync = promisify(execFile)
const bin = path.resolve('bin/pathways.js')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-cli-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

async function pathways(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function assertOneLineRefusal(outcome: Outcome, pattern: RegExp) {
  assert.equal(outcome.code, 1)
  const lines = outcome.stderr.trim().split('\n')
  assert.equal(lines.length, 1, `one line, got:\n${outcome.stderr}`)
  assert.match(lines[0] ?? '', pattern)
  assert.doesNotMatch(outcome.stderr, /\n\s+at /, 'no stack trace')
}

/** Starts `pathways start`, waits for its URL, and hands back the URL and a stop function. */
async function startServer(env: Record<string, string>): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: '0', ...env } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    void exited.then(() => reject(new Error(`server exited:\n${output}`)))
  })
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

describe('pathways CLI', () => {
  it('prints help and exits 0', async () => {
    const outcome = await pathways(['--help'])
    assert.equal(outcome.code, 0)
    assert.match(outcome.stdout, /Usage: pathways <command>/)
    assert.match(outcome.stdout, /seed demo/)
  })

  it('exits 2 with a clear message for an unknown command or dataset', async () => {
    const unknown = await pathways(['frobnicate'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /unknown command "frobnicate"; run "pathways --help"/)
    const dataset = await pathways(['seed', 'everything'], { DATABASE_URL: `sqlite:${path.join(scratch, 'unused.sqlite')}` })
    assert.equal(dataset.code, 2)
    assert.match(dataset.stderr, /unknown dataset "everything"/)
    assert.equal((await pathways([])).code, 2)
  })

  it('stops on PORT=abc with one line naming the setting', async () => {
    assertOneLineRefusal(await pathways(['start'], { PORT: 'abc' }), /^pathways: PORT: "abc" is not a port; use a whole number from 0 to 65535$/)
  })

  it('stops on an unknown DATABASE_URL scheme with one line naming what is allowed', async () => {
    assertOneLineRefusal(await pathways(['start'], { DATABASE_URL: 'mysql://localhost/pathways' }), /^pathways: DATABASE_URL: "mysql:" is not supported; use sqlite:PATH or postgres:/)
  })

  it('stops on an unreachable PostgreSQL with one line', async () => {
    assertOneLineRefusal(await pathways(['migrate'], { DATABASE_URL: 'postgres://127.0.0.1:1/pathways' }), /^pathways: DATABASE_URL: cannot connect to postgres:\/\/127\.0\.0\.1:1\/pathways \(connection refused\)/)
  })

  it('migrates a new SQLite file and says so', async () => {
    const outcome = await pathways(['migrate'], { DATABASE_URL: `sqlite:${path.join(scratch, 'migrate.sqlite')}` })
    assert.equal(outcome.code, 0, outcome.stderr)
    assert.match(outcome.stdout, /Database schema is up to date \(\d+ migrations; latest: [\w-]+\)/)
  })

  it('seeds the demo dataset once', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(scratch, 'seed.sqlite')}` }
    const first = await pathways(['seed', 'demo'], env)
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /Seeded the demo dataset: \d+ organisations, \d+ services, \d+ people/)
    const second = await pathways(['seed', 'demo'], env)
    assert.match(second.stdout, /already there; nothing to do/)
  })

  it('starts on an empty machine: creates the SQLite file, seeds once, serves the home page, stops on SIGTERM', async () => {
    const file = path.join(scratch, 'fresh', '.data', 'pathways.sqlite')
    const server = await startServer({ DATABASE_URL: `sqlite:${file}` })
    const home = await fetch(server.url)
    assert.equal(home.status, 200)
    assert.match(await home.text(), /Pathways holds \d+ partner organisations/)
    assert.match(server.output(), /Seeded the demo dataset/)
    assert.equal(await server.stop(), 0)
    assert.ok(fs.existsSync(file))

    const restarted = await startServer({ DATABASE_URL: `sqlite:${file}` })
    assert.equal((await fetch(`${restarted.url}/health/ready`)).status, 200)
    assert.doesNotMatch(restarted.output(), /Seeded/, 'the demo is seeded only once')
    await restarted.stop()
  })

  it('starts on PostgreSQL, creating the database when it is missing', { skip: skipReason('postgres') }, async () => {
    const name = `pathways_cli_${randomBytes(4).toString('hex')}`
    const url = new URL(testPostgresUrl)
    url.pathname = `/${name}`
    const admin = new pg.Client(postgresConnection(testPostgresUrl))
    await admin.connect()
    try {
      const server = await startServer({ DATABASE_URL: url.toString() })
      assert.equal((await fetch(`${server.url}/health/ready`)).status, 200)
      assert.match(await (await fetch(server.url)).text(), /Pathways holds \d+ partner organisations/)
      assert.equal(await server.stop(), 0)
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
      assert.equal(exists.rowCount, 1)
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})
