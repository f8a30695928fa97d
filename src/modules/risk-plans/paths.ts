import { path } from '../../platform/http/paths.ts'

/** The risk section of a case: the latest plan, each earlier version, and the form for a new version. */
export const riskPlansPaths = {
  current: path('/cases/:allocationId/risk'),
  version: path('/cases/:allocationId/risk/versions/:riskPlanId'),
  /** GET the form, pre-filled from the latest version; POST saves a new version. */
  newVersion: path('/cases/:allocationId/risk/new'),
  api: {
    riskPlans: path('/api/v1/cases/:allocationId/risk-plans'),
  },
}
