import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, csrfFrom, postForm, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { IdentifierKind } from '../../platform/db/schema.ts'
import { CompiledQuery, sql } from 'kysely'
import { findPossibleMatches, findPossibleMatchesForMany, type MatchCandidate } from './index.ts'
import { identifierHoldersQuery, peopleOnDatesQuery } from './repository.ts'
import { personMatchingPaths as paths } from './paths.ts'

interface MadePerson {
  id: string
  givenName: string
  familyName: string
}

/** A made-up person with identifiers and aliases, held (open involvement) by `teamIds`. */
async function recordPerson(
  db: Db,
  options: { givenName: string; familyName: string; dateOfBirth?: string; teamIds?: string[]; identifiers?: [IdentifierKind, string, 'current' | 'ended'][]; aliases?: [string, string][]; mergedInto?: string; restricted?: boolean },
): Promise<MadePerson> {
  const id = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('person')
    .values({ id, given_name: options.givenName, family_name: options.familyName, date_of_birth: options.dateOfBirth ?? '1990-04-01', updated_at: now, merged_into_id: options.mergedInto ?? null, is_restricted: options.restricted ?? false })
    .execute()
  for (const teamId of options.teamIds ?? []) await db.insertInto('involvement').values({ id: newId(), person_id: id, team_id: teamId, status: 'open', started_on: '2026-01-05' }).execute()
  for (const [kind, value, state] of options.identifiers ?? []) {
    await db.insertInto('person_identifier').values({ id: newId(), person_id: id, kind, value, ended_at: state === 'ended' ? now : null }).execute()
  }
  for (const [given, family] of options.aliases ?? []) await db.insertInto('person_alias').values({ id: newId(), person_id: id, alias_type: 'alias', given_name: given, family_name: family }).execute()
  return { id, givenName: options.givenName, familyName: options.familyName }
}

const candidate = (givenName: string, familyName: string, dateOfBirth = '1990-04-01', identifiers: MatchCandidate['identifiers'] = []): MatchCandidate => ({ givenName, familyName, dateOfBirth, identifiers })

describeEachDialect('duplicate detection', (database, dialect) => {
  let db: Db
  let home: OrganisationWithTeam
  let other: OrganisationWithTeam
  let userId: string

  function homeScope(): Scope {
    const now = new Date().toISOString()
    return { userId, organisationId: home.organisationId, teamIds: [home.teamId], purpose: 'direct_care', readsHealthOnly: true, now, today: now.slice(0, 10) }
  }
  const matchesFor = (one: MatchCandidate) => db.transaction().execute((tx) => findPossibleMatches(tx, homeScope(), one))
  const matchesForMany = (many: MatchCandidate[]) => db.transaction().execute((tx) => findPossibleMatchesForMany(tx, homeScope(), many))

  before(async () => {
    db = database().handle.db
    home = await organisationWithTeam(db, 'Matching Home Trust', 'nhs_trust')
    other = await organisationWithTeam(db, 'Matching Other Probation', 'probation_region')
    userId = (await createUser(db, { organisationId: home.organisationId, roles: ['clinician'], teamIds: [home.teamId] })).id
  })

  it('finds a similar name with the same date of birth in scope, with details and reasons', async () => {
    const john = await recordPerson(db, { givenName: 'John', familyName: 'Teacup', teamIds: [home.teamId] })
    const found = await matchesFor(candidate('Jon', 'Teacup'))
    assert.deepEqual(found.inScope.map((match) => [match.personId, match.givenName, match.familyName, match.dateOfBirth, match.reasons]), [[john.id, 'John', 'Teacup', '1990-04-01', ['name_and_date_of_birth']]])
    assert.equal(found.elsewhere, false)
    assert.deepEqual((await matchesFor(candidate('Mary', 'Quillfeather'))).inScope, [])
  })

  it('reduces a match outside the scope to `elsewhere`, and nothing else', async () => {
    const hidden = await recordPerson(db, { givenName: 'Hortensia', familyName: 'Puddleby', dateOfBirth: '1985-07-19', teamIds: [other.teamId], identifiers: [['crn', 'X123456', 'current']] })
    const found = await matchesFor(candidate('Hortensia', 'Puddleby', '1985-07-19'))
    assert.deepEqual(found, { inScope: [], elsewhere: true })
    assert.doesNotMatch(JSON.stringify(found), new RegExp(`${hidden.id}|Hortensia|X123456|Matching Other`))
  })

  it('matches any equal identifier, current or ended, whatever the name, and ranks it first', async () => {
    const byNhs = await recordPerson(db, { givenName: 'Bartholomew', familyName: 'Crumbleton-Ashe', dateOfBirth: '1971-02-03', teamIds: [home.teamId], identifiers: [['nhs_number', '9434765919', 'ended']] })
    const byName = await recordPerson(db, { givenName: 'Rosalind', familyName: 'Wafflethwaite', dateOfBirth: '1992-12-12', teamIds: [home.teamId] })
    const found = await matchesFor(candidate('Rosalind', 'Wafflethwaite', '1992-12-12', [{ kind: 'nhs_number', value: '9434765919' }]))
    assert.deepEqual(found.inScope.map((match) => match.personId), [byNhs.id, byName.id])
    assert.deepEqual(found.inScope[0]?.explanations, ['personMatching.explanations.identifier.nhs_number'])
  })

  it('matches through an alias that has not been removed, and on a mistyped date of birth', async () => {
    const known = await recordPerson(db, { givenName: 'Percival', familyName: 'Moonpenny', dateOfBirth: '1979-03-08', teamIds: [home.teamId], aliases: [['Percy', 'Spoonbender']] })
    assert.deepEqual((await matchesFor(candidate('Percy', 'Spoonbender', '1979-03-08'))).inScope.map((match) => match.personId), [known.id])
    assert.deepEqual((await matchesFor(candidate('Percival', 'Moonpenny', '1979-08-03'))).inScope.map((match) => match.personId), [known.id], 'day and month swapped')
    assert.deepEqual((await matchesFor(candidate('Percival', 'Moonpenny', '1980-03-08'))).inScope.map((match) => match.personId), [known.id], 'a year out')
    await db.updateTable('person_alias').set({ removed_at: new Date().toISOString() }).where('person_id', '=', known.id).execute()
    assert.deepEqual((await matchesFor(candidate('Percy', 'Spoonbender', '1979-03-08'))).inScope, [], 'a removed alias no longer matches')
  })

  it('never offers a merged record', async () => {
    const survivor = await recordPerson(db, { givenName: 'Ottoline', familyName: 'Gingersnap', dateOfBirth: '1966-06-06', teamIds: [home.teamId] })
    await recordPerson(db, { givenName: 'Ottoline', familyName: 'Gingersnap', dateOfBirth: '1966-06-06', teamIds: [home.teamId], identifiers: [['prison_number', 'A1234BC', 'current']], mergedInto: survivor.id })
    assert.deepEqual((await matchesFor(candidate('Ottoline', 'Gingersnap', '1966-06-06'))).inScope.map((match) => match.personId), [survivor.id])
    assert.deepEqual(await matchesFor(candidate('Someone', 'Else', '2001-01-01', [{ kind: 'prison_number', value: 'A1234BC' }])), { inScope: [], elsewhere: false })
  })

  it('answers a batch in order, with the same results as one at a time, across rounds of queries', async () => {
    const wanted = await recordPerson(db, { givenName: 'Clementine', familyName: 'Snickerdoodle', dateOfBirth: '1988-09-09', teamIds: [home.teamId], identifiers: [['pnc_id', '2012/0000123Q', 'current']] })
    // 1,200 candidates: three rounds of 500, the two that match at 0 and 1,199.
    const filler = Array.from({ length: 1198 }, (_, index) => candidate(`Filler${index}`, 'Nobody', '2000-01-01'))
    const batch = [candidate('Clementine', 'Snickerdoodle', '1988-09-09'), ...filler, candidate('Anyone', 'Atall', '1950-01-01', [{ kind: 'pnc_id', value: '2012/0000123Q' }])]
    const results = await matchesForMany(batch)
    assert.equal(results.length, 1200)
    assert.deepEqual(results[0]?.inScope.map((match) => match.personId), [wanted.id])
    assert.deepEqual(results[1199]?.inScope.map((match) => match.personId), [wanted.id])
    assert.ok(results.slice(1, 1199).every((result) => result.inScope.length === 0 && !result.elsewhere))
    assert.deepEqual(results[0], await matchesFor(batch[0] as MatchCandidate))
  })

  it('finds candidates through the identifier and date-of-birth indexes, never by reading every person', async () => {
    await db.transaction().execute(async (tx) => {
      // PostgreSQL rightly prefers reading tables this small whole; told not to, it shows which index it can use.
      if (dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(tx)
      const plan = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
        const { sql: text, parameters } = query.compile()
        const rows = await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${text}`, [...parameters]))
        return rows.rows.map((row) => Object.values(row).join(' ')).join('\n')
      }
      const byIdentifier = await plan(identifierHoldersQuery(tx, new Map([['nhs_number', new Set(['9434765919', '4010232137'])], ['crn', new Set(['X123456'])]])))
      assert.match(byIdentifier, /person_identifier_value_idx/)
      assert.doesNotMatch(byIdentifier, /SCAN person_identifier|Seq Scan on person_identifier/)
      const byDate = await plan(peopleOnDatesQuery(tx, ['1990-04-01', '1990-01-04', '1989-04-01']))
      assert.match(byDate, /person_date_of_birth_idx/)
      assert.match(byDate, /person_alias_person_idx/)
      assert.doesNotMatch(byDate, /SCAN person\b|Seq Scan on person\b/)
    })
  })
})

describeEachDialect('requesting access to a possible match elsewhere', (database) => {
  let app: FastifyInstance
  let db: Db
  let requesterOrganisation: OrganisationWithTeam
  let holderA: OrganisationWithTeam
  let holderB: OrganisationWithTeam
  let requesterUser: TestUser
  let requester: BrowserSession
  let holderUser: TestUser
  let holder: BrowserSession
  let outsider: BrowserSession
  let held: MadePerson

  const typed = { given_name: 'Philippa', family_name: 'Marmalade-Finch', date_of_birth: '1983-05-17', nhs_number: '', pnc_id: '', prison_number: '', crn: '' }
  const reason = 'Assessing her in police custody tonight; need her care plan.'

  async function requestAccess(session: BrowserSession, fields: Record<string, string>) {
    return postForm(app, session, paths.accessRequests(), fields)
  }
  const requestsAbout = (personId: string) => db.selectFrom('access_request').selectAll().where('person_id', '=', personId).orderBy('owning_team_id').execute()
  const auditOf = (userId: string, action: string) => db.selectFrom('audit_event').select(['person_id', 'outcome', 'record_id']).where('user_id', '=', userId).where('action', '=', action).orderBy('sequence').execute()

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    requesterOrganisation = await organisationWithTeam(db, 'Custody Liaison Service', 'nhs_trust')
    holderA = await organisationWithTeam(db, 'Holding Probation Region', 'probation_region')
    holderB = await organisationWithTeam(db, 'Holding Charity', 'charity')
    const outsiderOrganisation = await organisationWithTeam(db, 'Unrelated Prison', 'prison')
    held = await recordPerson(db, { givenName: 'Philippa', familyName: 'Marmalade Finch', dateOfBirth: '1983-05-17', teamIds: [holderA.teamId, holderB.teamId], identifiers: [['crn', 'Z654321', 'current']] })
    // A team that worked with her once no longer holds her record: no request goes there.
    const former = await organisationWithTeam(db, 'Former Holding Trust', 'nhs_trust')
    await db.insertInto('involvement').values({ id: newId(), person_id: held.id, team_id: former.teamId, status: 'closed', started_on: '2020-01-01', ended_on: '2021-01-01' }).execute()
    requesterUser = await createUser(db, { organisationId: requesterOrganisation.organisationId, roles: ['liaison_diversion_practitioner'], teamIds: [requesterOrganisation.teamId], isDemo: true })
    holderUser = await createUser(db, { organisationId: holderA.organisationId, roles: ['probation_officer'], teamIds: [holderA.teamId], isDemo: true })
    const outsiderUser = await createUser(db, { organisationId: outsiderOrganisation.organisationId, roles: ['clinician'], teamIds: [outsiderOrganisation.teamId], isDemo: true })
    requester = await signIn(app, requesterUser)
    holder = await signIn(app, holderUser)
    outsider = await signIn(app, outsiderUser)
  })
  after(() => app.close())

  it('asks for a reason of at least 10 characters and keeps the typed candidate in the form', async () => {
    const response = await requestAccess(requester, { ...typed, reason: 'short' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Explain why you need access in at least 10 characters/)
    assert.match(response.body, /name="family_name" value="Marmalade-Finch"/)
    assert.match(response.body, /name="_csrf"/)
    assert.deepEqual(await requestsAbout(held.id), [])
  })

  it('files one request with each team holding the match, says the same as when nothing matched, and audits each person', async () => {
    const response = await requestAccess(requester, { ...typed, reason })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, paths.accessRequestSent())
    const filed = await requestsAbout(held.id)
    assert.deepEqual(filed.map((row) => [row.owning_team_id, row.requested_by, row.requesting_organisation_id, row.status, row.reason]).sort(), [
      [holderA.teamId, requesterUser.id, requesterOrganisation.organisationId, 'pending', reason],
      [holderB.teamId, requesterUser.id, requesterOrganisation.organisationId, 'pending', reason],
    ].sort())
    const audited = await auditOf(requesterUser.id, 'person-matching.access-request')
    assert.deepEqual(audited.map((row) => [row.person_id, row.outcome]), [[held.id, 'allowed'], [held.id, 'allowed']])
    assert.deepEqual(audited.map((row) => row.record_id).sort(), filed.map((row) => row.id).sort())

    const nothing = await requestAccess(requester, { given_name: 'Nobody', family_name: 'Atall', date_of_birth: '1950-01-01', reason })
    assert.equal(nothing.statusCode, 303)
    assert.equal(nothing.headers.location, response.headers.location)
    assert.equal(nothing.body, response.body)
    const sent = await app.inject({ method: 'GET', url: paths.accessRequestSent(), headers: { cookie: requester.cookie } })
    assert.equal(sent.statusCode, 200)
    assert.match(sent.body, /Your request has been sent to the team that holds the record\. They will contact you\./)
    for (const body of [response.body, nothing.body, sent.body]) assert.doesNotMatch(body, new RegExp(`${held.id}|Z654321|Holding|Marmalade`))
    assert.deepEqual((await auditOf(requesterUser.id, 'person-matching.access-request')).at(-1), { person_id: null, outcome: 'allowed', record_id: null })
  })

  it('does not file a second pending request with the same team on a second click', async () => {
    await requestAccess(requester, { ...typed, reason })
    assert.equal((await requestsAbout(held.id)).length, 2)
  })

  it('matches on an identifier normalised on the server, and files nothing for a person already in scope', async () => {
    const before = (await requestsAbout(held.id)).length
    const crnOnly = await app.inject({ method: 'POST', url: paths.api.accessRequests(), headers: { cookie: outsider.cookie, 'x-csrf-token': outsider.csrf }, payload: { givenName: 'Pip', familyName: 'Unrelated', dateOfBirth: '2001-01-01', crn: ' z654321 ', reason } })
    assert.equal(crnOnly.statusCode, 202)
    assert.deepEqual(crnOnly.json(), { message: 'Your request has been sent to the team that holds the record. They will contact you.' })
    assert.equal((await requestsAbout(held.id)).length, before + 2)
    // The holder's own team sees the person: nothing to ask for.
    await requestAccess(holder, { ...typed, reason })
    assert.equal((await requestsAbout(held.id)).filter((row) => row.requested_by === holderUser.id).length, 0)
  })

  it('answers API clients the same words whether anything matched, and 422 with what to fix', async () => {
    const none = await app.inject({ method: 'POST', url: paths.api.accessRequests(), headers: { cookie: requester.cookie, 'x-csrf-token': requester.csrf }, payload: { givenName: 'Nobody', familyName: 'Atall', dateOfBirth: '1950-01-01', reason } })
    assert.equal(none.statusCode, 202)
    assert.deepEqual(none.json(), { message: 'Your request has been sent to the team that holds the record. They will contact you.' })
    const invalid = await app.inject({ method: 'POST', url: paths.api.accessRequests(), headers: { cookie: requester.cookie, 'x-csrf-token': requester.csrf }, payload: { givenName: 'Nobody', familyName: 'Atall', dateOfBirth: '1950-02-30', reason: 'short' } })
    assert.equal(invalid.statusCode, 422)
    assert.deepEqual(invalid.json(), { errors: [{ field: 'reason', message: 'Explain why you need access in at least 10 characters' }] })
  })

  describe('the requests a team received', () => {
    it('lists them for the holding team with who asked, from where, why and about whom', async () => {
      const page = await app.inject({ method: 'GET', url: paths.accessRequests(), headers: { cookie: holder.cookie } })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Custody Liaison Service/)
      assert.match(page.body, /Philippa Marmalade Finch/)
      assert.doesNotMatch(page.body, /Holding Charity team/, 'only the caller’s own team’s requests')
      const opened = await db.selectFrom('access_request').select('id').where('owning_team_id', '=', holderA.teamId).where('requested_by', '=', requesterUser.id).executeTakeFirstOrThrow()
      const one = await app.inject({ method: 'GET', url: paths.accessRequest({ accessRequestId: opened.id }), headers: { cookie: holder.cookie } })
      assert.equal(one.statusCode, 200)
      assert.ok(one.body.includes(reason))
      assert.deepEqual((await auditOf(holderUser.id, 'person-matching.access-request.view')).map((row) => row.person_id), [null, held.id])
    })

    it('hides them from a user of another organisation, pages and decisions alike, and audits the attempt', async () => {
      const opened = await db.selectFrom('access_request').select('id').where('owning_team_id', '=', holderA.teamId).executeTakeFirstOrThrow()
      const list = await app.inject({ method: 'GET', url: paths.accessRequests(), headers: { cookie: outsider.cookie } })
      assert.equal(list.statusCode, 200)
      assert.doesNotMatch(list.body, /Philippa|Custody Liaison Service/)
      for (const session of [outsider, requester]) {
        const one = await app.inject({ method: 'GET', url: paths.accessRequest({ accessRequestId: opened.id }), headers: { cookie: session.cookie } })
        assert.equal(one.statusCode, 404)
        assert.doesNotMatch(one.body, /Philippa|assessing/i)
        const decided = await postForm(app, session, paths.accessRequest({ accessRequestId: opened.id }), { decision: 'granted' })
        assert.equal(decided.statusCode, 404)
      }
      assert.equal((await db.selectFrom('access_request').select('status').where('id', '=', opened.id).executeTakeFirstOrThrow()).status, 'pending')
      const denied = await db.selectFrom('audit_event').select(['action', 'outcome']).where('record_id', '=', opened.id).where('outcome', '=', 'denied').execute()
      assert.deepEqual(denied.map((row) => row.action).sort(), ['person-matching.access-request.decide', 'person-matching.access-request.decide', 'person-matching.access-request.view', 'person-matching.access-request.view'])
    })

    it('records a decision once, asking why for a refusal, and audits it', async () => {
      const opened = await db.selectFrom('access_request').select('id').where('owning_team_id', '=', holderA.teamId).where('requested_by', '=', requesterUser.id).executeTakeFirstOrThrow()
      const url = paths.accessRequest({ accessRequestId: opened.id })
      const form = await csrfFrom(app, holder, url)
      const noNote = await postForm(app, form, url, { decision: 'declined' })
      assert.equal(noNote.statusCode, 400)
      assert.match(noNote.body, /Say why you decline the request/)
      const declined = await postForm(app, form, url, { decision: 'declined', note: 'We do not hold her care plan; ask her GP.' })
      assert.equal(declined.statusCode, 303)
      const again = await postForm(app, form, url, { decision: 'granted' })
      assert.equal(again.statusCode, 303)
      const stored = await db.selectFrom('access_request').selectAll().where('id', '=', opened.id).executeTakeFirstOrThrow()
      assert.deepEqual([stored.status, stored.decided_by, stored.decision_note], ['declined', holderUser.id, 'We do not hold her care plan; ask her GP.'])
      assert.deepEqual((await auditOf(holderUser.id, 'person-matching.access-request.decide')).map((row) => [row.person_id, row.outcome]), [[held.id, 'failed'], [held.id, 'allowed']])
      const shown = await app.inject({ method: 'GET', url, headers: { cookie: holder.cookie } })
      assert.match(shown.body, /Declined/)
      assert.doesNotMatch(shown.body, /name="decision"/)
    })
  })
})
