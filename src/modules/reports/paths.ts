import { path } from '../../platform/http/paths.ts'

export const reportsPaths = {
  peopleByEthnicity: path('/reports/people-by-ethnicity'),
  /** The same table as a CSV download. */
  peopleByEthnicityCsv: path('/reports/people-by-ethnicity.csv'),
}
