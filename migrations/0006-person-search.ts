import { sql, type Kysely } from 'kysely'
import type { MigrationContext } from '../src/platform/db/migrator.ts'
import { letterFoldings, nameSeparators } from '../src/modules/person-search/folding.ts'

/**
 * The person search index, kept by the database itself: triggers on `person` and
 * `person_alias` rewrite a person's search document whenever a name, an alias or a merge
 * changes, so every writer (forms, import, merge, demo seed, benchmarks) is covered
 * without calling anything.
 *
 * A document holds the person's names, their current aliases and the names of the records
 * merged into them, folded as `foldName` folds them (folding.ts), whole and in parts, all
 * between "|" (see rawNames). SQLite indexes documents with FTS5's trigram tokenizer;
 * PostgreSQL keeps each word of a document in a table of its own, with a btree for exact
 * words and a GIN index of pg_trgm trigrams for close ones. The search re-ranks candidates.
 */

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`

/** SQLite has no translate(): one replace() per folded letter, lower(), then one per separator. */
function sqliteFold(expression: string): string {
  const lettersFolded = letterFoldings.reduce((inner, [from, to]) => `replace(${inner}, ${quoted(from)}, ${quoted(to)})`, expression)
  return nameSeparators.reduce((inner, separator) => `replace(${inner}, ${quoted(separator)}, '')`, `lower(${lettersFolded})`)
}

/** PostgreSQL folds multi-letter spellings with replace(), single letters with one translate(), and drops separators with another. */
function postgresFold(expression: string): string {
  const single = letterFoldings.filter(([, to]) => to.length === 1)
  const multiple = letterFoldings.filter(([, to]) => to.length > 1)
  const spelt = multiple.reduce((inner, [from, to]) => `replace(${inner}, ${quoted(from)}, ${quoted(to)})`, expression)
  const translated = `translate(${spelt}, ${quoted(single.map(([from]) => from).join(''))}, ${quoted(single.map(([, to]) => to).join(''))})`
  return `translate(lower(${translated}), ${quoted(nameSeparators.join(''))}, '')`
}

/**
 * The raw names of every person, each whole and, when it has parts, again with its parts
 * split by "|", all between and around "|": own name, current aliases, names of records
 * merged into them. Folded, "Juniper Dvořák-Teacup" becomes
 * "|juniper|dvorakteacup|dvorak|teacup|", so a whole name or a part can be matched exactly
 * ("|teacup|") as well as by its trigrams.
 */
function rawNames(concat: (parts: string) => string, partsSplit: (column: string) => string): string {
  // Parts only for a name that has them: most names are one word, and a document twice as long costs more to compare.
  const name = (column: string) => `${column} || case when ${partsSplit(column)} = ${column} then '' else '|' || ${partsSplit(column)} end`
  const pair = (table: string) => `${name(`${table}.given_name`)} || '|' || ${name(`${table}.family_name`)}`
  return `'|' || ${pair('p')}
    || coalesce((select '|' || ${concat(pair('a'))} from person_alias a where a.person_id = p.id and a.removed_at is null), '')
    || coalesce((select '|' || ${concat(pair('m'))} from person m where m.merged_into_id = p.id), '') || '|'`
}

const sqliteParts = (column: string) => nameSeparators.reduce((inner, separator) => `replace(${inner}, ${quoted(separator)}, '|')`, column)
const postgresParts = (column: string) => `translate(${column}, ${quoted(nameSeparators.join(''))}, ${quoted('|'.repeat(nameSeparators.length))})`

async function run(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

async function sqliteIndex(db: Kysely<any>): Promise<void> {
  const refresh = (personId: string) =>
    `insert into person_search_document (person_id, names) select person_id, names from person_search_source where person_id = ${personId}
       on conflict (person_id) do update set names = excluded.names;`
  await run(db, [
    `create view person_search_source as select p.id as person_id, ${sqliteFold(rawNames((parts) => `group_concat(${parts}, '|')`, sqliteParts))} as names from person p`,
    // doc_id gives FTS5 a stable integer rowid (a text-keyed table's rowid may change on VACUUM).
    `create table person_search_document (doc_id integer primary key, person_id text not null unique, names text not null)`,
    `create virtual table person_search using fts5(names, content='person_search_document', content_rowid='doc_id', tokenize='trigram remove_diacritics 1')`,
    `create trigger person_search_document_insert after insert on person_search_document begin
       insert into person_search (rowid, names) values (new.doc_id, new.names); end`,
    `create trigger person_search_document_delete after delete on person_search_document begin
       insert into person_search (person_search, rowid, names) values ('delete', old.doc_id, old.names); end`,
    `create trigger person_search_document_update after update on person_search_document begin
       insert into person_search (person_search, rowid, names) values ('delete', old.doc_id, old.names);
       insert into person_search (rowid, names) values (new.doc_id, new.names); end`,
    `create trigger person_search_person_insert after insert on person begin ${refresh('new.id')} ${refresh('new.merged_into_id')} end`,
    `create trigger person_search_person_names after update of given_name, family_name on person begin ${refresh('new.id')} ${refresh('new.merged_into_id')} end`,
    `create trigger person_search_person_merged after update of merged_into_id on person begin ${refresh('old.merged_into_id')} ${refresh('new.merged_into_id')} end`,
    `create trigger person_search_person_delete after delete on person begin
       delete from person_search_document where person_id = old.id; ${refresh('old.merged_into_id')} end`,
    `create trigger person_search_alias_insert after insert on person_alias begin ${refresh('new.person_id')} end`,
    `create trigger person_search_alias_update after update on person_alias begin ${refresh('old.person_id')} ${refresh('new.person_id')} end`,
    `create trigger person_search_alias_delete after delete on person_alias begin ${refresh('old.person_id')} end`,
    // Backfill: the document triggers fill the FTS index as the documents go in.
    `insert into person_search_document (person_id, names) select person_id, names from person_search_source where true`,
  ])
}

async function postgresIndex(db: Kysely<any>): Promise<void> {
  await run(db, [
    // Trusted since PostgreSQL 13: the database owner may create it without superuser rights.
    `create extension if not exists pg_trgm`,
    `create view person_search_source as select p.id as person_id, ${postgresFold(rawNames((parts) => `string_agg(${parts}, '|')`, postgresParts))} as names from person p`,
    `create table person_search_document (person_id uuid primary key, names text not null)`,
    // Each distinct word of a document: exact names through the primary key, close ones
    // through the GIN trigram index, each comparison against one short word.
    `create table person_search_word (word text not null, person_id uuid not null, primary key (word, person_id))`,
    `create index person_search_word_person_idx on person_search_word (person_id)`,
    `create index person_search_word_trigram_idx on person_search_word using gin (word gin_trgm_ops)`,
    `create function person_search_refresh(target uuid) returns void language sql as $$
       insert into person_search_document (person_id, names) select person_id, names from person_search_source where person_id = target
       on conflict (person_id) do update set names = excluded.names;
       delete from person_search_word where person_id = target;
       insert into person_search_word (word, person_id)
         select distinct word, person_id from person_search_document, unnest(string_to_array(names, '|')) as word where person_id = target and word <> '';
     $$`,
    `create function person_search_on_person() returns trigger language plpgsql as $$
     begin
       if tg_op = 'DELETE' then
         delete from person_search_word where person_id = old.id;
         delete from person_search_document where person_id = old.id;
         perform person_search_refresh(old.merged_into_id);
         return null;
       end if;
       perform person_search_refresh(new.id);
       if tg_op = 'UPDATE' and old.merged_into_id is distinct from new.merged_into_id then perform person_search_refresh(old.merged_into_id); end if;
       perform person_search_refresh(new.merged_into_id);
       return null;
     end $$`,
    `create trigger person_search_person after insert or delete or update of given_name, family_name, merged_into_id on person
       for each row execute function person_search_on_person()`,
    `create function person_search_on_alias() returns trigger language plpgsql as $$
     begin
       if tg_op in ('UPDATE', 'DELETE') then perform person_search_refresh(old.person_id); end if;
       if tg_op in ('UPDATE', 'INSERT') and (tg_op = 'INSERT' or old.person_id is distinct from new.person_id) then perform person_search_refresh(new.person_id); end if;
       return null;
     end $$`,
    `create trigger person_search_alias after insert or update or delete on person_alias for each row execute function person_search_on_alias()`,
    `insert into person_search_document (person_id, names) select person_id, names from person_search_source`,
    `insert into person_search_word (word, person_id) select distinct word, person_id from person_search_document, unnest(string_to_array(names, '|')) as word where word <> ''`,
  ])
}

export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  // The documents of survivors gather the names of records merged into them. Partial: few
  // records are merged, and a planner must not mistake "not merged" for a selective condition.
  await db.schema.createIndex('person_merged_into_idx').on('person').column('merged_into_id').where(sql.ref('merged_into_id'), 'is not', null).execute()
  if (dialect === 'postgres') await postgresIndex(db)
  else await sqliteIndex(db)
}
