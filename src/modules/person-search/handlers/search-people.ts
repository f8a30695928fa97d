import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import type { Content } from '../../../platform/content/content.ts'
import { labelOf } from '../../../platform/content/code-lists.ts'
import { formError } from '../../../platform/http/forms.ts'
import { requestedPage, typedQuery } from '../forms.ts'
import { searchPageFor } from '../paths.ts'
import { searchPeople, type PersonSearch, type PersonSearchResult } from '../search.ts'

const template = 'person-search/views/search.njk'

/**
 * Runs the search with its audit row in the same transaction. The row records what kind
 * of search it was and how many people were shown — never the words typed, which may be
 * a name or an identifier.
 */
async function audited(request: FastifyRequest, typed: string): Promise<PersonSearch> {
  const page = requestedPage(request.query)
  return inTransaction(request.server.database.db, async (tx) => {
    const found = await searchPeople(tx, request.server.database.dialect, request.scope!, typed, page)
    if (found.ok) await auditRequest(tx, request, { action: 'person.search', outcome: 'allowed', details: { kind: found.kind, page, shown: found.results.length, total: found.total } })
    return found
  })
}

const problemKey = (problem: string) => `personSearch.errors.${problem}`

/** What the person was found by, in words: the alias or identifiers that matched, or just "Name". */
function matchedText(content: Content, result: PersonSearchResult): string {
  if (result.matchedOn === 'alias') return content.t('personSearch.matchedOn.alias', { name: result.aliasName ?? '' })
  if (result.matchedOn !== 'identifier') return content.t(`personSearch.matchedOn.${result.matchedOn}`)
  return (result.identifiers ?? [])
    .map(({ kind, value, current }) => content.t(current ? 'personSearch.matchedOn.identifier' : 'personSearch.matchedOn.endedIdentifier', { kind: labelOf('identifier_kind', kind), value }))
    .join('; ')
}

/** The search page: the form alone, or the form with a page of results (or what to fix). */
export async function showSearch(request: FastifyRequest, reply: FastifyReply) {
  const typed = typedQuery(request.query)
  if (typed === undefined) return reply.view(template, { values: {} })
  const found = await audited(request, typed)
  if (!found.ok) return reply.code(400).view(template, { values: { q: typed }, ...formError('q', request.server.content.t(problemKey(found.problem))) })
  return reply.view(template, {
    values: { q: typed },
    search: found,
    rows: found.results.map((result) => ({ ...result, matched: matchedText(request.server.content, result) })),
    previous: found.page > 1 ? searchPageFor(typed, found.page - 1) : undefined,
    next: found.hasNext ? searchPageFor(typed, found.page + 1) : undefined,
  })
}

/** The same search for API clients (bearer tokens), with the same scope and audit. */
export async function searchForApi(request: FastifyRequest, reply: FastifyReply) {
  const found = await audited(request, typedQuery(request.query) ?? '')
  if (!found.ok) return reply.code(400).send({ error: 'invalid_query', problem: found.problem, message: request.server.content.t(problemKey(found.problem)) })
  const { kind, page, total, hasNext, limited, results } = found
  return reply.send({ kind, page, total, hasNext, limited, results })
}
