import { path } from '../../platform/http/paths.ts'

export const ssoPaths = {
  /** Sends the browser to the organisation's identity provider. */
  start: path('/sign-in/sso'),
  /** Where the provider sends the browser back (register it as the client's redirect URI). */
  callback: path('/sign-in/sso/callback'),
}
