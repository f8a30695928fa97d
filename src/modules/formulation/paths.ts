import { path } from '../../platform/http/paths.ts'

export const formulationPaths = {
  formulation: path('/cases/:allocationId/formulation'),
  plan: path('/cases/:allocationId/plan'),
}
