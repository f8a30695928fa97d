import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam, type OrganisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { peoplePaths } from './paths.ts'

const newPerson = { given_name: 'Marigold', family_name: 'Quillfeather', 'date_of_birth-day': '14', 'date_of_birth-month': '2', 'date_of_birth-year': '1986' }

describeEachDialect('the person record', (database) => {
  let app: FastifyInstance
  let db: Db
  let trust: OrganisationWithTeam
  let probation: OrganisationWithTeam
  let elsewhere: OrganisationWithTeam
  let secondTeam: string
  let clinician: BrowserSession
  let clinicianId: string
  let officer: BrowserSession

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    probation = await organisationWithTeam(db, 'Westmarch Probation', 'probation_region')
    elsewhere = await organisationWithTeam(db, 'Fellmarsh Women’s Centre', 'charity')
    secondTeam = newId()
    await db.insertInto('team').values({ id: secondTeam, organisation_id: trust.organisationId, name: 'Northgate outreach team' }).execute()
    // Demo users skip the second factor, which has its own tests.
    const clinicianUser = await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId, secondTeam], isDemo: true })
    const officerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    clinicianId = clinicianUser.id
    clinician = await signIn(app, clinicianUser)
    officer = await signIn(app, officerUser)
  })
  after(() => app.close())

  const get = (session: BrowserSession, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const versionOf = async (personId: string) => String((await db.selectFrom('person').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version)
  const historyOf = (personId: string) => db.selectFrom('person_change').select(['section', 'changes', 'changed_by']).where('person_id', '=', personId).orderBy('changed_at').orderBy('id').execute()
  const auditOf = (personId: string) => db.selectFrom('audit_event').select(['action', 'outcome', 'user_id']).where('person_id', '=', personId).orderBy('sequence').execute()
  /** A person the clinician's first team works with. */
  const heldPerson = (options: Parameters<typeof createPerson>[1] = {}) => createPerson(db, { teamId: trust.teamId, ...options })

  it('adds a person with identifiers and the chosen team, and opens the new record', async () => {
    const form = await get(clinician, peoplePaths.newPerson())
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Northgate outreach team/)
    const response = await postForm(app, clinician, peoplePaths.newPerson(), { ...newPerson, nhs_number: '401 023 2137', crn: 'x654321', sex: 'female', location_kind: 'community', location_area: 'Marchfield North', team_id: secondTeam })
    assert.equal(response.statusCode, 303)
    const personId = /^\/people\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1] ?? ''
    const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
    assert.deepEqual([person.given_name, person.family_name, person.date_of_birth, person.sex, person.location_kind, person.location_area, person.version, person.created_by], ['Marigold', 'Quillfeather', '1986-02-14', 'female', 'community', 'Marchfield North', 1, clinicianId])
    const identifiers = await db.selectFrom('person_identifier').select(['kind', 'value']).where('person_id', '=', personId).orderBy('kind').execute()
    assert.deepEqual(identifiers, [{ kind: 'crn', value: 'X654321' }, { kind: 'nhs_number', value: '4010232137' }])
    const involvements = await db.selectFrom('involvement').select(['team_id', 'status', 'opened_by']).where('person_id', '=', personId).execute()
    assert.deepEqual(involvements, [{ team_id: secondTeam, status: 'open', opened_by: clinicianId }])
    assert.deepEqual((await historyOf(personId)).map((row) => [row.section, row.changes, row.changed_by]), [['record', { action: 'created', values: [] }, clinicianId]])
    assert.deepEqual((await auditOf(personId)).map((row) => [row.action, row.outcome]), [['person.change', 'allowed']])
    const page = await get(clinician, peoplePaths.person({ personId }))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Marigold Quillfeather/)
    assert.match(page.body, /4010232137/)
    assert.match(page.body, /Record created/)
  })

  it('shows the form again with each problem, keeps what was typed, and adds nobody', async () => {
    const before = await db.selectFrom('person').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()
    const response = await postForm(app, clinician, peoplePaths.newPerson(), {
      given_name: 'Bartholomew',
      family_name: '',
      'date_of_birth-day': '31',
      'date_of_birth-month': '2',
      'date_of_birth-year': '1980',
      nhs_number: '9434765918',
      pnc_id: '2012/0000123R',
      prison_number: '1234ABC',
      crn: 'X12345',
      location_kind: 'custody',
    })
    assert.equal(response.statusCode, 400)
    for (const message of [
      'There is a problem',
      'Enter the person&#39;s family name',
      'Date of birth must be a real date',
      'The NHS number&#39;s check digit does not match – check for a typo',
      'The PNC ID&#39;s check letter does not match – check for a typo',
      'Enter a prison number in the format A1234BC',
      'Enter a CRN in the format X123456',
      'Enter the prison or other establishment',
      'Select the team that will work with the person',
    ]) {
      assert.ok(response.body.includes(message), message)
    }
    assert.match(response.body, /href="#date_of_birth-day"/, 'the summary links to the first box of the date')
    assert.match(response.body, /value="Bartholomew"/, 'what was typed is kept')
    assert.match(response.body, /value="9434765918"/)
    const afterwards = await db.selectFrom('person').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()
    assert.equal(Number(afterwards.count), Number(before.count))
  })

  it('shows possible matches first: names those in scope, only says one exists elsewhere, and creates on confirmation', async () => {
    const known = await heldPerson({ givenName: 'Percival', familyName: 'Moonpenny', dateOfBirth: '1979-03-08' })
    const hidden = await createPerson(db, { teamId: elsewhere.teamId, givenName: 'Hortensia', familyName: 'Puddleby', dateOfBirth: '1985-07-19', identifiers: [{ kind: 'prison_number', value: 'K4321ZZ' }] })
    const mine = await postForm(app, clinician, peoplePaths.newPerson(), { given_name: 'percival', family_name: 'MOONPENNY', 'date_of_birth-day': '8', 'date_of_birth-month': '3', 'date_of_birth-year': '1979', team_id: trust.teamId })
    assert.equal(mine.statusCode, 200)
    assert.match(mine.body, /Possible matches/)
    assert.ok(mine.body.includes(`href="${peoplePaths.person({ personId: known })}"`), 'links to the match in scope')
    assert.match(mine.body, /Same name and date of birth/)
    assert.doesNotMatch(mine.body, /A possible match exists at another organisation/)

    const theirs = await postForm(app, clinician, peoplePaths.newPerson(), { given_name: 'Someone', family_name: 'Else', 'date_of_birth-day': '1', 'date_of_birth-month': '1', 'date_of_birth-year': '1970', prison_number: 'k4321zz', team_id: trust.teamId })
    assert.equal(theirs.statusCode, 200)
    assert.match(theirs.body, /A possible match exists at another organisation/)
    for (const secret of ['Hortensia', 'Puddleby', hidden, '1985', 'Fellmarsh']) assert.ok(!theirs.body.includes(secret), `the page does not reveal ${secret}`)
    assert.match(theirs.body, /action="\/people\/access-requests"/)
    assert.match(theirs.body, /name="prison_number" value="K4321ZZ"/, 'the access request carries what the user typed, normalised')
    assert.match(theirs.body, /<textarea[^>]*name="reason"/)
    const searches = await db.selectFrom('audit_event').select(['action', 'details']).where('user_id', '=', clinicianId).where('action', '=', 'person.search').execute()
    assert.ok(searches.some((row) => (row.details as { shown?: string[] } | null)?.shown?.includes(known)), 'showing a match is audited')

    const count = async () => Number((await db.selectFrom('person').select(db.fn.countAll().as('count')).where('family_name', '=', 'Else').executeTakeFirstOrThrow()).count)
    assert.equal(await count(), 0, 'nothing is created while matches are shown')
    const confirmation = /<form method="post" action="\/people\/new"[^>]*>([\s\S]*?)<\/form>/.exec(theirs.body)?.[1] ?? ''
    const resubmitted = Object.fromEntries([...confirmation.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1] ?? '', match[2] ?? '']))
    assert.equal(resubmitted.confirmed_no_match, 'yes')
    assert.equal(resubmitted.prison_number, 'k4321zz', 'the form is posted again as it was typed')
    const created = await postForm(app, clinician, peoplePaths.newPerson(), resubmitted)
    assert.equal(created.statusCode, 303)
    assert.equal(await count(), 1)
  })

  it('changes the identity details, keeps the change in the history, and refuses a change based on an older version', async () => {
    const personId = await heldPerson({ givenName: 'Rosalind', familyName: 'Wafflethwaite' })
    const page = await get(clinician, peoplePaths.edit.details({ personId }))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /name="version" value="1"/)
    const details = { given_name: 'Rosalind', family_name: 'Wafflethwaite-Okoro', 'date_of_birth-day': '1', 'date_of_birth-month': '4', 'date_of_birth-year': '1990', sex: 'female', pronouns: 'she/her' }
    const invalid = await postForm(app, clinician, peoplePaths.edit.details({ personId }), { ...details, given_name: '', version: '1' })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Enter the person&#39;s given name/)
    assert.match(invalid.body, /value="Wafflethwaite-Okoro"/)
    assert.equal(await versionOf(personId), '1', 'a form with problems changes nothing')

    const saved = await postForm(app, clinician, peoplePaths.edit.details({ personId }), { ...details, version: '1' })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, peoplePaths.person({ personId }))
    const person = await db.selectFrom('person').select(['family_name', 'sex', 'pronouns', 'version']).where('id', '=', personId).executeTakeFirstOrThrow()
    assert.deepEqual(person, { family_name: 'Wafflethwaite-Okoro', sex: 'female', pronouns: 'she/her', version: 2 })
    const [change] = await historyOf(personId)
    assert.deepEqual(change?.changes, {
      action: 'updated',
      values: [
        { field: 'family_name', from: 'Wafflethwaite', to: 'Wafflethwaite-Okoro' },
        { field: 'sex', from: null, to: 'female' },
        { field: 'pronouns', from: null, to: 'she/her' },
      ],
    })

    const stale = await postForm(app, clinician, peoplePaths.edit.details({ personId }), { ...details, family_name: 'Overwritten', version: '1' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /This record was changed by someone else while you were editing – check the record and make your change again/)
    assert.match(stale.body, /value="Wafflethwaite-Okoro"/, 'the form shows the record as it is now')
    assert.match(stale.body, /name="version" value="2"/)
    assert.equal((await db.selectFrom('person').select('family_name').where('id', '=', personId).executeTakeFirstOrThrow()).family_name, 'Wafflethwaite-Okoro')
    assert.equal((await historyOf(personId)).length, 1)
    assert.deepEqual((await auditOf(personId)).map((row) => `${row.action}:${row.outcome}`), ['person.view:allowed', 'person.change:failed', 'person.change:allowed', 'person.change:failed'])

    const history = await get(clinician, peoplePaths.history({ personId }))
    assert.equal(history.statusCode, 200)
    assert.match(history.body, /Identity details changed/)
    assert.match(history.body, /Family name: from Wafflethwaite to Wafflethwaite-Okoro/)
    assert.match(history.body, /Sex registered at birth: from not recorded to Female/)
    assert.match(history.body, /Test user/, 'who made the change')
  })

  it('saves nothing and keeps the version when the form changes nothing', async () => {
    const personId = await heldPerson()
    const response = await postForm(app, clinician, peoplePaths.edit.location({ personId }), { version: '1' })
    assert.equal(response.statusCode, 303)
    assert.equal(await versionOf(personId), '1')
    assert.deepEqual(await historyOf(personId), [])
  })

  it('keeps each section’s changes in the history: location, language, names and needs', async () => {
    const personId = await heldPerson()
    const posts: [string, Record<string, string>][] = [
      [peoplePaths.edit.location({ personId }), { location_kind: 'custody', location_establishment: 'HMP Fallowmere' }],
      [peoplePaths.edit.language({ personId }), { preferred_language: 'welsh', interpreter_needed: 'yes', communication_needs: 'Prefers letters in Welsh' }],
      [peoplePaths.edit.aliases({ personId }), { alias_type: 'previous_name', given_name: 'Juniper', family_name: 'Marmalade' }],
      [peoplePaths.edit.needs({ personId }), { need: 'trauma', source: 'assessment', 'started_on-day': '3', 'started_on-month': '1', 'started_on-year': '2026' }],
    ]
    for (const [url, fields] of posts) {
      const response = await postForm(app, clinician, url, { ...fields, version: await versionOf(personId) })
      assert.equal(response.statusCode, 303, url)
    }
    const alias = await db.selectFrom('person_alias').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()
    assert.equal((await postForm(app, clinician, peoplePaths.edit.removeAlias({ personId, aliasId: alias.id }), { version: await versionOf(personId) })).statusCode, 303)
    const need = await db.selectFrom('person_need').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()
    const tooEarly = await postForm(app, clinician, peoplePaths.edit.endNeed({ personId, needId: need.id }), { 'ended_on-day': '2', 'ended_on-month': '1', 'ended_on-year': '2026', version: await versionOf(personId) })
    assert.equal(tooEarly.statusCode, 400)
    assert.match(tooEarly.body, /must be on or after the date it was identified/)
    assert.equal((await postForm(app, clinician, peoplePaths.edit.endNeed({ personId, needId: need.id }), { 'ended_on-day': '5', 'ended_on-month': '1', 'ended_on-year': '2026', version: await versionOf(personId) })).statusCode, 303)

    assert.equal(await versionOf(personId), '7')
    const removed = await db.selectFrom('person_alias').select(['removed_at', 'removed_by']).where('id', '=', alias.id).executeTakeFirstOrThrow()
    assert.ok(removed.removed_at, 'a removed name is kept, marked removed')
    assert.equal(removed.removed_by, clinicianId)
    assert.equal((await db.selectFrom('person_need').select('ended_on').where('id', '=', need.id).executeTakeFirstOrThrow()).ended_on, '2026-01-05')
    assert.deepEqual((await historyOf(personId)).map((row) => `${row.section}.${(row.changes as { action: string }).action}`), ['location.updated', 'language.updated', 'alias.added', 'need.added', 'alias.removed', 'need.ended'])

    const history = (await get(clinician, peoplePaths.history({ personId }))).body
    for (const line of ['Where the person is: from not recorded to In custody', 'Establishment: from not recorded to HMP Fallowmere', 'Preferred language: from not recorded to Welsh', 'Interpreter needed: from no to yes', 'Name added', 'Name removed', 'Kind of name: Previous name', 'Need added', 'Need: Trauma', 'Source: Found in an assessment', 'Need ended', 'Ended: 5 January 2026']) {
      assert.ok(history.includes(line), line)
    }
    const record = (await get(clinician, peoplePaths.person({ personId }))).body
    assert.match(record, /HMP Fallowmere/)
    assert.match(record, /Welsh/)
    assert.match(record, /Removed \d+ \w+ \d{4}/)
    assert.match(record, /Since 3 January 2026 – Ended 5 January 2026/)
  })

  it('supersedes an equality answer and keeps the code list version it was given under', async () => {
    const personId = await heldPerson()
    const page = await get(clinician, peoplePaths.edit.characteristics({ personId }))
    assert.match(page.body, /Prefers not to say/)
    assert.match(page.body, /<legend[^>]*>\s*White\s*<\/legend>/, 'ethnic groups under their headings')
    assert.match(page.body, /Any other White background/)
    assert.equal((await postForm(app, clinician, peoplePaths.edit.characteristics({ personId }), { ethnicity: 'not_known', religion: 'prefer_not_to_say', version: '1' })).statusCode, 303)
    assert.equal((await postForm(app, clinician, peoplePaths.edit.characteristics({ personId }), { ethnicity: 'black_caribbean', religion: 'prefer_not_to_say', version: '2' })).statusCode, 303)
    const rows = await db.selectFrom('person_characteristic').select(['characteristic', 'code', 'code_list_version', 'superseded_at']).where('person_id', '=', personId).orderBy('recorded_at').orderBy('id').execute()
    assert.deepEqual(rows.map((row) => [row.characteristic, row.code, row.code_list_version, row.superseded_at === null ? 'current' : 'superseded']), [
      ['ethnicity', 'not_known', '2021.1', 'superseded'],
      ['religion', 'prefer_not_to_say', '2021.1', 'current'],
      ['ethnicity', 'black_caribbean', '2021.1', 'current'],
    ])
    const [, second] = await historyOf(personId)
    assert.deepEqual(second?.changes, { action: 'updated', values: [{ field: 'ethnicity', from: 'not_known', to: 'black_caribbean' }] }, 'only the answer that changed')
    const invalid = await postForm(app, clinician, peoplePaths.edit.characteristics({ personId }), { disability: 'sometimes', version: '3' })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Select an answer from the list/)
    assert.match((await get(clinician, peoplePaths.person({ personId }))).body, /Black, Black British, Caribbean or African: Caribbean/)
  })

  it('allows several identifiers of a kind over time, but not the same one twice at once', async () => {
    const personId = await heldPerson()
    const add = async (kind: string, value: string) => postForm(app, clinician, peoplePaths.edit.identifiers({ personId }), { kind, value, version: await versionOf(personId) })
    assert.equal((await add('prison_number', 'A1234BC')).statusCode, 303)
    const again = await add('prison_number', 'a1234 bc')
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /This person already has this identifier/)
    const identifier = await db.selectFrom('person_identifier').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()
    const endForm = await get(clinician, peoplePaths.edit.endIdentifier({ personId, identifierId: identifier.id }))
    assert.equal(endForm.statusCode, 200)
    assert.match(endForm.body, /Recorded in error/)
    assert.equal((await postForm(app, clinician, peoplePaths.edit.endIdentifier({ personId, identifierId: identifier.id }), { reason: 'replaced', version: await versionOf(personId) })).statusCode, 303)
    assert.equal((await add('prison_number', 'B9876YX')).statusCode, 303)
    assert.equal((await add('prison_number', 'A1234BC')).statusCode, 303, 'an ended number may be current again')
    const rows = await db.selectFrom('person_identifier').select(['value', 'ended_reason', 'ended_by']).where('person_id', '=', personId).where('kind', '=', 'prison_number').orderBy('recorded_at').orderBy('id').execute()
    assert.deepEqual(rows, [
      { value: 'A1234BC', ended_reason: 'replaced', ended_by: clinicianId },
      { value: 'B9876YX', ended_reason: null, ended_by: null },
      { value: 'A1234BC', ended_reason: null, ended_by: null },
    ])
    assert.equal((await get(clinician, peoplePaths.edit.endIdentifier({ personId, identifierId: identifier.id }))).statusCode, 404, 'an ended identifier cannot be ended again')
  })

  it('starts work with another of the caller’s teams, and closes one of their own with a coded reason and a note', async () => {
    const personId = await heldPerson()
    const start = await get(clinician, peoplePaths.newInvolvement({ personId }))
    assert.match(start.body, /Northgate outreach team/)
    assert.ok(start.body.includes(`value="${secondTeam}"`))
    assert.ok(!start.body.includes(`value="${trust.teamId}"`), 'a team already working with the person is not offered')
    assert.equal((await postForm(app, clinician, peoplePaths.involvements({ personId }), { team_id: trust.teamId, version: '1' })).statusCode, 400, 'a team already working with the person')
    assert.equal((await postForm(app, clinician, peoplePaths.involvements({ personId }), { team_id: secondTeam, version: '1' })).statusCode, 303)
    const involvement = await db.selectFrom('involvement').select('id').where('person_id', '=', personId).where('team_id', '=', trust.teamId).executeTakeFirstOrThrow()
    const missingReason = await postForm(app, clinician, peoplePaths.closeInvolvement({ personId, involvementId: involvement.id }), { version: '2' })
    assert.equal(missingReason.statusCode, 400)
    assert.match(missingReason.body, /Select why the work is ending/)
    const closed = await postForm(app, clinician, peoplePaths.closeInvolvement({ personId, involvementId: involvement.id }), { reason: 'transferred', note: 'Handed over to outreach', version: '2' })
    assert.equal(closed.statusCode, 303)
    const row = await db.selectFrom('involvement').select(['status', 'closed_reason', 'closing_note', 'closed_by', 'ended_on']).where('id', '=', involvement.id).executeTakeFirstOrThrow()
    assert.deepEqual(row, { status: 'closed', closed_reason: 'transferred', closing_note: 'Handed over to outreach', closed_by: clinicianId, ended_on: new Date().toISOString().slice(0, 10) })
    assert.deepEqual((await historyOf(personId)).map((change) => `${change.section}.${(change.changes as { action: string }).action}`), ['involvement.opened', 'involvement.closed'])
    const page = (await get(clinician, peoplePaths.person({ personId }))).body
    assert.match(page, /Transferred to another team or service/)
    assert.match(page, /Handed over to outreach/)
  })

  it('closes only the caller’s own team’s work', async () => {
    const personId = await heldPerson()
    const theirs = newId()
    await db.insertInto('involvement').values({ id: theirs, person_id: personId, team_id: probation.teamId, status: 'open', started_on: '2026-01-05' }).execute()
    assert.equal((await get(clinician, peoplePaths.closeInvolvement({ personId, involvementId: theirs }))).statusCode, 404)
    assert.equal((await postForm(app, clinician, peoplePaths.closeInvolvement({ personId, involvementId: theirs }), { reason: 'completed', version: '1' })).statusCode, 404)
    assert.equal((await db.selectFrom('involvement').select('status').where('id', '=', theirs).executeTakeFirstOrThrow()).status, 'open')
  })

  it('keeps health-only timeline events from staff who may not read them, in the query', async () => {
    const personId = await heldPerson()
    await db.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: probation.teamId, status: 'open', started_on: '2026-01-05' }).execute()
    const event = (kind: string, category: string, at: string) => ({ id: newId(), person_id: personId, occurred_at: at, kind, data_category: category, organisation_id: trust.organisationId, details: jsonValue({}) })
    await db.insertInto('person_timeline_event').values([event('clinical_formulation_agreed', 'clinical_formulation', '2026-02-01T10:00:00.000Z'), event('referral_received', 'case_note', '2026-02-02T10:00:00.000Z')]).execute()
    const asClinician = (await get(clinician, peoplePaths.person({ personId }))).body
    const asOfficer = (await get(officer, peoplePaths.person({ personId }))).body
    assert.match(asClinician, /Clinical formulation agreed/)
    assert.match(asClinician, /Referral received/)
    assert.match(asOfficer, /Referral received/)
    assert.doesNotMatch(asOfficer, /Clinical formulation agreed/i)
  })

  it('pages the timeline, newest first, twenty at a time', async () => {
    const personId = await heldPerson()
    await db
      .insertInto('person_timeline_event')
      .values(Array.from({ length: 25 }, (_, index) => ({ id: newId(), person_id: personId, occurred_at: new Date(Date.UTC(2026, 0, 1 + index, 9)).toISOString(), kind: `contact_${String(index + 1).padStart(2, '0')}`, data_category: 'contact' })))
      .execute()
    const first = (await get(clinician, peoplePaths.person({ personId }))).body
    assert.match(first, /Contact 25/)
    assert.doesNotMatch(first, /Contact 05</)
    assert.ok(first.indexOf('Contact 25') < first.indexOf('Contact 24'), 'newest first')
    assert.ok(first.includes(`href="${peoplePaths.person({ personId })}?page=2"`))
    const second = (await get(clinician, `${peoplePaths.person({ personId })}?page=2`)).body
    assert.match(second, /Contact 05</)
    assert.doesNotMatch(second, /Contact 06</)
  })

  it('says a merged record was merged, links to the survivor in scope, takes no changes, and leaves the list', async () => {
    const survivor = await heldPerson({ givenName: 'Ottoline', familyName: 'Gingersnap' })
    const merged = await heldPerson({ givenName: 'Ottoline', familyName: 'Gingersnap-Merged' })
    await db.updateTable('person').set({ merged_into_id: survivor }).where('id', '=', merged).execute()
    const page = (await get(clinician, peoplePaths.person({ personId: merged }))).body
    assert.match(page, /This record has been merged into another record/)
    assert.ok(page.includes(`href="${peoplePaths.person({ personId: survivor })}"`))
    assert.ok(!page.includes(peoplePaths.edit.details({ personId: merged })), 'no change links on a merged record')
    assert.equal((await postForm(app, clinician, peoplePaths.edit.details({ personId: merged }), { ...newPerson, version: '1' })).statusCode, 404)
    const list = (await get(clinician, peoplePaths.list())).body
    assert.ok(list.includes(peoplePaths.person({ personId: survivor })))
    assert.ok(!list.includes(peoplePaths.person({ personId: merged })))
  })

  it('offers a search box and, to those who may add people, an "Add a person" button', async () => {
    const list = (await get(clinician, peoplePaths.list())).body
    assert.match(list, /<form method="get" action="\/people\/search"/)
    assert.ok(list.includes(`href="${peoplePaths.newPerson()}"`))
    const volunteerUser = await createUser(db, { organisationId: trust.organisationId, roles: ['volunteer'], teamIds: [trust.teamId] })
    const volunteer = await signIn(app, volunteerUser)
    const theirs = (await get(volunteer, peoplePaths.list())).body
    assert.ok(!theirs.includes(`href="${peoplePaths.newPerson()}"`))
    const personId = await heldPerson()
    assert.ok(!(await get(volunteer, peoplePaths.person({ personId }))).body.includes(peoplePaths.edit.details({ personId })), 'no change links without person:write')
  })
})
