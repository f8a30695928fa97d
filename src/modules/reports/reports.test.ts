import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { reportsPaths } from './index.ts'

/*
 * People by ethnic group and service, on both dialects: people with an open involvement with
 * a service's team are counted once per service and once overall, small numbers are hidden
 * with a complementary cell so they cannot be worked out from the totals, the CSV hides the
 * same cells, reading is audited, and a user without report:aggregate is refused.
 */

const labels = {
  asianIndian: 'Asian or Asian British: Indian',
  blackCaribbean: 'Black, Black British, Caribbean or African: Caribbean',
  whiteBritish: 'White: English, Welsh, Scottish, Northern Irish or British',
  notKnown: 'Not known',
  allGroups: 'All ethnic groups',
}

/** The cells of the table row headed `label`, as a sighted reader sees them. */
function rowOf(html: string, label: string): string[] {
  const row = html.split('<tr').find((part) => part.includes(`>${label}</th>`))
  assert.ok(row, `no row headed ${label}`)
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map(([, cell]) => (/<span aria-hidden="true">(.*?)<\/span>/.exec(cell!)?.[1] ?? cell!).trim().replace('&lt;', '<'))
}

describeEachDialect('people by ethnic group and service', (database) => {
  let app: FastifyInstance
  let db: Db
  let analyst: BrowserSession
  let officer: BrowserSession
  let officerId: string

  /** `count` people of one ethnic group (none recorded when null) working with each of `teams`. */
  async function people(count: number, ethnicity: string | null, teams: string[], status: 'open' | 'closed' = 'open') {
    for (let index = 0; index < count; index += 1) {
      const personId = await createPerson(db, { givenName: 'Report', familyName: `Person ${index}` })
      if (ethnicity) await db.insertInto('person_characteristic').values({ id: newId(), person_id: personId, characteristic: 'ethnicity', code: ethnicity, code_list_version: '2021.1', recorded_at: new Date().toISOString() }).execute()
      for (const teamId of teams) await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: teamId, status, started_on: '2026-01-05' }).execute()
    }
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const trust = await organisationWithTeam(db, 'Alderbrook NHS Trust', 'nhs_trust')
    const charity = await organisationWithTeam(db, 'Birchwick Women’s Centre', 'charity')
    const probation = await organisationWithTeam(db, 'Marmalade Probation Delivery Unit', 'probation_delivery_unit')
    const commissioners = await organisationWithTeam(db, 'Pathway Commissioners', 'commissioner')
    for (const [organisation, name] of [[trust, 'Alder service'], [charity, 'Birch service']] as const) {
      const serviceId = newId()
      await db.insertInto('service').values({ id: serviceId, organisation_id: organisation.organisationId, slug: name.toLowerCase().replace(' ', '-'), name, summary: 'A test service', is_public: true }).execute()
      await db.updateTable('team').set({ service_id: serviceId }).where('id', '=', organisation.teamId).execute()
    }
    const [alder, birch] = [trust.teamId, charity.teamId]
    await people(8, 'white_british', [alder])
    await people(4, 'white_british', [alder, birch])
    await people(5, 'white_british', [birch])
    await people(7, 'asian_indian', [alder])
    await people(6, 'asian_indian', [birch])
    await people(3, 'black_caribbean', [alder])
    await people(5, null, [alder])
    // Not counted: an involvement that has ended, and a team that delivers no service.
    await people(2, 'black_caribbean', [birch], 'closed')
    await people(4, 'black_caribbean', [probation.teamId])

    const analystUser = await createUser(db, { organisationId: commissioners.organisationId, roles: ['data_analyst'], teamIds: [commissioners.teamId], isDemo: true })
    const officerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    officerId = officerUser.id
    analyst = await signIn(app, analystUser)
    officer = await signIn(app, officerUser)
  })
  after(() => app.close())

  const get = (url: string, session: BrowserSession) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })

  it('counts each person once per service and once in all services, hiding 3 and the cells that would give it away', async () => {
    const response = await get(reportsPaths.peopleByEthnicity(), analyst)
    assert.equal(response.statusCode, 200)
    const html = response.body
    assert.ok(html.indexOf('>Alder service<') < html.indexOf('>Birch service<'), 'services by name')
    assert.deepEqual(rowOf(html, labels.whiteBritish), ['12', '9', '17'])
    assert.deepEqual(rowOf(html, labels.asianIndian), ['7', '6', '13'])
    // 3 is small; without the hidden "Not known" cells it would be 27 − 12 − 7 − 5.
    assert.deepEqual(rowOf(html, labels.blackCaribbean), ['<5', '0', '<5'])
    assert.deepEqual(rowOf(html, labels.notKnown), ['[c]', '0', '[c]'])
    assert.deepEqual(rowOf(html, labels.allGroups), ['27', '15', '38'])
    assert.deepEqual(rowOf(html, 'White: Roma'), ['0', '0', '0'])
    assert.match(html, /<span class="govuk-visually-hidden">fewer than 5<\/span>/)
    // The analyst's header offers the report.
    assert.match(html, new RegExp(`href="${reportsPaths.peopleByEthnicity()}"`))
  })

  it('records the reading without naming anyone, for service planning', async () => {
    const event = await db.selectFrom('audit_event').selectAll().where('action', '=', 'report.view').orderBy('sequence', 'desc').executeTakeFirstOrThrow()
    assert.equal(event.outcome, 'allowed')
    assert.equal(event.person_id, null)
    assert.equal(event.record_id, null)
    assert.equal(event.purpose, 'service_planning')
    assert.deepEqual(event.details, { report: 'people-by-ethnicity', threshold: 5 })
  })

  it('downloads the same figures, with the same cells hidden, as a CSV', async () => {
    const response = await get(reportsPaths.peopleByEthnicityCsv(), analyst)
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/csv/)
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="people-by-ethnic-group-\d{4}-\d\d-\d\d\.csv"$/)
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(lines[0], 'Ethnic group,Alder service,Birch service,All services')
    assert.ok(lines.includes(`"${labels.blackCaribbean}",<5,0,<5`))
    assert.ok(lines.includes('Not known,[c],0,[c]'))
    assert.ok(lines.includes(`${labels.allGroups},27,15,38`))
    assert.equal(lines.length, 1 + 21 + 1 + 1, 'a heading, 21 ethnic groups, the totals and the final line end')
    const event = await db.selectFrom('audit_event').select(['outcome', 'person_id']).where('action', '=', 'report.export').executeTakeFirstOrThrow()
    assert.deepEqual(event, { outcome: 'allowed', person_id: null })
  })

  it('refuses a user without report:aggregate, page and download, and records the attempt', async () => {
    for (const url of [reportsPaths.peopleByEthnicity(), reportsPaths.peopleByEthnicityCsv()]) {
      const response = await get(url, officer)
      assert.equal(response.statusCode, 403)
      assert.doesNotMatch(response.body, /Alder service/)
    }
    const denied = await db.selectFrom('audit_event').select('action').where('user_id', '=', officerId).where('outcome', '=', 'denied').orderBy('sequence').execute()
    assert.deepEqual(denied.map((event) => event.action), ['report.view', 'report.export'])
    const home = await get('/', officer)
    assert.doesNotMatch(home.body, new RegExp(`href="${reportsPaths.peopleByEthnicity()}"`))
  })
})
