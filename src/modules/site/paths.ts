import { path } from '../../platform/http/paths.ts'

export const sitePaths = {
  home: path('/'),
  accessibility: path('/accessibility-statement'),
  privacy: path('/privacy-notice'),
  cookies: path('/cookies'),
}
