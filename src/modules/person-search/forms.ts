import { z } from 'zod'
import { identifierKinds } from '../../platform/db/schema.ts'
import { queryProblems } from './rules.ts'

/** The page number asked for in `?page=`; anything that is not one is the first page. */
export function requestedPage(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,4}$/.test(page) ? Number(page) : 1
}

/** What was typed in the search box, or undefined when the page was opened without a search. A repeated `q` is read as its first value. */
export function typedQuery(query: unknown): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.q
  const first: unknown = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}

/** The API's query string, for the OpenAPI document; the handler reads it with typedQuery and requestedPage. */
export const searchApiQuery = z.object({
  q: z.string().describe('A name, an NHS number, PNC ID, prison number or CRN, a date of birth, or a name and a date of birth.'),
  page: z.string().regex(/^[1-9]\d{0,4}$/).optional().describe('The page of results, 20 to a page; the first by default.'),
})

export const searchApiResponse = z.object({
  kind: z.enum(['identifier', 'date_of_birth', 'name', 'name_and_date_of_birth']),
  page: z.number().int(),
  total: z.number().int(),
  hasNext: z.boolean(),
  limited: z.boolean().describe('More people may match than were ranked; narrow the search with a date of birth or a fuller name.'),
  results: z.array(
    z.object({
      personId: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.iso.date(),
      matchedOn: z.enum(['identifier', 'name', 'alias', 'date_of_birth']),
      aliasName: z.string().optional(),
      identifiers: z.array(z.object({ kind: z.enum(identifierKinds), value: z.string(), current: z.boolean() })).optional(),
    }),
  ),
})

export const searchApiProblem = z.object({ error: z.literal('invalid_query'), problem: z.enum(queryProblems), message: z.string() })
