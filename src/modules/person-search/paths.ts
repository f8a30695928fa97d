import { path } from '../../platform/http/paths.ts'

export const personSearchPaths = {
  /** GET with `q` (and `page`): the people in the caller's scope that match. */
  search: path('/people/search'),
  api: {
    search: path('/api/v1/people/search'),
  },
}

/** The search page for `query`, on `page` (the first page has no page parameter). */
export function searchPageFor(query: string, page = 1): string {
  const parameters = new URLSearchParams({ q: query })
  if (page > 1) parameters.set('page', String(page))
  return `${personSearchPaths.search()}?${parameters.toString()}`
}
