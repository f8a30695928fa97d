import { defineRoutes } from '../../platform/http/routes.ts'
import { downloadPeopleByEthnicity } from './handlers/download-people-by-ethnicity.ts'
import { showPeopleByEthnicity } from './handlers/show-people-by-ethnicity.ts'
import { reportsPaths as paths } from './paths.ts'

/** Aggregate figures for service managers and analysts: counts with small numbers hidden, never a person. */
export const reportsRoutes = defineRoutes([
  { method: 'GET', path: paths.peopleByEthnicity.pattern, capability: 'report:aggregate', audit: 'report.view', handler: showPeopleByEthnicity },
  { method: 'GET', path: paths.peopleByEthnicityCsv.pattern, capability: 'report:aggregate', audit: 'report.export', handler: downloadPeopleByEthnicity },
])
