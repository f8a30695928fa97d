import { path } from '../../platform/http/paths.ts'

export const peoplePaths = {
  list: path('/people'),
  /** GET the form; POST creates the person (or shows possible matches first). */
  newPerson: path('/people/new'),
  person: path('/people/:personId'),
  history: path('/people/:personId/history'),
  breakGlass: path('/people/:personId/break-glass'),
  /** Each part of the record has its own page: GET shows it, POST changes it. */
  edit: {
    details: path('/people/:personId/details'),
    location: path('/people/:personId/location'),
    language: path('/people/:personId/language'),
    characteristics: path('/people/:personId/characteristics'),
    aliases: path('/people/:personId/aliases'),
    removeAlias: path('/people/:personId/aliases/:aliasId/remove'),
    identifiers: path('/people/:personId/identifiers'),
    endIdentifier: path('/people/:personId/identifiers/:identifierId/end'),
    needs: path('/people/:personId/needs'),
    endNeed: path('/people/:personId/needs/:needId/end'),
  },
  /** GET: which of the caller's teams starts work with the person; POST starts it. */
  newInvolvement: path('/people/:personId/involvements/new'),
  involvements: path('/people/:personId/involvements'),
  closeInvolvement: path('/people/:personId/involvements/:involvementId/close'),
  api: {
    people: path('/api/v1/people'),
    person: path('/api/v1/people/:personId'),
  },
}

/** A page of a paged list; the first page has no query. */
export function pageOf(list: string, page: number): string {
  return page > 1 ? `${list}?page=${page}` : list
}

/** The page number asked for in `?page=`; anything else is the first page. */
export function pageFrom(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,4}$/.test(page) ? Number(page) : 1
}
