import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { labelOf } from '../../../platform/content/code-lists.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError, parseForm, type FieldError } from '../../../platform/http/forms.ts'
import { searchPeople, type PersonSearch } from '../../person-search/index.ts'
import { duplicateLookupForm } from '../forms.ts'
import { chooseWithSearch, personMergePaths } from '../paths.ts'
import { findVisiblePerson } from '../repository.ts'
import { idParam } from './params.ts'

type ChooseQuery = { q?: unknown; page?: unknown; duplicateId?: unknown }

function pageOf(query: ChooseQuery): number {
  return typeof query.page === 'string' && /^[1-9]\d{0,4}$/.test(query.page) ? Number(query.page) : 1
}

interface Problems {
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/**
 * Finding the duplicate of the person being kept: a search among the people in the
 * caller's scope (person search, the same scope and rules), or the record's Pathways ID.
 * One audit row for the page: the person read, and how many were found.
 */
export async function chooseDuplicate(request: FastifyRequest<{ Querystring: ChooseQuery }>, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  const { content, database } = request.server
  const query = request.query ?? {}
  let lookupProblems: Problems | undefined
  if (query.duplicateId !== undefined) {
    const lookup = parseForm(duplicateLookupForm, query, content)
    if (lookup.ok) return reply.redirect(personMergePaths.confirm({ personId, duplicateId: lookup.value.duplicateId }), 303)
    lookupProblems = lookup
  }
  const typed = typeof query.q === 'string' ? query.q : undefined
  const page = pageOf(query)
  const found = await inTransaction(database.db, async (tx) => {
    const survivor = await findVisiblePerson(tx, request.scope!, personId)
    if (!survivor) {
      await auditRequest(tx, request, { action: 'person.merge.view', outcome: 'denied', personId })
      return null
    }
    const search: PersonSearch | undefined = typed === undefined ? undefined : await searchPeople(tx, database.dialect, request.scope!, typed, page)
    await auditRequest(tx, request, { action: 'person.merge.view', outcome: 'allowed', personId, recordType: 'person', recordId: personId, details: search?.ok ? { kind: search.kind, page, shown: search.results.length } : {} })
    return { survivor, search }
  })
  if (!found) throw notFound()
  const { survivor, search } = found
  const searchProblems = search && !search.ok ? formError('q', content.t(`personSearch.errors.${search.problem}`)) : undefined
  const problems = lookupProblems ?? searchProblems
  return reply.code(problems ? 400 : 200).view('person-merge/views/choose.njk', {
    survivor: { ...survivor, sexLabel: labelOf('sex', survivor.sex) },
    values: { q: typed, duplicateId: query.duplicateId },
    search: search?.ok ? search : undefined,
    previous: search?.ok && search.page > 1 && typed !== undefined ? chooseWithSearch(personId, typed, search.page - 1) : undefined,
    next: search?.ok && search.hasNext && typed !== undefined ? chooseWithSearch(personId, typed, search.page + 1) : undefined,
    ...problems,
  })
}
