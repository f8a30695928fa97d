import { path } from '../../platform/http/paths.ts'

export const outcomesPaths = {
  list: path('/cases/:allocationId/outcomes'),
}
