// Server-side paging and sorting of lists, as links (ARCHITECTURE "Pages": long lists paginate
// on the server, tables sort on the server). Pure, so pages and their tests agree.

export type Order = 'asc' | 'desc'

/** The GOV.UK pagination component's parameters for a server-paged list. */
export interface PaginationLinks {
  previous?: { href: string }
  next?: { href: string }
  items: Array<{ number: string; href: string; current: boolean } | { ellipsis: true }>
}

/** The page asked for in `?page=`; anything that is not a page number is the first page. */
export function requestedPage(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1
}

/** How many pages `total` rows fill; at least one, so an empty list still has its page. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size))
}

/**
 * Links to the first, previous, current, next and last pages with gaps between them, as
 * the GOV.UK pattern suggests for long lists; null when everything fits on one page.
 */
export function paginationLinks(current: number, pages: number, href: (page: number) => string): PaginationLinks | null {
  if (pages <= 1) return null
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((page) => page >= 1 && page <= pages).sort((a, b) => a - b)
  const items: PaginationLinks['items'] = []
  shown.forEach((page, index) => {
    const before = shown[index - 1]
    if (before !== undefined && page - before > 1) items.push({ ellipsis: true })
    items.push({ number: String(page), href: href(page), current: page === current })
  })
  return {
    ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
    ...(current < pages ? { next: { href: href(current + 1) } } : {}),
    items,
  }
}

/** A sortable column heading: the link that sorts by it, and what a screen reader announces of the sort. */
export interface SortHeading {
  text: string
  href: string
  ariaSort: 'ascending' | 'descending' | 'none'
}

/**
 * The heading of a sortable column: the sorted column links to the other order; any other
 * column links to its own first order (newest first for dates, A to Z for names).
 */
export function sortHeading<Sort extends string>(text: string, column: Sort, current: { sort: Sort; order: Order }, firstOrder: Order, href: (sort: Sort, order: Order) => string): SortHeading {
  if (current.sort !== column) return { text, href: href(column, firstOrder), ariaSort: 'none' }
  return { text, href: href(column, current.order === 'asc' ? 'desc' : 'asc'), ariaSort: current.order === 'asc' ? 'ascending' : 'descending' }
}
