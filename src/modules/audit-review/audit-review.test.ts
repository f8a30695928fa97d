import assert from 'node:assert/strict'
import { after, before, it, mock } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, csrfFrom, postForm, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import { recordAudit, verifyAuditChain, type AuditEntry } from '../../platform/audit/index.ts'
import { inTransaction, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { accountPaths } from '../account/index.ts'
import { auditReviewPaths } from './paths.ts'
import { eachEvent } from './repository.ts'

/** The request ids shown on an events page, in the order shown. */
function requestIdsOn(html: string): string[] {
  return [...html.matchAll(/<span class="app-request-id">([^<]*)<\/span>/g)].map((match) => match[1] ?? '')
}

function linkOn(html: string, rel: 'prev' | 'next'): string | undefined {
  return new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1]?.replaceAll('&amp;', '&')
}

const pageIds = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, index) => `r-page-${String(from - index).padStart(2, '0')}`)

describeEachDialect('audit review', (database, dialect) => {
  let app: FastifyInstance
  let db: Db
  const trust = newId()
  const probation = newId()
  const personA = newId()
  const personB = newId()
  let reviewer: TestUser
  let clinician: TestUser
  let caseWorker: TestUser
  let foreignOfficer: TestUser
  let browser: BrowserSession

  /** Records an event as if it happened at `at` (recordAudit stamps the current time). */
  async function recordAt(at: string, entries: AuditEntry[]): Promise<void> {
    mock.timers.enable({ apis: ['Date'], now: Date.parse(at) })
    try {
      await inTransaction(db, async (tx) => {
        for (const entry of entries) await recordAudit(tx, dialect, entry)
      })
    } finally {
      mock.timers.reset()
    }
  }

  const view = (query: Record<string, string> = {}, session = browser) => {
    const search = new URLSearchParams(query).toString()
    return app.inject({ method: 'GET', url: `${auditReviewPaths.events()}${search ? `?${search}` : ''}`, headers: { cookie: session.cookie } })
  }
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } })
  const exportUrl = (query: Record<string, string>) => `${auditReviewPaths.export()}?${new URLSearchParams(query).toString()}`
  const latestEvent = () => db.selectFrom('audit_event').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow()

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    await db
      .insertInto('organisation')
      .values([
        { id: trust, name: 'Northbridge NHS Trust', type: 'nhs_trust' },
        { id: probation, name: 'Southgate Probation Delivery Unit', type: 'probation_delivery_unit' },
      ])
      .execute()
    // ig_lead requires MFA at sign-in; a demo account is exempt, so the tests sign in with a password alone.
    reviewer = await createUser(db, { organisationId: trust, roles: ['ig_lead'], isDemo: true })
    clinician = await createUser(db, { organisationId: trust, roles: ['volunteer'], email: 'asha.clinician@example.test' })
    caseWorker = await createUser(db, { organisationId: trust, roles: ['volunteer'], email: 'jo.smith@example.test' })
    foreignOfficer = await createUser(db, { organisationId: probation, roles: ['volunteer'], email: 'officer@example.test' })
    await db.updateTable('staff_user').set({ display_name: 'Smith, "Jo"' }).where('id', '=', caseWorker.id).execute()

    const by = (user: TestUser, organisationId: string) => ({ userId: user.id, organisationId, route: '/people/:personId', purpose: 'direct-care' })
    // 30 June 23:30 and 1 July 00:30 in UK time (BST): both on 30 June in UTC.
    await recordAt('2025-06-30T22:30:00Z', [{ ...by(clinician, trust), action: 'person.view', outcome: 'allowed', personId: personA, requestId: 'r-june-30' }])
    await recordAt('2025-06-30T23:30:00Z', [{ ...by(clinician, trust), action: 'person.change', outcome: 'denied', personId: personA, requestId: 'r-july-1' }])
    await recordAt('2025-07-01T10:00:00Z', [{ ...by(foreignOfficer, probation), action: 'person.view', outcome: 'allowed', personId: personA, requestId: 'r-foreign' }])
    await recordAt('2025-07-02T09:00:00Z', [
      {
        ...by(caseWorker, trust),
        action: 'person.view',
        outcome: 'allowed',
        personId: personB,
        purpose: '-1+1',
        recordType: 'referral',
        recordId: '=HYPERLINK("https://evil.example","Click")',
        route: '@SUM(A1)',
        requestId: 'r-july-2',
        details: { tab: 'summary' },
      },
    ])
    const referralViews = Array.from({ length: 60 }, (_, index): AuditEntry => ({ ...by(clinician, trust), action: 'referral.view', outcome: 'allowed', requestId: `r-page-${String(index).padStart(2, '0')}` }))
    await recordAt('2025-08-01T12:00:00Z', referralViews)
    browser = await signIn(app, reviewer)
  })
  after(() => app.close())

  it('refuses the trail and its export to a member of staff without audit:review', async () => {
    const volunteer = await signIn(app, clinician)
    assert.equal((await view({}, volunteer)).statusCode, 403)
    const exported = await app.inject({ method: 'GET', url: auditReviewPaths.export(), headers: { cookie: volunteer.cookie } })
    assert.equal(exported.statusCode, 403)
  })

  it("shows the reviewer's organisation's events about a person, newest first, and never another organisation's", async () => {
    const page = await view({ person: personA.toUpperCase() })
    assert.equal(page.statusCode, 200)
    assert.deepEqual(requestIdsOn(page.body), ['r-july-1', 'r-june-30'])
    assert.match(page.body, /<time datetime="2025-06-30T23:30:00.000Z">1 Jul 2025, 00:30:00<\/time>/)
    assert.match(page.body, /asha.clinician@example.test/)
    assert.match(page.body, /Northbridge NHS Trust/)
    assert.doesNotMatch(page.body, /Southgate|officer@example.test/)
  })

  it('narrows by member of staff, matching the e-mail in any case', async () => {
    assert.deepEqual(requestIdsOn((await view({ user: 'Jo.Smith@Example.TEST' })).body), ['r-july-2'])
    assert.deepEqual(requestIdsOn((await view({ user: foreignOfficer.email })).body), [], "another organisation's member of staff has no events in scope")
  })

  it('narrows by organisation, listing and reaching only organisations in scope', async () => {
    const own = await view({ organisation: trust, person: personA })
    assert.deepEqual(requestIdsOn(own.body), ['r-july-1', 'r-june-30'])
    assert.match(own.body, new RegExp(`<option value="${trust}" selected>Northbridge NHS Trust</option>`))
    const crafted = await view({ organisation: probation, person: personA })
    assert.equal(crafted.statusCode, 200)
    assert.deepEqual(requestIdsOn(crafted.body), [])
    assert.match(crafted.body, /No events match these filters/)
  })

  it('narrows by action and by outcome', async () => {
    assert.deepEqual(requestIdsOn((await view({ action: 'person.change' })).body), ['r-july-1'])
    assert.deepEqual(requestIdsOn((await view({ outcome: 'denied', person: personA })).body), ['r-july-1'])
  })

  it('narrows by dates in UK time, both days included', async () => {
    const firstOfJuly = { 'from-day': '1', 'from-month': '7', 'from-year': '2025', 'to-day': '1', 'to-month': '7', 'to-year': '2025' }
    assert.deepEqual(requestIdsOn((await view(firstOfJuly)).body), ['r-july-1'])
    const lateJune = { 'from-day': '30', 'from-month': '6', 'from-year': '2025', 'to-day': '2', 'to-month': '7', 'to-year': '2025' }
    assert.deepEqual(requestIdsOn((await view(lateJune)).body), ['r-july-2', 'r-july-1', 'r-june-30'])
  })

  it('explains wrong filters beside their fields, keeps what was typed and reads nothing', async () => {
    const before = await latestEvent()
    const impossible = await view({ 'from-day': '31', 'from-month': '2', 'from-year': '2025', 'to-day': '1', 'to-month': '', 'to-year': '2025', person: 'not-an-id' })
    assert.equal(impossible.statusCode, 400)
    assert.match(impossible.body, /<title>Error: Audit trail/)
    assert.match(impossible.body, /href="#person">Enter a Pathways ID in the correct format/)
    assert.match(impossible.body, /href="#from-day">Date from must be a real date/)
    assert.match(impossible.body, /href="#to-day">Date to must include a day, month and year/)
    assert.match(impossible.body, /value="not-an-id"/)
    assert.match(impossible.body, /id="from-day" name="from-day" type="text" value="31"/)
    const reversed = await view({ 'from-day': '2', 'from-month': '7', 'from-year': '2025', 'to-day': '1', 'to-month': '7', 'to-year': '2025' })
    assert.match(reversed.body, /href="#to-day">Date to must be the same as or after date from/)
    const unknown = await view({ user: 'nobody@example.test' })
    assert.match(unknown.body, /href="#user">There is no member of staff with this email address/)
    assert.equal((await latestEvent()).sequence, before.sequence, 'nothing read, nothing recorded')
  })

  it('pages 50 events at a time, newest first, keeping the filters', async () => {
    const first = await view({ action: 'referral.view' })
    assert.deepEqual(requestIdsOn(first.body), pageIds(59, 10))
    assert.equal(linkOn(first.body, 'prev'), undefined)
    const olderHref = linkOn(first.body, 'next')
    assert.match(olderHref ?? '', /^\/audit\?action=referral.view&olderThan=\d+$/)
    const second = await get(olderHref ?? '')
    assert.deepEqual(requestIdsOn(second.body), pageIds(9, 0))
    assert.equal(linkOn(second.body, 'next'), undefined)
    const back = await get(linkOn(second.body, 'prev') ?? '')
    assert.deepEqual(requestIdsOn(back.body), pageIds(59, 10))
    assert.equal(linkOn(back.body, 'prev'), undefined)
  })

  it('records each viewing: who, for which organisation, and the filters as ids', async () => {
    const page = await view({ person: personA, user: 'ASHA.CLINICIAN@example.test' })
    assert.equal(page.statusCode, 200)
    const viewed = await latestEvent()
    assert.equal(viewed.action, 'audit.view')
    assert.equal(viewed.outcome, 'allowed')
    assert.equal(viewed.purpose, null, 'reviewing the trail is not care')
    assert.equal(viewed.user_id, reviewer.id)
    assert.equal(viewed.organisation_id, trust)
    assert.equal(viewed.route, `GET ${auditReviewPaths.events.pattern}`)
    assert.deepEqual(viewed.details, { filters: { personId: personA, userId: clinician.id }, cursor: {}, events: 2 })
    assert.doesNotMatch(JSON.stringify(viewed.details), /@/, 'no e-mail address in the trail')
  })

  it('reads every matching event for an export a batch at a time, newest first', async () => {
    const sequences: number[] = []
    const ids: Array<string | null> = []
    for await (const event of eachEvent(db, { organisationId: trust }, { action: 'referral.view' }, 7)) {
      sequences.push(event.sequence)
      ids.push(event.request_id)
    }
    assert.deepEqual(ids, pageIds(59, 0))
    assert.deepEqual(sequences, [...sequences].sort((a, b) => b - a))
  })

  it('asks for the password again before an export, coming back to the same export', async () => {
    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 10 * 60_000).toISOString() }).where('user_id', '=', reviewer.id).execute()
    const before = await latestEvent()
    const url = exportUrl({ user: caseWorker.email })
    const refused = await get(url)
    assert.equal(refused.statusCode, 303)
    assert.equal(refused.headers.location, `${accountPaths.confirmIdentity()}?returnTo=${encodeURIComponent(url)}`)
    assert.equal((await latestEvent()).sequence, before.sequence, 'nothing exported, nothing recorded')

    const confirm = await csrfFrom(app, browser, String(refused.headers.location))
    const confirmed = await postForm(app, confirm, accountPaths.confirmIdentity(), { password: reviewer.password, returnTo: url })
    assert.equal(confirmed.statusCode, 303)
    assert.equal(confirmed.headers.location, url)
  })

  it('exports the filtered events as RFC 4180 CSV, neutralising formulas, and records the export', async () => {
    const response = await get(exportUrl({ user: caseWorker.email }))
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8')
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
    assert.equal(response.headers['content-disposition'], `attachment; filename="pathways-audit-${today}.csv"`)
    assert.equal(response.headers['cache-control'], 'no-store')
    assert.ok(response.body.startsWith('\uFEFF'))
    const lines = response.body.slice(1).split('\r\n')
    assert.equal(
      lines[0],
      'Sequence,Event ID,Time (UK),Time (UTC),Member of staff,Email address,User ID,Organisation,Organisation ID,Action,Purpose,Outcome,Record type,Record ID,Person ID,Route,Request ID,Details',
    )
    const stored = await db.selectFrom('audit_event').select(['sequence', 'id']).where('request_id', '=', 'r-july-2').executeTakeFirstOrThrow()
    const expected = [
      stored.sequence,
      stored.id,
      '2025-07-02 10:00:00',
      '2025-07-02T09:00:00.000Z',
      '"Smith, ""Jo"""',
      'jo.smith@example.test',
      caseWorker.id,
      'Northbridge NHS Trust',
      trust,
      'person.view',
      "'-1+1",
      'allowed',
      'referral',
      `"'=HYPERLINK(""https://evil.example"",""Click"")"`,
      personB,
      "'@SUM(A1)",
      'r-july-2',
      '"{""tab"":""summary""}"',
    ].join(',')
    assert.deepEqual(lines.slice(1), [expected, ''])

    const exported = await latestEvent()
    assert.equal(exported.action, 'audit.export')
    assert.equal(exported.user_id, reviewer.id)
    assert.equal(exported.organisation_id, trust)
    assert.equal(exported.route, `GET ${auditReviewPaths.export.pattern}`)
    assert.deepEqual(exported.details, { filters: { userId: caseWorker.id } })
  })

  it("exports every event in scope and none of another organisation's, leaving the trail intact", async () => {
    const response = await get(auditReviewPaths.export())
    assert.equal(response.statusCode, 200)
    const rows = response.body.slice(1).split('\r\n').slice(1, -1)
    const inScope = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', trust).executeTakeFirstOrThrow()
    assert.equal(rows.length, Number(inScope.n), 'the export itself included')
    // The foreign officer's id does appear in the details of this reviewer's own search for them, never as the one who acted.
    assert.deepEqual(rows.filter((row) => row.includes('r-foreign') || row.includes('Southgate') || row.includes(`,${foreignOfficer.id},`)), [])
    assert.match(rows[0] ?? '', /,audit\.export,/)
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: (await latestEvent()).sequence })
  })

  it('sends an export with wrong filters back to the page that explains them', async () => {
    const response = await get(exportUrl({ person: 'not-an-id' }))
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `${auditReviewPaths.events()}?person=not-an-id`)
  })
})
