import { sql, type Compilable, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Dialect, Tx } from '../../platform/db/database.ts'
import type { Database, IdentifierKind, PersonSearchDocumentTable } from '../../platform/db/schema.ts'
import { candidateLimit, similarityFloor, transpositions } from './rules.ts'

/*
 * Every query here finds people only within the caller's scope (personVisibleTo, inside the
 * SQL, before the limit on candidates) and never a record merged into another. Only the
 * search for names close to the query ranks documents first, before the scope, to keep its
 * cost bounded; exact names, identifiers and dates of birth are found in full.
 */

export interface FoundPerson {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
}

const personColumns = ['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'] as const

function searchable(scope: Scope) {
  const visible = personVisibleTo(scope)
  return (eb: ExpressionBuilder<Database, 'person'>): Expression<SqlBool> => eb.and([eb('person.merged_into_id', 'is', null), visible(eb)])
}

export interface IdentifierHit extends FoundPerson {
  kind: IdentifierKind
  value: string
  ended_at: string | null
}

/** People holding any of the identifiers, current or ended (person_identifier kind+value index). */
export function findByIdentifiers(tx: Tx, scope: Scope, identifiers: ReadonlyArray<{ kind: IdentifierKind; value: string }>): Promise<IdentifierHit[]> {
  return tx
    .selectFrom('person_identifier')
    .innerJoin('person', 'person.id', 'person_identifier.person_id')
    .select([...personColumns, 'person_identifier.kind', 'person_identifier.value', 'person_identifier.ended_at'])
    .where((eb) => eb.or(identifiers.map(({ kind, value }) => eb.and([eb('person_identifier.kind', '=', kind), eb('person_identifier.value', '=', value)]))))
    .where(searchable(scope))
    .orderBy('person.id')
    .orderBy('person_identifier.id')
    .limit(candidateLimit + 1)
    .execute()
}

/** People born on the date (person.date_of_birth index); one more than the limit says whether there are more. */
export function findByDateOfBirth(tx: Tx, scope: Scope, dateOfBirth: string): Promise<FoundPerson[]> {
  return tx
    .selectFrom('person')
    .select(personColumns)
    .where('person.date_of_birth', '=', dateOfBirth)
    .where(searchable(scope))
    .orderBy('person.id')
    .limit(candidateLimit + 1)
    .execute()
}

/** The FTS5 table exists on SQLite only, and its document table has the integer key FTS5 indexes by. */
type SqliteSearchTables = Database & {
  person_search: { rowid: number; rank: number }
  person_search_document: PersonSearchDocumentTable & { doc_id: number }
}

/**
 * The trigrams of the words as an FTS5 query: a document must share a trigram with each
 * word ("qui" OR "uil" OR …) AND (…), so a full name does not bring in everyone who shares
 * a part of one name. Words too short for a trigram are left to the re-ranking.
 */
function trigramQuery(words: readonly string[]): string | null {
  const perWord = words
    .map((word) => [...new Set(Array.from({ length: Math.max(0, [...word].length - 2) }, (_, index) => [...word].slice(index, index + 3).join('')))])
    .filter((trigrams) => trigrams.length > 0)
    .map((trigrams) => `(${trigrams.map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' OR ')})`)
  return perWord.length === 0 ? null : perWord.join(' AND ')
}

/**
 * People with every word of the query — or the word with two neighbouring letters swapped —
 * as a whole name or a part of one ("|teacup|" is in "|dvorakteacup|dvorak|teacup|"),
 * found through the index without ranking, so exact matches are never lost behind a ranking
 * limit. One more than the limit says there are more.
 */
export function exactNamesQuery(tx: Tx, dialect: Dialect, scope: Scope, words: readonly string[]): Compilable<FoundPerson> {
  const spellings = words.map((word) => [word, ...transpositions(word)])
  if (dialect === 'postgres') {
    return tx
      .selectFrom('person')
      .select(personColumns)
      .where((eb) => eb.and(spellings.map((alternatives) => eb('person.id', 'in', eb.selectFrom('person_search_word').select('person_search_word.person_id').where('person_search_word.word', 'in', alternatives)))))
      .where(searchable(scope))
      .orderBy('person.id')
      .limit(candidateLimit + 1)
  }
  const match = spellings.map((alternatives) => `(${alternatives.map((spelling) => `"|${spelling.replaceAll('"', '""')}|"`).join(' OR ')})`).join(' AND ')
  // FTS5 gives rows in rowid order, so the limit stops the scan early.
  return (tx as unknown as Transaction<SqliteSearchTables>)
    .selectFrom('person_search')
    .innerJoin('person_search_document', 'person_search_document.doc_id', 'person_search.rowid')
    .innerJoin('person', 'person.id', 'person_search_document.person_id')
    .select(personColumns)
    .where(sql<boolean>`person_search match ${match}`)
    .where(searchable(scope))
    .orderBy('person_search.rowid')
    .limit(candidateLimit + 1)
}

export async function findExactNames(tx: Tx, dialect: Dialect, scope: Scope, words: readonly string[]): Promise<FoundPerson[]> {
  return words.length === 0 ? [] : (await tx.executeQuery(exactNamesQuery(tx, dialect, scope, words).compile())).rows
}

/**
 * How many of the best-ranked documents are looked at before the scope: ranking documents
 * is cheap inside the index, checking the scope of tens of thousands of them is not. A name
 * close to the query shares most of its trigrams and ranks near the top; ten times the
 * candidates leaves room for the people out of scope.
 */
export const rankedDocuments = candidateLimit * 10

/**
 * SQLite: the documents sharing most trigrams with the query (bm25), then those the caller
 * may see, in the same query, best rank first.
 */
function sqliteNameCandidates(tx: Tx, scope: Scope, match: string) {
  const db = tx as unknown as Transaction<SqliteSearchTables>
  const ranked = db.selectFrom('person_search').select(['person_search.rowid', 'person_search.rank']).where(sql<boolean>`person_search match ${match}`).orderBy('person_search.rank').orderBy('person_search.rowid').limit(rankedDocuments)
  return db
    .selectFrom(ranked.as('ranked'))
    .innerJoin('person_search_document', 'person_search_document.doc_id', 'ranked.rowid')
    .innerJoin('person', 'person.id', 'person_search_document.person_id')
    .select(personColumns)
    .where(searchable(scope))
    .orderBy('ranked.rank')
    .orderBy('person.id')
    .limit(candidateLimit)
}

/**
 * PostgreSQL: the people with words whose trigrams (GIN, pg_trgm) resemble the query's
 * words most — most query words matched, then most similar — then those the caller may
 * see. The similarity a word needs is set for this transaction only (rules.ts).
 */
function postgresNameCandidates(tx: Tx, scope: Scope, words: readonly string[]) {
  // One branch per query word, each with the word as a constant, so that each is answered by the trigram index.
  const perWord = sql.join(
    words.map((word, position) => sql`select person_id, ${position} as position, max(similarity(word, ${word})) as best from person_search_word where word % ${word} group by person_id`),
    sql` union all `,
  )
  const ranked = sql<{ person_id: string; matched: number; score: number }>`(
    select person_id, count(*) as matched, sum(best) as score from (${perWord}) as per_word
    group by person_id
    order by matched desc, score desc, person_id
    limit ${rankedDocuments})`
  return tx
    .selectFrom(ranked.as('ranked'))
    .innerJoin('person', 'person.id', 'ranked.person_id')
    .select(personColumns)
    .where(searchable(scope))
    .orderBy('ranked.matched', 'desc')
    .orderBy('ranked.score', 'desc')
    .orderBy('person.id')
    .limit(candidateLimit)
}

/**
 * The query for people whose names may answer the folded words, one implementation per
 * dialect; null when the words are too short to have trigrams. Exported unexecuted so the
 * benchmark and tests can EXPLAIN it.
 */
export function nameCandidatesQuery(tx: Tx, dialect: Dialect, scope: Scope, words: readonly string[]): Compilable<FoundPerson> | null {
  if (dialect === 'postgres') return words.length === 0 ? null : postgresNameCandidates(tx, scope, words)
  const match = trigramQuery(words)
  return match === null ? null : sqliteNameCandidates(tx, scope, match)
}

/** People whose names may answer the folded words, for the caller to rank. */
export async function findNameCandidates(tx: Tx, dialect: Dialect, scope: Scope, words: readonly string[]): Promise<FoundPerson[]> {
  const query = nameCandidatesQuery(tx, dialect, scope, words)
  if (query === null) return []
  // Local to this transaction: other work on the connection keeps pg_trgm's default. The
  // longest word's floor, the strictest: a person with a word typed wrong among several is
  // still found by the others, and a short word at its own floor would match too many.
  if (dialect === 'postgres') await sql`select set_config('pg_trgm.similarity_threshold', ${String(Math.max(...words.map((word) => similarityFloor([word]))))}, true)`.execute(tx)
  return (await tx.executeQuery(query.compile())).rows
}

/**
 * Everyone the caller may see, when they are few enough to compare each name with the query
 * directly — cheaper than any index search, and it misses no close spelling: the people of
 * the caller's teams' open involvements and of their live break-glass, when no sharing
 * agreement opens more (the conditions of personVisibleTo's agreement rule) and the teams'
 * involvements number at most `limit`. Null otherwise: the index is the way then.
 */
export async function everyoneInSmallScope(tx: Tx, scope: Scope, limit: number): Promise<FoundPerson[] | null> {
  const agreement = await tx
    .selectFrom('sharing_agreement')
    .innerJoin('sharing_agreement_party', 'sharing_agreement_party.agreement_id', 'sharing_agreement.id')
    .innerJoin('sharing_agreement_purpose', 'sharing_agreement_purpose.agreement_id', 'sharing_agreement.id')
    .select('sharing_agreement.id')
    .where('sharing_agreement_party.organisation_id', '=', scope.organisationId)
    .where('sharing_agreement_purpose.purpose', '=', scope.purpose)
    .where('sharing_agreement.starts_on', '<=', scope.today)
    .where((eb) => eb.or([eb('sharing_agreement.ends_on', 'is', null), eb('sharing_agreement.ends_on', '>=', scope.today)]))
    .limit(1)
    .executeTakeFirst()
  if (agreement) return null
  if (scope.teamIds.length > 0) {
    const involved = await tx.selectFrom('involvement').select((eb) => eb.fn.countAll<number>().as('count')).where('team_id', 'in', scope.teamIds).where('status', '=', 'open').executeTakeFirstOrThrow()
    if (Number(involved.count) > limit) return null
  }
  // One list of ids (a union, not an OR of two lists, which PostgreSQL can only answer by reading every person).
  return tx
    .selectFrom('person')
    .select(personColumns)
    .where((eb) => {
      const brokenGlass = eb.selectFrom('break_glass').select('break_glass.person_id').where('break_glass.user_id', '=', scope.userId).where('break_glass.expires_at', '>', scope.now)
      if (scope.teamIds.length === 0) return eb('person.id', 'in', brokenGlass)
      return eb('person.id', 'in', eb.selectFrom('involvement').select('involvement.person_id').where('involvement.team_id', 'in', scope.teamIds).where('involvement.status', '=', 'open').union(brokenGlass))
    })
    .where(searchable(scope))
    .orderBy('person.id')
    .execute()
}

export interface OtherName {
  person_id: string
  given_name: string
  family_name: string
}

/** The other names of people already found in scope: current aliases and the names of records merged into them. */
export async function otherNamesOf(tx: Tx, personIds: readonly string[]): Promise<OtherName[]> {
  if (personIds.length === 0) return []
  const [aliases, merged] = await Promise.all([
    tx.selectFrom('person_alias').select(['person_id', 'given_name', 'family_name']).where('person_id', 'in', personIds).where('removed_at', 'is', null).orderBy('id').execute(),
    tx
      .selectFrom('person')
      .select(['merged_into_id', 'given_name', 'family_name'])
      .where('merged_into_id', 'in', personIds)
      .orderBy('id')
      .execute(),
  ])
  return [...aliases, ...merged.map((row) => ({ person_id: row.merged_into_id as string, given_name: row.given_name, family_name: row.family_name }))]
}
