import { path } from '../../platform/http/paths.ts'

export const peoplePaths = {
  list: path('/people'),
  person: path('/people/:personId'),
  breakGlass: path('/people/:personId/break-glass'),
  api: {
    person: path('/api/v1/people/:personId'),
  },
}
