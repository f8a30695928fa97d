import { path } from '../../platform/http/paths.ts'

export const caseNotesPaths = {
  list: path('/cases/:allocationId/notes'),
}
