import { path } from '../../platform/http/paths.ts'

export const personMergePaths = {
  /** GET: find the duplicate of this person (search or Pathways ID); POST merges the chosen duplicate into this person. */
  choose: path('/people/:personId/merge'),
  /** The two records side by side, and the form that merges them. */
  confirm: path('/people/:personId/merge/:duplicateId'),
  /** The records merged into this person, each reversible for a while. */
  merges: path('/people/:personId/merges'),
  reverse: path('/people/:personId/merges/:mergeId/reverse'),
}

/** The choose page with a search for the duplicate, on `page` (the first page has no page parameter). */
export function chooseWithSearch(personId: string, query: string, page = 1): string {
  const parameters = new URLSearchParams({ q: query })
  if (page > 1) parameters.set('page', String(page))
  return `${personMergePaths.choose({ personId })}?${parameters.toString()}`
}
