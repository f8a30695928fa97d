import { path } from '../../platform/http/paths.ts'

export const riskPlansPaths = {
  current: path('/cases/:allocationId/risk'),
}
