import { caseNotesPaths } from './paths.ts'

export { caseNotesPaths } from './paths.ts'
export { caseNotesRoutes } from './routes.ts'
export { healthOnlyNoteTypes, isHealthOnlyType } from './rules.ts'

/** Route patterns that take an uploaded file (a note's attachment). */
export const caseNotesUploadRoutes: readonly string[] = [caseNotesPaths.newNote.pattern]
