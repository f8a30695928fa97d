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
