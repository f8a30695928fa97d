import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { describeEachDialect } from '../test/support/dialects.ts'
import { organisationWithTeam, type OrganisationWithTeam } from '../test/support/fixtures.ts'
import { createUser } from '../test/support/sessions.ts'
import type { Db } from '../src/platform/db/database.ts'
import type { DatabaseConfig } from '../src/platform/config.ts'

const execFileAsync = promisify(execFile)
const bin = path.resolve('bin/pathways.js')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-import-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

function databaseUrl(config: DatabaseConfig): string {
  return config.dialect === 'sqlite' ? `sqlite:${config.file}` : config.url
}

async function pathways(args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function csvFile(name: string, lines: string[]): string {
  const file = path.join(scratch, name)
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`)
  return file
}

describe('pathways import people, used wrongly', () => {
  it('exits 2 on wrong usage, naming what is missing', async () => {
    const file = csvFile('usage.csv', ['given_name,family_name,date_of_birth'])
    for (const [args, message] of [
      [['import', 'things', file], /unknown kind "things"/],
      [['import', 'people'], /give one CSV file/],
      [['import', 'people', file, '--user', 'x@example.test'], /--team TEAM_ID is required/],
      [['import', 'people', file, '--team', '0190f0c0-0000-7000-8000-000000000000'], /--user EMAIL is required/],
      [['import', 'people', file, '--team', '0190f0c0-0000-7000-8000-000000000000', '--user', 'x@example.test', '--colour', 'blue'], /colour/],
    ] as const) {
      const outcome = await pathways([...args], { DATABASE_URL: `sqlite:${path.join(scratch, 'unused.sqlite')}` })
      assert.equal(outcome.code, 2, args.join(' '))
      assert.match(outcome.stderr, message)
    }
  })
})

describeEachDialect('pathways import people', (database) => {
  let db: Db
  let env: Record<string, string>
  let home: OrganisationWithTeam
  let otherTeam: OrganisationWithTeam
  let email: string
  let userId: string
  const peopleCount = async () => Number((await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  before(async () => {
    db = database().handle.db
    env = { DATABASE_URL: databaseUrl(database().config) }
    home = await organisationWithTeam(db, 'CLI Import Trust', 'nhs_trust')
    otherTeam = await organisationWithTeam(db, 'CLI Other Charity', 'charity')
    const user = await createUser(db, { organisationId: home.organisationId, roles: ['liaison_diversion_practitioner'], teamIds: [home.teamId] })
    ;({ email, id: userId } = user)
  })

  it('exits 1 for a missing file, an unknown user or a team the user is not in', async () => {
    const file = csvFile('refused.csv', ['given_name,family_name,date_of_birth', 'Ada,Puddleby,1991-02-03'])
    assert.match((await pathways(['import', 'people', path.join(scratch, 'nowhere.csv'), '--team', home.teamId, '--user', email], env)).stderr, /cannot read/)
    const unknown = await pathways(['import', 'people', file, '--team', home.teamId, '--user', 'nobody@example.test'], env)
    assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, 'pathways: no active user with e-mail nobody@example.test'])
    const notMember = await pathways(['import', 'people', file, '--team', otherTeam.teamId, '--user', email], env)
    assert.deepEqual([notMember.code, notMember.stderr.trim()], [1, `pathways: ${email} is not a member of team ${otherTeam.teamId}`])
    assert.equal(await peopleCount(), 0)
  })

  it('exits 1 and imports no one when a row is rejected, listing each rejected row on standard output', async () => {
    const file = csvFile('bad.csv', ['given_name,family_name,date_of_birth,crn', 'Ada,Puddleby,1991-02-03,X123456', 'Bea,Puddleby,1991-02-04,X123456', 'Cal,Puddleby,1991-13-01,'])
    const outcome = await pathways(['import', 'people', file, '--team', home.teamId, '--user', email], env)
    assert.equal(outcome.code, 1)
    const rows = outcome.stdout.trim().split('\n')
    assert.equal(rows.length, 2)
    assert.equal(rows[0], 'Row 3: crn: The same as row 2: one identifier belongs to one person')
    assert.match(rows[1] ?? '', /^Row 4: date_of_birth: /)
    assert.match(outcome.stderr, /pathways: 2 of 3 rows rejected \(listed above\); no one was imported/)
    assert.equal(await peopleCount(), 0)
    const audit = await db.selectFrom('audit_event').select(['outcome', 'route']).where('user_id', '=', userId).where('action', '=', 'person-import.import').execute()
    assert.deepEqual(audit, [{ outcome: 'failed', route: 'cli import people' }])
  })

  it('exits 1 with one line for a file it cannot read as people', async () => {
    const outcome = await pathways(['import', 'people', csvFile('header.csv', ['name,dob', 'Ada,1991-02-03']), '--team', home.teamId, '--user', email], env)
    assert.equal(outcome.code, 1)
    assert.equal(outcome.stderr.trim().split('\n').at(-1), 'pathways: ' + path.join(scratch, 'header.csv') + ': The first row must name the columns. These are not columns this import knows: name, dob')
  })

  it('imports everyone, exits 0, and reports progress in plain lines when standard error is not a terminal', async () => {
    const lines = ['given_name,family_name,date_of_birth,nhs_number', ...Array.from({ length: 1200 }, (_, index) => `Person${index},Cliimport,${1950 + (index % 50)}-0${1 + (index % 9)}-1${index % 10},`)]
    const outcome = await pathways(['import', 'people', csvFile('good.csv', lines), '--team', home.teamId, '--user', email], env)
    assert.equal(outcome.code, 0, outcome.stderr)
    assert.equal(outcome.stdout.trim(), `Imported 1200 people for team ${home.teamId}.`)
    assert.match(outcome.stderr, /^Checking rows 100% · 1,200 rows · [\d,]+ rows\/s$/m)
    assert.match(outcome.stderr, /^Importing 100% · 1,200 rows · [\d,]+ rows\/s$/m)
    assert.doesNotMatch(outcome.stderr, /\r|\[#/, 'no bar redrawn in a log')
    assert.equal(await peopleCount(), 1200)
    const involvements = await db.selectFrom('involvement').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', home.teamId).where('status', '=', 'open').executeTakeFirstOrThrow()
    assert.equal(Number(involvements.n), 1200)
    const audit = await db.selectFrom('audit_event').select(['outcome', 'details']).where('user_id', '=', userId).where('action', '=', 'person-import.import').orderBy('sequence', 'desc').executeTakeFirstOrThrow()
    assert.equal(audit.outcome, 'allowed')
    assert.equal((audit.details as { imported: number }).imported, 1200)
  })
})
