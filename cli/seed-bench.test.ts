import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'

const run = promisify(execFile)
const bin = path.resolve('bin/pathways.js')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-seed-bench-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

async function pathways(args: string[], databaseFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await run(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${databaseFile}` } })) }
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string }
  }
}

describe('pathways seed bench', () => {
  it('refuses a missing or unknown size as wrong usage', async () => {
    const file = path.join(scratch, 'usage.sqlite')
    const missing = await pathways(['seed', 'bench'], file)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /--size is required/)
    const unknown = await pathways(['seed', 'bench', '--size', '3k'], file)
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /size must be one of 2k, 25k, 250k or a whole number of people/)
  })

  it('fills an empty database, says what it wrote, and will not write into it again', async () => {
    const file = path.join(scratch, 'bench.sqlite')
    const made = await pathways(['seed', 'bench', '--size', '60', '--as-of', '2026-06-30'], file)
    assert.equal(made.code, 0, made.stderr)
    assert.match(made.stdout, /^Generated 60 people \([\d,]+ rows\) in [\d.]+ s:/)
    assert.match(made.stdout, /person\s+60\n/)
    assert.match(made.stderr, /Writing people and their records 100%/)
    const again = await pathways(['seed', 'bench', '--size', '60'], file)
    assert.equal(again.code, 1)
    assert.equal(again.stderr.trim(), 'pathways: seed bench: the database already holds the bench and demo dataset; generate into an empty database')
  })
})
