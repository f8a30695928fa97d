import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { peoplePaths } from '../people/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { IdentifierKind } from '../../platform/db/schema.ts'
import { personSearchPaths, searchPageFor } from './paths.ts'
import { queryProblems } from './rules.ts'
import type { PersonSearchResult } from './search.ts'

interface SearchAnswer {
  kind: string
  page: number
  total: number
  hasNext: boolean
  limited: boolean
  results: PersonSearchResult[]
}

describeEachDialect('person search', (database) => {
  let app: FastifyInstance
  let db: Db
  let home: BrowserSession
  let foreign: BrowserSession
  let homeTeam: string
  const people: Record<string, string> = {}

  async function person(key: string, givenName: string, familyName: string, options: { dateOfBirth?: string; teamId?: string | null } = {}): Promise<string> {
    const id = await createPerson(db, { givenName, familyName, ...(options.teamId === null ? {} : { teamId: options.teamId ?? homeTeam }) })
    if (options.dateOfBirth) await db.updateTable('person').set({ date_of_birth: options.dateOfBirth }).where('id', '=', id).execute()
    people[key] = id
    return id
  }

  async function identifier(personId: string, kind: IdentifierKind, value: string, ended = false): Promise<void> {
    await db.insertInto('person_identifier').values({ id: newId(), person_id: personId, kind, value, ...(ended ? { ended_at: new Date().toISOString(), ended_reason: 'replaced' } : {}) }).execute()
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    const elsewhere = await organisationWithTeam(db, 'Eastbrook Probation', 'probation_region')
    homeTeam = trust.teamId
    home = await signIn(app, await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId], isDemo: true }))
    foreign = await signIn(app, await createUser(db, { organisationId: elsewhere.organisationId, roles: ['clinician'], teamIds: [elsewhere.teamId], isDemo: true }))

    await person('morag', 'Morag', 'Quillfeather', { dateOfBirth: '1984-11-30' })
    await person('juniper', 'Juniper', 'Teacup', { dateOfBirth: '1990-04-01' })
    await person('juniperTwin', 'Juniper', 'Teacupwhistle', { dateOfBirth: '1990-04-01' })
    await person('zoe', 'Zoë', "O'Biscuit", { dateOfBirth: '1979-02-14' })
    await person('ewa', 'Ewa', 'Dvořák-Teacup', { dateOfBirth: '2001-07-09' })
    await person('june', 'June', 'Bramblenook', { dateOfBirth: '1990-04-01' })
    await db.insertInto('person_alias').values({ id: newId(), person_id: people.june!, alias_type: 'previous_name', given_name: 'June', family_name: 'Marmalade-Finch' }).execute()
    await identifier(people.juniper!, 'nhs_number', '9434765919')
    await identifier(people.juniper!, 'pnc_id', '2012/0000123Q')
    await identifier(people.morag!, 'prison_number', 'A1234BC')
    await identifier(people.morag!, 'crn', 'X123456')
    await identifier(people.zoe!, 'prison_number', 'B4321CD', true)
    // Someone only another organisation works with, with a name, identifier and date of birth of their own.
    const hidden = await person('hidden', 'Saoirse', 'Gingersnap-Jones', { dateOfBirth: '1993-03-03', teamId: elsewhere.teamId })
    await identifier(hidden, 'nhs_number', '4010232137')
    // A record merged into Juniper Teacup: never found itself.
    const merged = await person('merged', 'Juniper', 'Teacupp', { dateOfBirth: '1990-04-01' })
    await db.updateTable('person').set({ merged_into_id: people.juniper! }).where('id', '=', merged).execute()
    await identifier(merged, 'crn', 'Y654321')
  })
  after(() => app.close())

  async function search(session: BrowserSession, query: string, page = 1): Promise<SearchAnswer> {
    const url = `${personSearchPaths.api.search()}?${new URLSearchParams({ q: query, page: String(page) }).toString()}`
    const response = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
    assert.equal(response.statusCode, 200, `${query}: ${response.body}`)
    return response.json() as SearchAnswer
  }

  const idsFound = async (session: BrowserSession, query: string) => (await search(session, query)).results.map((result) => result.personId)

  it('finds a name typed with a letter missing or two letters swapped, whatever the case', async () => {
    assert.deepEqual(await idsFound(home, 'Quilfeather'), [people.morag])
    assert.deepEqual(await idsFound(home, 'quillfeather'), [people.morag])
    assert.ok((await idsFound(home, 'Teacpu')).includes(people.juniper!))
    assert.ok((await idsFound(home, 'Tecaup')).includes(people.juniper!), 'two letters swapped in the middle of a short name')
    assert.deepEqual(await idsFound(home, 'Morag Quillfaether'), [people.morag])
  })

  it('finds names with apostrophes, accents and hyphens typed without them', async () => {
    assert.deepEqual(await idsFound(home, 'obiscuit'), [people.zoe])
    assert.deepEqual(await idsFound(home, 'O’BISCUIT'), [people.zoe])
    assert.deepEqual(await idsFound(home, 'zoe obiscuit'), [people.zoe])
    assert.deepEqual(await idsFound(home, 'dvorak'), [people.ewa])
    assert.deepEqual(await idsFound(home, 'Ewa Dvorak Teacup'), [people.ewa])
  })

  it('finds a person by an alias, saying which', async () => {
    const found = await search(home, 'Marmalade Finch')
    assert.deepEqual(found.results.map((result) => [result.personId, result.matchedOn, result.aliasName]), [[people.june, 'alias', 'June Marmalade-Finch']])
  })

  it('ranks the exact full name first, then names by closeness, and never finds a merged record', async () => {
    const found = await search(home, 'Juniper Teacup')
    assert.equal(found.kind, 'name')
    assert.equal(found.results[0]?.personId, people.juniper)
    const ids = found.results.map((result) => result.personId)
    assert.ok(!ids.includes(people.merged!), 'the merged record is not found')
    assert.deepEqual(await idsFound(home, 'Y654321'), [], 'not by its identifier either')
    assert.deepEqual(await idsFound(home, 'Teacupp 1/4/1990'), [people.juniper], 'its name finds the record it was merged into')
  })

  it('finds every identifier however it is typed, ended ones too', async () => {
    const cases: Array<[string, string]> = [
      ['943 476 5919', 'juniper'],
      ['9434765919', 'juniper'],
      ['943-476-5919', 'juniper'],
      ['2012/123q', 'juniper'],
      [' 2012 / 0000123 Q ', 'juniper'],
      ['a1234bc', 'morag'],
      ['A 1234 BC', 'morag'],
      ['x 123 456', 'morag'],
      ['b4321cd', 'zoe'],
    ]
    for (const [typed, key] of cases) {
      const found = await search(home, typed)
      assert.equal(found.kind, 'identifier', typed)
      assert.deepEqual(found.results.map((result) => [result.personId, result.matchedOn]), [[people[key], 'identifier']], typed)
    }
    const ended = (await search(home, 'B4321CD')).results[0]
    assert.deepEqual(ended?.identifiers, [{ kind: 'prison_number', value: 'B4321CD', current: false }])
  })

  it('finds people by a date of birth written any common way, and narrows it with a name', async () => {
    const bornThatDay = [people.juniper, people.juniperTwin, people.june].sort()
    for (const typed of ['1990-04-01', '1/4/1990', '01/04/1990', '1 April 1990']) {
      const found = await search(home, typed)
      assert.equal(found.kind, 'date_of_birth', typed)
      assert.deepEqual(found.results.map((result) => result.personId).sort(), bornThatDay, typed)
      assert.ok(found.results.every((result) => result.matchedOn === 'date_of_birth'))
    }
    const narrowed = await search(home, 'Teacup 1 April 1990')
    assert.equal(narrowed.kind, 'name_and_date_of_birth')
    assert.deepEqual(narrowed.results.map((result) => result.personId), [people.juniper])
  })

  it('finds nobody a user of another organisation works with, by name, identifier or date of birth, and their records stay hidden', async () => {
    for (const typed of ['Saoirse Gingersnap-Jones', 'Gingersnap Jones', '401 023 2137', '3/3/1993']) {
      const found = await search(home, typed)
      assert.deepEqual(found.results, [], typed)
      assert.equal(found.total, 0, typed)
    }
    for (const typed of ['Juniper Teacup', '9434765919', 'A1234BC', '1/4/1990', 'Quilfeather']) {
      assert.deepEqual((await search(foreign, typed)).results, [], `a foreign user searching ${typed}`)
    }
    const page = await app.inject({ method: 'GET', url: searchPageFor('Juniper Teacup'), headers: { cookie: foreign.cookie } })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /No matching people you can see/)
    assert.doesNotMatch(page.body, new RegExp(people.juniper!))
    for (const url of [peoplePaths.person({ personId: people.juniper! }), peoplePaths.api.person({ personId: people.juniper! })]) {
      assert.equal((await app.inject({ method: 'GET', url, headers: { cookie: foreign.cookie } })).statusCode, 404, url)
    }
  })

  it('shows the results as a table with what each was found by, and records the search without the words typed', async () => {
    const before = await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('last')).executeTakeFirstOrThrow()
    const page = await app.inject({ method: 'GET', url: searchPageFor('Marmalade Finch'), headers: { cookie: home.cookie } })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /1 person found/)
    assert.match(page.body, new RegExp(`href="${peoplePaths.person({ personId: people.june! })}"`))
    assert.match(page.body, /Other name: June Marmalade-Finch/)
    const audit = await db.selectFrom('audit_event').selectAll().where('sequence', '>', Number(before.last ?? 0)).execute()
    assert.deepEqual(audit.map((row) => [row.action, row.outcome, row.details]), [['person.search', 'allowed', { kind: 'name', page: 1, shown: 1, total: 1 }]])
    assert.doesNotMatch(JSON.stringify(audit), /Marmalade|Finch/i)
  })

  it('pages through many matches, twenty at a time', async () => {
    for (let index = 0; index < 25; index += 1) await person(`many${index}`, `Person${String.fromCharCode(97 + index)}`, 'Wafflethwaite')
    const first = await search(home, 'Wafflethwaite')
    assert.deepEqual([first.total, first.results.length, first.hasNext], [25, 20, true])
    const second = await search(home, 'Wafflethwaite', 2)
    assert.deepEqual([second.results.length, second.hasNext], [5, false])
    assert.equal(new Set([...first.results, ...second.results].map((result) => result.personId)).size, 25, 'no one shown twice')
    const page = await app.inject({ method: 'GET', url: searchPageFor('Wafflethwaite', 2), headers: { cookie: home.cookie } })
    assert.match(page.body, new RegExp(`href="${searchPageFor('Wafflethwaite').replaceAll('?', '\\?')}"`), 'links back to the first page')
  })

  it('says what to fix in a query it cannot search, on the page and in the API', async () => {
    const page = await app.inject({ method: 'GET', url: searchPageFor('Jo'), headers: { cookie: home.cookie } })
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /govuk-error-summary/)
    assert.match(page.body, /href="#q"/)
    assert.match(page.body, /Enter at least 3 letters of the name, or add a date of birth/)
    assert.match(page.body, /value="Jo"/, 'what was typed is kept')
    const api = await app.inject({ method: 'GET', url: `${personSearchPaths.api.search()}?q=9434765918`, headers: { cookie: home.cookie } })
    assert.equal(api.statusCode, 400)
    assert.equal(api.json().problem, 'notRecognised')
    for (const problem of queryProblems) assert.ok(app.content.has(`personSearch.errors.${problem}`), problem)
  })

  it('searches through the index for a caller a sharing agreement opens more people to, finding the same people', async () => {
    // Probation's agreement with the trust opens the trust's people to it: too wide a scope to compare every name.
    const trust = await db.selectFrom('team').select('organisation_id').where('id', '=', homeTeam).executeTakeFirstOrThrow()
    const partner = await organisationWithTeam(db, 'Westmoor Probation Delivery Unit', 'probation_delivery_unit')
    const agreementId = newId()
    await db.insertInto('sharing_agreement').values({ id: agreementId, name: 'Search test agreement', owner_organisation_id: trust.organisation_id, starts_on: '2025-01-01', ends_on: null }).execute()
    await db.insertInto('sharing_agreement_party').values({ agreement_id: agreementId, organisation_id: partner.organisationId }).execute()
    await db.insertInto('sharing_agreement_purpose').values({ agreement_id: agreementId, purpose: 'direct_care' }).execute()
    const officer = await signIn(app, await createUser(db, { organisationId: partner.organisationId, roles: ['probation_officer'], teamIds: [partner.teamId], isDemo: true }))
    assert.deepEqual(await idsFound(officer, 'Quilfeather'), [people.morag])
    assert.ok((await idsFound(officer, 'Tecaup')).includes(people.juniper!))
    assert.deepEqual(await idsFound(officer, 'Ewa Dvorak Teacup'), [people.ewa])
    assert.deepEqual((await search(officer, 'Marmalade Finch')).results.map((result) => [result.personId, result.aliasName]), [[people.june, 'June Marmalade-Finch']])
    assert.deepEqual(await idsFound(officer, 'Saoirse Gingersnap-Jones'), [], 'the agreement opens the trust’s people only')
    assert.ok(!(await idsFound(officer, 'Juniper Teacupp')).includes(people.merged!))
  })

  it('shows the empty search form without searching or recording anything', async () => {
    const before = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    const page = await app.inject({ method: 'GET', url: personSearchPaths.search(), headers: { cookie: home.cookie } })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Find a person<\/h1>/)
    const after = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    assert.equal(Number(after.count), Number(before.count))
  })
})
