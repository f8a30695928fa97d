export { caseNotesPaths } from './paths.ts'
export { caseNotesRoutes } from './routes.ts'

/** Route patterns that take an uploaded file (a note's attachment). */
export const caseNotesUploadRoutes: readonly string[] = []
