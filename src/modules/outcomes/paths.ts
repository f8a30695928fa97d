import { path } from '../../platform/http/paths.ts'

export const outcomesPaths = {
  list: path('/cases/:allocationId/outcomes'),
  /** GET the form for one instrument (e.g. core-10); POST records a completed measure. */
  record: path('/cases/:allocationId/outcomes/:instrumentKey/new'),
  api: {
    measurements: path('/api/v1/cases/:allocationId/measurements'),
  },
}
