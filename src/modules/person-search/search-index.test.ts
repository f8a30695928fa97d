import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { CompiledQuery, sql } from 'kysely'
import { migrations } from '../../../migrations/index.ts'
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createRandom, familyNames, givenNames, personFactory } from '../demo/index.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { migrate } from '../../platform/db/migrator.ts'
import { foldName, letterFoldings, nameSeparators } from './folding.ts'
import { findExactNames, nameCandidatesQuery } from './repository.ts'

/** A name with every separator turned into "|", so that folding keeps its parts apart. */
const inParts = (name: string) => [...name].map((character) => (nameSeparators.includes(character) ? '|' : character)).join('')
/** What the triggers should hold for a person: each name folded as foldName folds it, whole and then (if it has them) in parts, all between "|". */
const documentOf = (...names: string[]) => `|${names.map((name) => (inParts(name) === name ? foldName(name) : `${foldName(name)}|${foldName(inParts(name))}`)).join('|')}|`

async function documentNames(db: Db, personId: string): Promise<string | undefined> {
  return (await db.selectFrom('person_search_document').select('names').where('person_id', '=', personId).executeTakeFirst())?.names
}

function addAlias(db: Db, personId: string, givenName: string, familyName: string): Promise<string> {
  const id = newId()
  return db.insertInto('person_alias').values({ id, person_id: personId, alias_type: 'alias', given_name: givenName, family_name: familyName }).execute().then(() => id)
}

describeEachDialect('person search index', (database, dialect) => {
  let db: Db

  before(() => {
    db = database().handle.db
  })

  it('folds every demo name, and every folded letter, exactly as foldName does', async () => {
    const allLetters = letterFoldings.map(([from]) => from).join('')
    const names: Array<[string, string]> = [
      ...givenNames.map((given, index): [string, string] => [given, familyNames[index % familyNames.length] as string]),
      ...familyNames.map((family, index): [string, string] => [givenNames[index % givenNames.length] as string, family]),
      [allLetters, "O'Brien-Ó Dubh ’s. Jr"],
    ]
    const ids: string[] = []
    for (const [givenName, familyName] of names) ids.push(await createPerson(db, { givenName, familyName }))
    const stored = new Map((await db.selectFrom('person_search_document').select(['person_id', 'names']).where('person_id', 'in', ids).execute()).map((row) => [row.person_id, row.names]))
    const mismatches = names.flatMap(([given, family], index) => {
      const expected = documentOf(given, family)
      const actual = stored.get(ids[index] as string)
      return actual === expected ? [] : [{ given, family, expected, actual }]
    })
    assert.deepEqual(mismatches, [])
  })

  it('keeps a document in step with the name, the aliases and merges, whoever writes them', async () => {
    const personId = await createPerson(db, { givenName: 'Juniper', familyName: 'Teacup' })
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Teacup'))

    const aliasId = await addAlias(db, personId, 'June', 'Marmalade-Finch')
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Teacup', 'June', 'Marmalade-Finch'))
    await db.updateTable('person_alias').set({ family_name: "O'Finch" }).where('id', '=', aliasId).execute()
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Teacup', 'June', "O'Finch"))
    await db.updateTable('person_alias').set({ removed_at: new Date().toISOString() }).where('id', '=', aliasId).execute()
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Teacup'), 'a removed alias is no longer searched')

    await db.updateTable('person').set({ family_name: 'Dvořák-Teacup' }).where('id', '=', personId).execute()
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Dvořák-Teacup'))

    const duplicateId = await createPerson(db, { givenName: 'Junie', familyName: 'Tea-Cup' })
    const movedAlias = await addAlias(db, duplicateId, 'Jay', 'Crumpet')
    await db.updateTable('person').set({ merged_into_id: personId }).where('id', '=', duplicateId).execute()
    await db.updateTable('person_alias').set({ person_id: personId }).where('id', '=', movedAlias).execute()
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Dvořák-Teacup', 'Jay', 'Crumpet', 'Junie', 'Tea-Cup'), 'the survivor is found by the merged record’s names')
    assert.equal(await documentNames(db, duplicateId), documentOf('Junie', 'Tea-Cup'))

    await db.updateTable('person_alias').set({ person_id: duplicateId }).where('id', '=', movedAlias).execute()
    await db.updateTable('person').set({ merged_into_id: null }).where('id', '=', duplicateId).execute()
    assert.equal(await documentNames(db, personId), documentOf('Juniper', 'Dvořák-Teacup'))
    assert.equal(await documentNames(db, duplicateId), documentOf('Junie', 'Tea-Cup', 'Jay', 'Crumpet'))

    await db.deleteFrom('person_alias').where('person_id', '=', duplicateId).execute()
    await db.deleteFrom('person').where('id', '=', duplicateId).execute()
    assert.equal(await documentNames(db, duplicateId), undefined)
  })

  it('finds whole names and parts of names exactly, and nothing that merely contains them', async () => {
    const { teamId, organisationId } = await organisationWithTeam(db, 'Exact Trust', 'nhs_trust')
    const scope: Scope = { userId: newId(), organisationId, teamIds: [teamId], purpose: 'direct_care', readsHealthOnly: false, now: new Date().toISOString(), today: new Date().toISOString().slice(0, 10) }
    const [hyphenated, whole] = [
      await createPerson(db, { teamId, givenName: 'Ewa', familyName: 'Dvořák-Wafflecup' }),
      await createPerson(db, { teamId, givenName: 'Ben', familyName: 'Wafflecup' }),
      await createPerson(db, { teamId, givenName: 'Ben', familyName: 'Wafflecupwhistle' }),
      await createPerson(db, { givenName: 'Ben', familyName: 'Wafflecup' }),
    ]
    const exact = (words: string[]) => db.transaction().execute(async (tx) => (await findExactNames(tx, dialect, scope, words)).map((person) => person.id).sort())
    assert.deepEqual(await exact(['wafflecup']), [hyphenated, whole].sort(), 'not the longer name, nor someone out of scope')
    assert.deepEqual(await exact(['ben', 'wafflecup']), [whole])
    assert.deepEqual(await exact(['dvorakwafflecup']), [hyphenated])
    assert.deepEqual(await exact(['ben', 'waflfecup']), [whole], 'two letters swapped anywhere')
  })

  it('finds name candidates through the trigram index, not by scanning people', async () => {
    // Enough people, with fresh statistics, for the planners to weigh the indexes as they would in use.
    const { teamId, organisationId } = await organisationWithTeam(db, 'Index Trust', 'nhs_trust')
    const random = createRandom(5)
    const people = Array.from({ length: 5000 }, () => ({ id: newId(), ...personFactory(random, { asOf: '2026-01-01' }), updated_at: new Date().toISOString() }))
    for (let start = 0; start < people.length; start += 500) {
      const batch = people.slice(start, start + 500)
      await db.insertInto('person').values(batch.map(({ id, given_name, family_name, date_of_birth, updated_at }) => ({ id, given_name, family_name, date_of_birth, updated_at }))).execute()
      await db.insertInto('involvement').values(batch.filter((_, index) => index % 10 === 0).map((person) => ({ id: newId(), person_id: person.id, team_id: teamId, status: 'open' as const, started_on: '2026-01-05' }))).execute()
    }
    // PostgreSQL reads a small table rather than an index; filler words make the word table the size of a large caseload's.
    if (dialect === 'postgres') await sql`insert into person_search_word (word, person_id) select md5(n::text), gen_random_uuid() from generate_series(1, 200000) as n`.execute(db)
    await sql.raw(dialect === 'sqlite' ? 'analyze' : 'analyze person; analyze person_search_word; analyze involvement').execute(db)
    const scope: Scope = { userId: newId(), organisationId, teamIds: [teamId], purpose: 'direct_care', readsHealthOnly: false, now: new Date().toISOString(), today: new Date().toISOString().slice(0, 10) }
    const plan = await db.transaction().execute(async (tx) => {
      const compiled = nameCandidatesQuery(tx, dialect, scope, ['quilfeather'])!.compile()
      const explain = dialect === 'sqlite' ? 'explain query plan' : 'explain'
      const rows = (await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`${explain} ${compiled.sql}`, [...compiled.parameters]))).rows
      return rows.map((row) => row.detail ?? row['QUERY PLAN']).join('\n')
    })
    if (dialect === 'sqlite') {
      assert.match(plan, /SCAN person_search VIRTUAL TABLE INDEX/, plan)
      assert.doesNotMatch(plan, /SCAN person\b(?!_search)/, plan)
    } else {
      assert.match(plan, /Bitmap Index Scan on person_search_word_trigram_idx/, plan)
      assert.doesNotMatch(plan, /Seq Scan on person\b/, plan)
    }
  })
})

describeEachDialect('person search index on a database that already holds people', (_database, dialect) => {
  let fresh: TestDatabase
  const searchVersion = migrations.findIndex((migration) => migration.name === 'person-search')

  before(async () => {
    fresh = await createTestDatabase(dialect, { migrated: false })
  })
  after(() => fresh.drop())

  it('builds the documents of existing people and their aliases when it is added', async () => {
    await migrate(fresh.handle, migrations.slice(0, searchVersion))
    const { db } = fresh.handle
    const personId = await createPerson(db, { givenName: 'Siân', familyName: "O'Crumpetty" })
    await addAlias(db, personId, 'Sian', 'Crumpet')
    await migrate(fresh.handle, migrations)
    assert.equal(await documentNames(db, personId), documentOf('Siân', "O'Crumpetty", 'Sian', 'Crumpet'))
    if (dialect === 'sqlite') {
      const indexed = await sql<{ names: string }>`select names from person_search where person_search match ${'"rum"'}`.execute(db)
      assert.deepEqual(indexed.rows, [{ names: documentOf('Siân', "O'Crumpetty", 'Sian', 'Crumpet') }], 'the FTS5 index holds the backfilled document')
    }
  })
})
