import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, beforeEach, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, csrfFrom, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { projectRoot } from '../../platform/app.ts'
import { loadContent } from '../../platform/content/content.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { searchPageFor } from '../person-search/index.ts'
import { chooseWithSearch, personMergePaths } from './paths.ts'
import { mergeProblems, personLinkedTables, reversalProblems, reversibleForDays } from './rules.ts'

/** Every row of every person-linked table that belongs to one of `personIds`, as "table id → person". */
async function linkedRows(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const rows = new Map<string, string>()
  for (const table of personLinkedTables) {
    const found = await sql<{ id: string; person_id: string }>`select id, person_id from ${sql.table(table)} where person_id in (${sql.join(personIds)})`.execute(db)
    for (const row of found.rows) rows.set(`${table} ${row.id}`, row.person_id)
  }
  return rows
}

/** The person-linked tables personWithHistory writes to (later modules add theirs to personLinkedTables; merges move those too). */
const filledTables = ['person_alias', 'person_identifier', 'person_characteristic', 'person_need', 'person_change', 'person_timeline_event', 'involvement'] as const

/** A person with a row in each of filledTables, the involvement with `teamId`. */
async function personWithHistory(db: Db, teamId: string, givenName: string, familyName: string): Promise<string> {
  const personId = await createPerson(db, { teamId, givenName, familyName })
  const now = new Date().toISOString()
  await db.insertInto('person_alias').values({ id: newId(), person_id: personId, alias_type: 'nickname', given_name: givenName.slice(0, 3), family_name: familyName }).execute()
  await db.insertInto('person_identifier').values({ id: newId(), person_id: personId, kind: 'crn', value: `X${String(Math.floor(Math.random() * 900_000) + 100_000)}` }).execute()
  await db.insertInto('person_characteristic').values({ id: newId(), person_id: personId, characteristic: 'ethnicity', code: 'not_known', code_list_version: '2021.1' }).execute()
  await db.insertInto('person_need').values({ id: newId(), person_id: personId, need: 'trauma', source: 'self_reported' }).execute()
  await db.insertInto('person_change').values({ id: newId(), person_id: personId, section: 'details', changes: jsonValue({ created: true }), changed_at: now }).execute()
  await db.insertInto('person_timeline_event').values({ id: newId(), person_id: personId, occurred_at: now, kind: 'contact', data_category: 'case_note' }).execute()
  return personId
}

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })

describeEachDialect('merging duplicate records', (database) => {
  let app: FastifyInstance
  let db: Db
  let teamId: string
  let foreignTeamId: string
  let clinicianId: string
  let clinician: BrowserSession
  let volunteer: BrowserSession
  let foreign: BrowserSession
  let survivor: string
  let duplicate: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    const trust = await organisationWithTeam(db, 'Northgate NHS Trust', 'nhs_trust')
    const elsewhere = await organisationWithTeam(db, 'Eastbrook NHS Trust', 'nhs_trust')
    teamId = trust.teamId
    foreignTeamId = elsewhere.teamId
    const clinicianUser = await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [teamId], isDemo: true })
    clinicianId = clinicianUser.id
    clinician = await signIn(app, clinicianUser)
    volunteer = await signIn(app, await createUser(db, { organisationId: trust.organisationId, roles: ['volunteer'], teamIds: [teamId], isDemo: true }))
    // A clinician who may merge, in an organisation that does not work with these people.
    foreign = await signIn(app, await createUser(db, { organisationId: elsewhere.organisationId, roles: ['clinician'], teamIds: [elsewhere.teamId], isDemo: true }))
  })
  after(() => app.close())

  beforeEach(async () => {
    survivor = await personWithHistory(db, teamId, 'Marigold', 'Puddleby')
    duplicate = await personWithHistory(db, teamId, 'Marigold', 'Puddlebee')
  })

  const get = (session: BrowserSession, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const lastSequence = async () => Number((await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('last')).executeTakeFirstOrThrow()).last ?? 0)
  const auditSince = (sequence: number) => db.selectFrom('audit_event').selectAll().where('sequence', '>', sequence).orderBy('sequence').execute()
  const merge = (session: BrowserSession, fields: Record<string, string>) => postForm(app, session, personMergePaths.choose({ personId: survivor }), fields)
  const mergedInto = async (personId: string) => (await db.selectFrom('person').select('merged_into_id').where('id', '=', personId).executeTakeFirstOrThrow()).merged_into_id

  it('finds the duplicate by search or by its Pathways ID, and shows the two records side by side', async () => {
    const chooser = await get(clinician, chooseWithSearch(survivor, 'Marigold Puddleby'))
    assert.equal(chooser.statusCode, 200)
    assert.match(chooser.body, new RegExp(`href="${personMergePaths.confirm({ personId: survivor, duplicateId: duplicate })}"`), 'the near-identical record can be chosen')
    assert.match(chooser.body, /The record you are keeping/)

    const byId = await get(clinician, `${personMergePaths.choose({ personId: survivor })}?duplicateId=${duplicate.toUpperCase()}`)
    assert.equal(byId.statusCode, 303)
    assert.equal(byId.headers.location, personMergePaths.confirm({ personId: survivor, duplicateId: duplicate }))
    const badId = await get(clinician, `${personMergePaths.choose({ personId: survivor })}?duplicateId=not-an-id`)
    assert.equal(badId.statusCode, 400)
    assert.match(badId.body, /href="#duplicateId"/)
    assert.match(badId.body, /value="not-an-id"/)

    const confirmation = await get(clinician, personMergePaths.confirm({ personId: survivor, duplicateId: duplicate }))
    assert.equal(confirmation.statusCode, 200)
    for (const text of ['Puddleby', 'Puddlebee', 'Merge the records', 'name="_csrf"', `name="duplicateId" value="${duplicate}"`]) assert.ok(confirmation.body.includes(text), text)
  })

  it('re-points every linked row to the survivor, records exactly which, and hides the duplicate from search', async () => {
    const before = await linkedRows(db, [survivor, duplicate])
    const duplicatesRows = [...before].filter(([, owner]) => owner === duplicate).map(([key]) => key)
    assert.deepEqual(duplicatesRows.map((key) => key.split(' ')[0]).sort(), [...filledTables].sort(), 'the duplicate has a row in each table the fixture fills')
    const sequence = await lastSequence()

    const response = await merge(clinician, { duplicateId: duplicate, reason: 'Same NHS number and date of birth, confirmed with Marigold.' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, personMergePaths.merges({ personId: survivor }))

    const after = await linkedRows(db, [survivor, duplicate])
    for (const key of duplicatesRows) assert.equal(after.get(key), survivor, `${key} moved`)
    const stored = await db.selectFrom('person_merge').selectAll().where('merged_id', '=', duplicate).executeTakeFirstOrThrow()
    const recorded = Object.entries(stored.moved_rows).flatMap(([table, ids]) => ids.map((id) => `${table} ${id}`)).sort()
    assert.deepEqual(recorded, duplicatesRows.sort())
    assert.equal(stored.survivor_id, survivor)
    assert.equal(stored.reason, 'Same NHS number and date of birth, confirmed with Marigold.')
    assert.equal(await mergedInto(duplicate), survivor)
    const notes = await db.selectFrom('person_change').select(['person_id', 'changes']).where('section', '=', 'merge').where('person_id', 'in', [survivor, duplicate]).execute()
    assert.deepEqual(notes.map((note) => note.person_id).sort(), [survivor, duplicate].sort(), 'both records note the merge')

    const audit = await auditSince(sequence)
    assert.deepEqual(audit.map((row) => [row.action, row.outcome, row.person_id, row.record_id]), [['person.merge', 'allowed', survivor, stored.id]])
    assert.equal(audit[0]?.details?.mergedPersonId, duplicate)

    const search = await get(clinician, searchPageFor('Marigold Puddlebee'))
    assert.ok(!search.body.includes(duplicate), 'the merged record is not found')
    assert.ok(search.body.includes(survivor), 'its name now finds the survivor')
  })

  it('reverses a merge within the time allowed, moving back exactly the rows it moved', async () => {
    const before = await linkedRows(db, [survivor, duplicate])
    await merge(clinician, { duplicateId: duplicate, reason: 'Looked like the same person.' })
    const stored = await db.selectFrom('person_merge').select('id').where('merged_id', '=', duplicate).executeTakeFirstOrThrow()
    // Work recorded on the survivor after the merge stays with the survivor.
    const laterNeed = newId()
    await db.insertInto('person_need').values({ id: laterNeed, person_id: survivor, need: 'homelessness', source: 'assessment' }).execute()

    const history = await get(clinician, personMergePaths.merges({ personId: survivor }))
    assert.equal(history.statusCode, 200)
    assert.match(history.body, /Reverse this merge/)
    const session = await csrfFrom(app, clinician, personMergePaths.merges({ personId: survivor }))
    const sequence = await lastSequence()
    const response = await postForm(app, session, personMergePaths.reverse({ personId: survivor, mergeId: stored.id }))
    assert.equal(response.statusCode, 303)

    const after = await linkedRows(db, [survivor, duplicate])
    for (const [key, owner] of before) assert.equal(after.get(key), owner, `${key} is back with its record`)
    assert.equal(after.get(`person_need ${laterNeed}`), survivor)
    assert.equal(await mergedInto(duplicate), null)
    const reversed = await db.selectFrom('person_merge').select(['reversed_at', 'reversed_by']).where('id', '=', stored.id).executeTakeFirstOrThrow()
    assert.notEqual(reversed.reversed_at, null)
    assert.deepEqual((await auditSince(sequence)).map((row) => [row.action, row.outcome, row.record_id]), [['person.merge.reverse', 'allowed', stored.id]])
    assert.ok((await get(clinician, searchPageFor('Marigold Puddlebee'))).body.includes(duplicate), 'the record is found again')

    const again = await postForm(app, session, personMergePaths.reverse({ personId: survivor, mergeId: stored.id }))
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /This merge has already been reversed/)
  })

  it(`refuses to reverse a merge after ${reversibleForDays} days, changing nothing`, async () => {
    await merge(clinician, { duplicateId: duplicate, reason: 'Same person.' })
    const stored = await db.selectFrom('person_merge').select('id').where('merged_id', '=', duplicate).executeTakeFirstOrThrow()
    const longAgo = new Date(Date.now() - (reversibleForDays + 1) * 86_400_000).toISOString()
    await db.updateTable('person_merge').set({ merged_at: longAgo }).where('id', '=', stored.id).execute()
    const before = await linkedRows(db, [survivor, duplicate])

    const history = await get(clinician, personMergePaths.merges({ personId: survivor }))
    assert.doesNotMatch(history.body, /Reverse this merge/)
    assert.match(history.body, /No, the time allowed has passed/)
    const session = await csrfFrom(app, clinician, personMergePaths.merges({ personId: survivor }))
    const sequence = await lastSequence()
    const response = await postForm(app, session, personMergePaths.reverse({ personId: survivor, mergeId: stored.id }))
    assert.equal(response.statusCode, 400)
    assert.match(response.body, new RegExp(`more than ${reversibleForDays} days ago and can no longer be reversed`))
    assert.match(response.body, new RegExp(`href="#merge-${stored.id}"`))
    assert.deepEqual(await linkedRows(db, [survivor, duplicate]), before)
    assert.equal(await mergedInto(duplicate), survivor)
    assert.deepEqual((await auditSince(sequence)).map((row) => [row.action, row.outcome]), [['person.merge.reverse', 'failed']])
  })

  it('lets no user of another organisation see, merge or reverse these records, and records the attempts', async () => {
    for (const url of [personMergePaths.choose({ personId: survivor }), personMergePaths.confirm({ personId: survivor, duplicateId: duplicate }), personMergePaths.merges({ personId: survivor })]) {
      const response = await get(foreign, url)
      assert.equal(response.statusCode, 404, url)
      assert.doesNotMatch(response.body, /Puddleby|Puddlebee/)
    }
    const before = await linkedRows(db, [survivor, duplicate])
    const sequence = await lastSequence()
    const attempt = await merge(foreign, { duplicateId: duplicate, reason: 'Trying from elsewhere.' })
    assert.equal(attempt.statusCode, 404)
    assert.deepEqual(await linkedRows(db, [survivor, duplicate]), before)
    assert.equal(await mergedInto(duplicate), null)
    assert.deepEqual((await auditSince(sequence)).map((row) => [row.action, row.outcome, row.person_id]), [['person.merge', 'denied', survivor]])

    // A person the foreign user's team works with cannot be merged with one it does not either.
    const theirs = await createPerson(db, { teamId: foreignTeamId, givenName: 'Marigold', familyName: 'Puddleby' })
    const mixed = await postForm(app, foreign, personMergePaths.choose({ personId: theirs }), { duplicateId: duplicate, reason: 'Trying from elsewhere.' })
    assert.equal(mixed.statusCode, 404)

    await merge(clinician, { duplicateId: duplicate, reason: 'Same person.' })
    const stored = await db.selectFrom('person_merge').select('id').where('merged_id', '=', duplicate).executeTakeFirstOrThrow()
    const reversal = await postForm(app, foreign, personMergePaths.reverse({ personId: survivor, mergeId: stored.id }))
    assert.equal(reversal.statusCode, 404)
    assert.equal(await mergedInto(duplicate), survivor)
  })

  it('refuses a record merged into itself, and a restricted record merged into an unrestricted one', async () => {
    const itself = await merge(clinician, { duplicateId: survivor, reason: 'Oops.' })
    assert.equal(itself.statusCode, 400)
    assert.match(itself.body, /A record cannot be merged into itself/)

    await db.updateTable('person').set({ is_restricted: true }).where('id', '=', duplicate).execute()
    await db.insertInto('restricted_grant').values({ person_id: duplicate, user_id: clinicianId, granted_by: clinicianId }).execute()
    const confirmation = await get(clinician, personMergePaths.confirm({ personId: survivor, duplicateId: duplicate }))
    assert.equal(confirmation.statusCode, 200)
    assert.match(confirmation.body, /This record is restricted and the record to keep is not/)
    assert.doesNotMatch(confirmation.body, /Merge the records/)
    const refused = await merge(clinician, { duplicateId: duplicate, reason: 'Same person.' })
    assert.equal(refused.statusCode, 400)
    assert.equal(await mergedInto(duplicate), null)
  })

  it('asks why, keeping what was typed, and lets a user who may only read see the history but not reverse', async () => {
    const missing = await merge(clinician, { duplicateId: duplicate, reason: '   ' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#reason"/)
    assert.match(missing.body, /Enter why you are sure these records are the same person/)
    const tooLong = await merge(clinician, { duplicateId: duplicate, reason: 'x'.repeat(2001) })
    assert.match(tooLong.body, /x{2001}/, 'what was typed is kept')
    assert.equal(await mergedInto(duplicate), null)

    await merge(clinician, { duplicateId: duplicate, reason: 'Same person.' })
    const history = await get(volunteer, personMergePaths.merges({ personId: survivor }))
    assert.equal(history.statusCode, 200)
    assert.match(history.body, /Marigold Puddlebee/)
    assert.doesNotMatch(history.body, /Reverse this merge/)
    assert.equal((await get(volunteer, personMergePaths.choose({ personId: survivor }))).statusCode, 403)
  })

  it('has words for every linked table, merge problem and reversal problem it may show', () => {
    for (const table of personLinkedTables) assert.ok(content.has(`personMerge.tables.${table}`), table)
    for (const problem of mergeProblems) assert.ok(content.has(`personMerge.problems.${problem}`), problem)
    for (const problem of [...reversalProblems, 'rowsMoved']) assert.ok(content.has(`personMerge.reversal.problems.${problem}`), problem)
  })
})
