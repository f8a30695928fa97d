import { path } from '../../platform/http/paths.ts'

export const auditReviewPaths = {
  events: path('/audit'),
  /** The same filters as the events page, as a CSV download. */
  export: path('/audit/export.csv'),
}

/** A path with a query string; `query` holds only the parameters that are set. */
export function withQuery(url: string, query: URLSearchParams): string {
  const text = query.toString()
  return text ? `${url}?${text}` : url
}
