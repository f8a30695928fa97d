// `npm test`: builds the assets once, then runs every test file (unit, integration on
// SQLite and PostgreSQL, e2e in Chromium) through node's test runner with tsx.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const roots = ['src', 'cli', 'test', 'migrations', 'bench']
const only = process.argv.slice(2)

function testFiles(dir) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full)
    return entry.name.endsWith('.test.ts') ? [full] : []
  })
}

const files = (only.length > 0 ? only : roots.flatMap(testFiles)).sort()
if (files.length === 0) {
  console.error('No test files found.')
  process.exit(1)
}

// The e2e files copy one demo database seeded by whichever of them starts first (test/e2e/support/browser.ts).
const sharedDemoDatabase = path.join(os.tmpdir(), `pathways-e2e-demo-${process.pid}.sqlite`)
const env = { ...process.env, NODE_ENV: 'test', PATHWAYS_E2E_DEMO_DATABASE: sharedDemoDatabase }
// Types first: a type error fails the run before any test starts.
if (only.length === 0) {
  const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit'], { stdio: 'inherit', env })
  if (typecheck.status !== 0) process.exit(typecheck.status ?? 1)
}
const build = spawnSync(process.execPath, ['bin/pathways.js', 'build'], { stdio: 'inherit', env })
if (build.status !== 0) process.exit(build.status ?? 1)

// Three files at once on two cores: integration suites spend much of their time waiting on
// PostgreSQL, SQLite fsyncs and Chromium, so a third file uses the idle CPU (measured: README "Tests").
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=3', ...files], { stdio: 'inherit', env })
for (const leftover of [sharedDemoDatabase, `${sharedDemoDatabase}.lock`]) fs.rmSync(leftover, { force: true })
process.exit(run.status ?? 1)
