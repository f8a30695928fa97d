import { path } from '../../platform/http/paths.ts'

export const forumPaths = {
  home: path('/forum'),
  moderation: path('/forum/moderation'),
}
