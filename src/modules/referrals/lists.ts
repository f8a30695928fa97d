// How the referral lists sort and page, as links: pure, so that the pages and their tests agree.

export type Order = 'asc' | 'desc'

/** A column heading: a link that sorts by it, and what a screen reader announces of the sort. */
export interface Heading {
  text: string
  href?: string
  ariaSort?: 'ascending' | 'descending' | 'none'
}

/**
 * The heading of a sortable column: the sorted column links to the other order; any other
 * column links to its own first order (newest first for dates, A to Z for names).
 */
export function sortHeading<Sort extends string>(text: string, column: Sort, current: { sort: Sort; order: Order }, firstOrder: Order, href: (sort: Sort, order: Order) => string): Heading {
  if (current.sort !== column) return { text, href: href(column, firstOrder), ariaSort: 'none' }
  return { text, href: href(column, current.order === 'asc' ? 'desc' : 'asc'), ariaSort: current.order === 'asc' ? 'ascending' : 'descending' }
}

/** The GOV.UK pagination component's parameters for a server-paged list. */
export interface Pagination {
  previous?: { href: string }
  next?: { href: string }
  items: Array<{ number: string; href: string; current: boolean } | { ellipsis: true }>
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size))
}

/** Links to the first, previous, current, next and last pages with gaps between; null when one page holds everything. */
export function pagination(current: number, pages: number, href: (page: number) => string): Pagination | null {
  if (pages <= 1) return null
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((page) => page >= 1 && page <= pages).sort((a, b) => a - b)
  const items: Pagination['items'] = []
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
