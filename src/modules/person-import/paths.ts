import { path } from '../../platform/http/paths.ts'

export const personImportPaths = {
  /** The upload form; POST imports the file. */
  importPeople: path('/people/import'),
  /** What became of one import: how many people, or its rejected rows. */
  importResult: path('/people/import/:importId'),
  rejectedRows: path('/people/import/:importId/rejected-rows.csv'),
}

/** One page of an import's rejected rows; the first page has no query. */
export function importResultPage(importId: string, page: number): string {
  const result = personImportPaths.importResult({ importId })
  return page > 1 ? `${result}?page=${page}` : result
}

/** The routes that take an uploaded file (platform/files refuses files anywhere else). */
export const personImportUploadRoutes: readonly string[] = [personImportPaths.importPeople.pattern]
