import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { personImportPaths as paths } from './paths.ts'

/** A browser's multipart form post: the fields, then the file. */
function upload(app: FastifyInstance, session: BrowserSession, fields: Record<string, string>, file?: { name: string; content: string | Buffer }) {
  const boundary = `----pathways${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = Object.entries({ _csrf: session.csrf, ...fields }).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(file.content), Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return app.inject({ method: 'POST', url: paths.importPeople(), headers: { cookie: session.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) })
}

const header = 'given_name,family_name,date_of_birth,nhs_number,crn'

describeEachDialect('cohort import', (database) => {
  let app: FastifyInstance
  let db: Db
  let home: OrganisationWithTeam
  let secondTeamId: string
  let elsewhere: OrganisationWithTeam
  let importerUser: TestUser
  let importer: BrowserSession
  let foreign: BrowserSession

  const count = async (table: 'person' | 'involvement' | 'person_identifier' | 'person_change') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const counts = async () => ({ person: await count('person'), involvement: await count('involvement'), person_identifier: await count('person_identifier'), person_change: await count('person_change') })
  const importIdOf = (location: unknown) => String(location).split('/').at(-1) ?? ''

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    home = await organisationWithTeam(db, 'Importing Trust', 'nhs_trust')
    secondTeamId = newId()
    await db.insertInto('team').values({ id: secondTeamId, organisation_id: home.organisationId, name: 'Importing Trust second team' }).execute()
    elsewhere = await organisationWithTeam(db, 'Elsewhere Probation', 'probation_region')
    importerUser = await createUser(db, { organisationId: home.organisationId, roles: ['clinician'], teamIds: [home.teamId, secondTeamId], isDemo: true })
    const foreignUser = await createUser(db, { organisationId: elsewhere.organisationId, roles: ['clinician'], teamIds: [elsewhere.teamId], isDemo: true })
    importer = await signIn(app, importerUser)
    foreign = await signIn(app, foreignUser)
    // Someone the importer's team holds, and someone only another organisation holds.
    for (const [given, family, teamId, crn] of [['Theodora', 'Quillfeather', home.teamId, 'A111111'], ['Barnaby', 'Wigglesby', elsewhere.teamId, 'B222222']] as const) {
      const id = newId()
      await db.insertInto('person').values({ id, given_name: given, family_name: family, date_of_birth: '1977-07-07', updated_at: new Date().toISOString() }).execute()
      await db.insertInto('involvement').values({ id: newId(), person_id: id, team_id: teamId, status: 'open', started_on: '2026-01-05' }).execute()
      await db.insertInto('person_identifier').values({ id: newId(), person_id: id, kind: 'crn', value: crn }).execute()
    }
  })
  after(() => app.close())

  it('shows the form with the user’s teams and the columns a file may have', async () => {
    const page = await app.inject({ method: 'GET', url: paths.importPeople(), headers: { cookie: importer.cookie } })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /enctype="multipart\/form-data"/)
    assert.match(page.body, /Importing Trust second team/)
    assert.match(page.body, /<code>prison_number<\/code>/)
  })

  it('asks for a file and a team, and says what is wrong with a file that has no usable header', async () => {
    const noFile = await upload(app, importer, { team: home.teamId })
    assert.equal(noFile.statusCode, 400)
    assert.match(noFile.body, /Select a CSV file/)
    const nothing = await upload(app, importer, {})
    assert.deepEqual([...nothing.body.matchAll(/<a href="#(\w+)">([^<]+)<\/a>/g)].map((match) => [match[1], match[2]]), [
      ['team', 'Select the team that will work with these people'],
      ['file', 'Select a CSV file'],
    ], 'every problem at once, in the order of the form')
    const noTeam = await upload(app, importer, {}, { name: 'people.csv', content: `${header}\r\nJohn,Teacup,1990-04-01,,\r\n` })
    assert.equal(noTeam.statusCode, 400)
    assert.match(noTeam.body, /Select the team that will work with these people/)
    const foreignTeam = await upload(app, importer, { team: elsewhere.teamId }, { name: 'people.csv', content: `${header}\r\nJohn,Teacup,1990-04-01,,\r\n` })
    assert.equal(foreignTeam.statusCode, 400, 'only one of the user’s own teams')
    const noHeader = await upload(app, importer, { team: home.teamId }, { name: 'people.csv', content: 'John,Teacup,1990-04-01\r\n' })
    assert.equal(noHeader.statusCode, 400)
    assert.match(noHeader.body, /These are not columns this import knows: john, teacup, 1990-04-01/)
    const latin1 = await upload(app, importer, { team: home.teamId }, { name: 'people.csv', content: Buffer.from('given_name,family_name,date_of_birth\nSi\xe2n,Teacup,1990-04-01\n', 'latin1') })
    assert.equal(latin1.statusCode, 400)
    assert.match(latin1.body, /The file must be saved as &quot;CSV UTF-8&quot;/)
  })

  it('imports nothing from a file with bad rows, and lists each with its row number and reasons', async () => {
    const before = await counts()
    const rows = [
      header,
      'Ada,Puddleby,1991-02-03,,', // row 2: good
      ',Nameless,1991-02-03,,', // row 3: no given name
      'Bea,Puddleby,1991-02-30,943 476 5918,', // row 4: no such date, wrong check digit
      'Cal,Puddleby,1991-02-05,,X123456', // row 5: good
      'Dot,Puddleby,1991-02-06,,x 123456', // row 6: the CRN of row 5
      'Ada,Puddleby,1991-02-03,,', // row 7: row 2 again
      'Theodora,Quillfeather,1977-07-07,,', // row 8: held by the importer's team
      'Someone,Else,2001-01-01,,B222222', // row 9: the CRN of someone another organisation holds
      'Eve,Puddleby', // row 10: two cells
      '"=HYPERLINK(""x"")",Puddleby,1991-02-07,,,', // row 11: too many cells, and a formula
    ]
    const response = await upload(app, importer, { team: home.teamId }, { name: 'cohort.csv', content: `${rows.join('\r\n')}\r\n` })
    assert.equal(response.statusCode, 303)
    assert.deepEqual(await counts(), before, 'nothing written')

    const result = await app.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie: importer.cookie } })
    assert.equal(result.statusCode, 200)
    assert.match(result.body, /No one has been imported/)
    assert.match(result.body, /8 of 10 rows have problems/)
    const listed = [...result.body.matchAll(/<th scope="row" class="govuk-table__header">(\d+)<\/th>\s*<td class="govuk-table__cell">([\s\S]*?)<\/td>/g)].map((match) => [Number(match[1]), (match[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()])
    assert.deepEqual(listed.map(([row]) => row), [3, 4, 6, 7, 8, 9, 10, 11])
    const reasons = Object.fromEntries(listed)
    assert.match(String(reasons[6]), /^crn: The same as row 5: one identifier belongs to one person$/)
    assert.equal(reasons[7], 'The same name and date of birth as row 2')
    assert.equal(reasons[8], 'May be someone your teams already work with: find them under People, and remove this row')
    assert.equal(reasons[9], 'May be someone another organisation holds: remove this row, then add the person on their own to ask that organisation for access')
    assert.equal(reasons[10], 'This row has 2 values but the first row names 5 columns')
    assert.match(String(reasons[3]), /^given_name: /)
    assert.match(String(reasons[4]), /^date_of_birth: .*nhs_number: /)
    assert.doesNotMatch(result.body, /Barnaby|Wigglesby/, 'nothing about the person held elsewhere')

    const download = await app.inject({ method: 'GET', url: paths.rejectedRows({ importId: importIdOf(response.headers.location) }), headers: { cookie: importer.cookie } })
    assert.equal(download.statusCode, 200)
    assert.match(String(download.headers['content-type']), /^text\/csv/)
    const lines = download.body.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(lines[0], 'given_name,family_name,date_of_birth,nhs_number,crn,row,reason')
    assert.equal(lines[1]?.startsWith(',Nameless,1991-02-03,,,3,given_name: '), true)
    assert.equal(lines[3], 'Dot,Puddleby,1991-02-06,,x 123456,6,crn: The same as row 5: one identifier belongs to one person')
    assert.equal(lines[8], `"'=HYPERLINK(""x"")",Puddleby,1991-02-07,,,,11,This row has 6 values but the first row names 5 columns`)

    const audited = await db.selectFrom('audit_event').select(['action', 'outcome', 'details', 'person_id']).where('user_id', '=', importerUser.id).where('action', 'like', 'person-import.%').orderBy('sequence').execute()
    assert.deepEqual(audited.map((row) => [row.action, row.outcome]), [['person-import.import', 'failed'], ['person-import.view', 'allowed'], ['person-import.download', 'allowed']])
    assert.doesNotMatch(JSON.stringify(audited), /Puddleby|Nameless/, 'no personal data in the audit trail')
  })

  it('pages through many rejected rows', async () => {
    const rows = [header, ...Array.from({ length: 120 }, (_, index) => `Row${index},Puddleby,1991-13-01,,`)]
    const response = await upload(app, importer, { team: home.teamId }, { name: 'many.csv', content: rows.join('\n') })
    const second = await app.inject({ method: 'GET', url: `${String(response.headers.location)}?page=2`, headers: { cookie: importer.cookie } })
    assert.match(second.body, /Showing 51 to 100 of 120 rejected rows/)
    assert.match(second.body, /<th scope="row" class="govuk-table__header">52<\/th>/)
    assert.doesNotMatch(second.body, /<th scope="row" class="govuk-table__header">51<\/th>/)
  })

  it('imports every row of a good file in one go: people, identifiers, involvements with the chosen team, history and one audit row', async () => {
    const before = await counts()
    const content = `\uFEFF${header}\r\n"Fenella","Honeypot-Adeyemi",1985-11-30,943 476 5919,\r\nGideon,O'Crumpetty,1969-03-14,,X654321\r\n`
    const response = await upload(app, importer, { team: secondTeamId }, { name: 'good.csv', content })
    assert.equal(response.statusCode, 303)
    const after = await counts()
    assert.deepEqual(after, { person: before.person + 2, involvement: before.involvement + 2, person_identifier: before.person_identifier + 2, person_change: before.person_change + 2 })
    const imported = await db
      .selectFrom('person')
      .innerJoin('involvement', 'involvement.person_id', 'person.id')
      .select(['person.given_name', 'person.family_name', 'person.date_of_birth', 'person.created_by', 'involvement.team_id', 'involvement.status'])
      .where('person.family_name', 'in', ['Honeypot-Adeyemi', "O'Crumpetty"])
      .orderBy('person.family_name')
      .execute()
    assert.deepEqual(imported, [
      { given_name: 'Fenella', family_name: 'Honeypot-Adeyemi', date_of_birth: '1985-11-30', created_by: importerUser.id, team_id: secondTeamId, status: 'open' },
      { given_name: 'Gideon', family_name: "O'Crumpetty", date_of_birth: '1969-03-14', created_by: importerUser.id, team_id: secondTeamId, status: 'open' },
    ])
    const audit = await db.selectFrom('audit_event').select(['outcome', 'details', 'record_id']).where('user_id', '=', importerUser.id).where('action', '=', 'person-import.import').orderBy('sequence', 'desc').executeTakeFirstOrThrow()
    assert.equal(audit.outcome, 'allowed')
    assert.equal(audit.record_id, importIdOf(response.headers.location))
    assert.deepEqual(audit.details, { rows: 2, rejected: 0, imported: 2, checksum: createHash('sha256').update(content).digest('hex'), teamId: secondTeamId })
    const result = await app.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie: importer.cookie } })
    assert.match(result.body, /People imported: 2\. They are now among the people of Importing Trust second team\./)
  })

  it('deletes rejected rows after a week, at the next import that keeps any, and says so', async () => {
    const old = await upload(app, importer, { team: home.teamId }, { name: 'old.csv', content: `${header}\nOld,Rowena,1991-13-01,,\n` })
    const oldId = importIdOf(old.headers.location)
    await sql`update person_import set created_at = ${new Date(Date.now() - 8 * 86_400_000).toISOString()} where id = ${oldId}`.execute(db)
    const kept = () => db.selectFrom('person_import_rejection').select('row_number').where('import_id', '=', oldId).execute()
    assert.equal((await kept()).length, 1)
    await upload(app, importer, { team: home.teamId }, { name: 'new.csv', content: `${header}\nNew,Rowena,1991-13-01,,\n` })
    assert.deepEqual(await kept(), [])
    const page = await app.inject({ method: 'GET', url: String(old.headers.location), headers: { cookie: importer.cookie } })
    assert.match(page.body, /The rejected rows are no longer kept: they are deleted after 7 days\./)
    assert.doesNotMatch(page.body, /Rowena/)
  })

  it('shows an import and its rejected rows only to the user who ran it', async () => {
    const response = await upload(app, importer, { team: home.teamId }, { name: 'bad.csv', content: `${header}\nZelda,Kettlewobble,not a date,,\n` })
    const importId = importIdOf(response.headers.location)
    for (const url of [paths.importResult({ importId }), paths.rejectedRows({ importId })]) {
      const seen = await app.inject({ method: 'GET', url, headers: { cookie: foreign.cookie } })
      assert.equal(seen.statusCode, 404, url)
      assert.doesNotMatch(seen.body, /Zelda|Kettlewobble/)
    }
  })
})
