import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'

/*
 * A bulk load writes millions of rows into tables with four or five indexes each: kept up
 * row by row, the indexes cost more than the rows. So, as database tools do for a load,
 * the secondary indexes are dropped first and built again at the end from the definitions
 * the database itself holds (nothing here restates a migration; building an index from all
 * its rows at once is several times cheaper than keeping it up row by row), and
 * SQLite writes without a journal or foreign-key checks (the generator's test checks every
 * key of the rows it makes).
 * A load that fails part-way leaves a database to throw away: the generator refuses to
 * write into a database that is not empty, and the benchmark marks a finished one.
 */

/** Indexes the load itself reads through: the search index's triggers and the generator's own audit query. */
const keptIndexes = new Set(['person_alias_person_idx', 'person_merged_into_idx', 'person_timeline_event_person_idx'])

/**
 * SQLite's search-index triggers on new people and aliases, and the one feeding the FTS5
 * table: the load writes the documents itself (search-documents.ts) and FTS5 indexes them
 * all in one pass at the end, far faster than one document at a time.
 */
const searchTriggers = ['person_search_person_insert', 'person_search_alias_insert', 'person_search_document_insert']

export interface SuspendedIndexes {
  definitions: string[]
  /** SQLite only: the search triggers, to create again. */
  triggers: string[]
}

async function indexDefinitions(database: DatabaseHandle, tables: readonly string[]): Promise<Array<{ name: string; definition: string }>> {
  if (database.dialect === 'sqlite') {
    const rows = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index' and tbl_name in (${sql.join(tables)})`.execute(database.db)
    // Indexes without SQL belong to PRIMARY KEY and UNIQUE constraints: they stay.
    return rows.rows.flatMap((row) => (row.sql ? [{ name: row.name, definition: row.sql }] : []))
  }
  const rows = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(database.db)
  return rows.rows
}

/** Drops the secondary indexes of `tables` (but those the load reads through) and the search triggers, and switches SQLite to loading. */
export async function beginBulkLoad(database: DatabaseHandle, tables: readonly string[]): Promise<SuspendedIndexes> {
  const dropped = (await indexDefinitions(database, tables)).filter((index) => !keptIndexes.has(index.name))
  for (const index of dropped) await sql`drop index ${sql.ref(index.name)}`.execute(database.db)
  const triggers: string[] = []
  if (database.dialect === 'sqlite') {
    const found = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and name in (${sql.join(searchTriggers)})`.execute(database.db)
    if (found.rows.length !== searchTriggers.length) throw new Error('bench data: the search index triggers are not as migrations/0006-person-search.ts made them')
    for (const trigger of found.rows) {
      triggers.push(trigger.sql)
      await sql`drop trigger ${sql.ref(trigger.name)}`.execute(database.db)
    }
    await sql`pragma journal_mode = off`.execute(database.db)
    await sql`pragma synchronous = off`.execute(database.db)
    await sql`pragma foreign_keys = off`.execute(database.db)
    await sql`pragma cache_size = -262144`.execute(database.db)
  }
  return { definitions: dropped.map((index) => index.definition), triggers }
}

/** Builds the dropped indexes and the search index, and puts the connection back as the app runs it. */
export async function endBulkLoad(database: DatabaseHandle, suspended: SuspendedIndexes): Promise<void> {
  for (const definition of suspended.definitions) await sql.raw(definition).execute(database.db)
  if (database.dialect !== 'sqlite') return
  await sql`insert into person_search (person_search) values ('rebuild')`.execute(database.db)
  for (const trigger of suspended.triggers) await sql.raw(trigger).execute(database.db)
  await sql`pragma foreign_keys = on`.execute(database.db)
  await sql`pragma journal_mode = wal`.execute(database.db)
  await sql`pragma synchronous = normal`.execute(database.db)
}
