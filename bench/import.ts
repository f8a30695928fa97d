// Cohort import at scale: writes a CSV of N made-up people (the demo person factory, with
// NHS numbers and CRNs), then times `pathways import people` on it against a fresh SQLite
// database, optionally already holding M other people, and prints wall time and peak RSS.
//
//   node --import tsx bench/import.ts [--rows 250000] [--existing 0] [--keep]
//
// No timings are asserted anywhere: the numbers are for people to read (ARCHITECTURE.md).

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createRandom, personFactory, type MadePerson } from '../src/modules/demo/index.ts'
import { insertPersonRecords, readPersonFields } from '../src/modules/people/index.ts'
import { foldName } from '../src/modules/person-matching/index.ts'
import { inTransaction } from '../src/platform/db/database.ts'
import { createTestDatabase } from '../test/support/dialects.ts'
import { organisationWithTeam } from '../test/support/fixtures.ts'
import { createUser } from '../test/support/sessions.ts'

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '250000' },
    existing: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
  },
})
const rows = Number(options.rows)
const existing = Number(options.existing)
const asOf = '2026-01-01'

/** The NHS number after `from` whose check digit exists (modulus 11, as identifiers.ts checks it). */
function nextNhsNumber(from: number): [number, string] {
  for (let prefix = from; ; prefix += 1) {
    const digits = String(prefix).padStart(9, '0')
    const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0)
    const check = (11 - (sum % 11)) % 11
    if (check !== 10) return [prefix + 1, `${digits}${check}`]
  }
}

/** Made-up people with no two alike (folded name and date of birth), so every row is someone new. */
function* uniquePeople(seed: number, count: number, seen: Set<string>): Generator<MadePerson> {
  const random = createRandom(seed)
  let made = 0
  while (made < count) {
    const person = personFactory(random, { asOf })
    const key = `${foldName(person.given_name + person.family_name)}|${person.date_of_birth}`
    if (seen.has(key)) continue
    seen.add(key)
    made += 1
    yield person
  }
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-bench-import-'))
  const file = path.join(scratch, 'cohort.csv')
  const database = await createTestDatabase('sqlite')
  const { db } = database.handle
  try {
    const team = await organisationWithTeam(db, 'Bench Liaison Service', 'nhs_trust')
    const user = await createUser(db, { organisationId: team.organisationId, roles: ['liaison_diversion_practitioner'], teamIds: [team.teamId] })
    const seen = new Set<string>()

    if (existing > 0) {
      // Other people already recorded, held by another organisation: every row is checked against them.
      const holder = await organisationWithTeam(db, 'Bench Probation Region', 'probation_region')
      const started = performance.now()
      let batch: ReturnType<typeof readPersonFields>[] = []
      const flush = () => inTransaction(db, (tx) => insertPersonRecords(tx, null, batch.flatMap((read) => (read.ok ? [read.value] : [])), holder.teamId))
      let index = 0
      for (const person of uniquePeople(7, existing, seen)) {
        // Given names of their own, so no row of the file is one of them.
        batch.push(readPersonFields({ given_name: `Recorded${index}`, family_name: person.family_name, date_of_birth: person.date_of_birth, crn: `R${String(index).padStart(6, '0')}` }, { today: asOf }))
        index += 1
        if (batch.length === 5000) {
          await flush()
          batch = []
        }
      }
      await flush()
      console.log(`Recorded ${existing.toLocaleString('en-GB')} other people in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }

    const writing = performance.now()
    const out = fs.createWriteStream(file)
    out.write('given_name,family_name,date_of_birth,sex,nhs_number,crn\r\n')
    let nhs = 400_000_000
    let index = 0
    for (const person of uniquePeople(2026, rows, seen)) {
      let number = ''
      if (index % 5 !== 0) [nhs, number] = nextNhsNumber(nhs)
      const crn = index % 3 === 0 ? `X${String(index).padStart(6, '0')}` : ''
      const line = `${csvCell(person.given_name)},${csvCell(person.family_name)},${person.date_of_birth},${index % 2 ? 'female' : 'male'},${number},${crn}\r\n`
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      index += 1
    }
    await new Promise<void>((resolve) => out.end(() => resolve()))
    const megabytes = fs.statSync(file).size / 1024 / 1024
    console.log(`Wrote ${rows.toLocaleString('en-GB')} rows (${megabytes.toFixed(1)} MB) in ${((performance.now() - writing) / 1000).toFixed(1)} s: ${file}`)

    // GNU time prints the child's wall time (s) and peak resident set (KB) as the last line of standard error.
    const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, 'bin/pathways.js', 'import', 'people', file, '--team', team.teamId, '--user', user.email], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${database.config.dialect === 'sqlite' ? database.config.file : ''}` },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
    const measured = /TIME ([\d.]+) (\d+)\s*$/.exec(run.stderr)
    process.stdout.write(run.stdout.split('\n').slice(0, 20).join('\n'))
    console.log(run.stderr.replace(/TIME [\d.]+ \d+\s*$/, '').trim())
    if (!measured) throw new Error(`no timing from /usr/bin/time (exit ${run.status})`)
    console.log(`\npathways import people: exit ${run.status}, ${measured[1]} s, peak RSS ${(Number(measured[2]) / 1024).toFixed(0)} MB (SQLite, ${rows.toLocaleString('en-GB')} rows, ${existing.toLocaleString('en-GB')} already recorded)`)
  } finally {
    await database.drop()
    if (!options.keep) fs.rmSync(scratch, { recursive: true, force: true })
  }
}

await main()
