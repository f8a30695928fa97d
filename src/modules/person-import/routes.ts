import { defineRoutes } from '../../platform/http/routes.ts'
import { downloadRejectedRows } from './handlers/download-rejected-rows.ts'
import { showImportForm, uploadImport } from './handlers/upload-import.ts'
import { showImportResult } from './handlers/show-import-result.ts'
import { personImportPaths as paths } from './paths.ts'

/** Cohort import: a CSV of people, checked whole, then imported whole or not at all. */
export const personImportRoutes = defineRoutes([
  { method: 'GET', path: paths.importPeople.pattern, capability: 'person:import', audit: 'none', handler: showImportForm },
  { method: 'POST', path: paths.importPeople.pattern, capability: 'person:import', audit: 'person-import.import', handler: uploadImport },
  { method: 'GET', path: paths.importResult.pattern, capability: 'person:import', audit: 'person-import.view', handler: showImportResult },
  { method: 'GET', path: paths.rejectedRows.pattern, capability: 'person:import', audit: 'person-import.download', handler: downloadRejectedRows },
])
