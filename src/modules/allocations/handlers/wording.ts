import type { Content } from '../../../platform/content/content.ts'
import { labelOf } from '../../../platform/content/code-lists.ts'
import { pageSize } from '../repository.ts'
import { daysSince, freePlaces, waitingTime } from '../rules.ts'

/*
 * The words and links the allocation pages share: how long someone has waited, places in
 * an element, urgency names and the pagination of server-paged lists.
 */

/** "3 days", "1 week": how long since `since`. */
export function waitedInWords(content: Content, since: string | null, now: Date): string {
  if (since === null) return ''
  const { unit, count } = waitingTime(daysSince(since, now))
  return content.t(`allocations.waited.${unit}${count === 1 ? '' : 's'}`, { count })
}

/** "2 of 30 places free", "No free places (30 places)" or "No limit on places". */
export function placesInWords(content: Content, element: { capacity: number | null; taken: number }): string {
  const free = freePlaces(element.capacity, element.taken)
  if (free === null || element.capacity === null) return content.t('allocations.places.unlimited')
  if (free === 0) return content.t('allocations.places.full', { capacity: element.capacity })
  return content.t('allocations.places.free', { free, capacity: element.capacity })
}

/** The name of an urgency code (the "urgency" code list). */
export function urgencyName(code: string): string {
  return labelOf('urgency', code)
}

export interface Pagination {
  previous?: { href: string }
  next?: { href: string }
  /** "Showing 26 to 50 of 73". */
  summary: string
}

/** Previous and next links of a server-paged list, and where this page sits in it. */
export function pagination(content: Content, page: number, shown: number, total: number, href: (page: number) => string): Pagination {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page * pageSize < total ? { next: { href: href(page + 1) } } : {}),
    summary: content.t('allocations.list.showing', { from, to: from === 0 ? 0 : from + shown - 1, total }),
  }
}


/** A person in a list: their name, or the words for a record the caller may not open. */
export function listedPerson(content: Content, person: { given_name: string | null; family_name: string | null }): { name: string; visible: boolean } {
  return person.given_name === null || person.family_name === null ? { name: content.t('allocations.list.restrictedPerson'), visible: false } : { name: `${person.given_name} ${person.family_name}`, visible: true }
}

/** The name of an ending (completed, ended early, transferred) as the end form offers it. */
export function statusName(content: Content, status: string): string {
  return content.t(`allocations.end.outcomes.${status}`)
}

/** The name of a reason code for an ending, from the code list of that ending's reasons ("ended_early_reason"). */
export function reasonName(status: string, code: string): string {
  return labelOf(`${status}_reason`, code)
}
