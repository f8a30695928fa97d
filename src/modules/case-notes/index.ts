export { caseNotesPaths } from './paths.ts'
export { caseNotesRoutes } from './routes.ts'
