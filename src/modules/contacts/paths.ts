import { path } from '../../platform/http/paths.ts'

export const contactsPaths = {
  list: path('/cases/:allocationId/contacts'),
}
