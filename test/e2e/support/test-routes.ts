import { badRequest, forbidden } from '../../../src/platform/http/errors.ts'
import { path } from '../../../src/platform/http/paths.ts'
import { defineRoutes } from '../../../src/platform/http/routes.ts'

/** A message that must never reach the browser: the 500 page shows only the request id. */
export const secretErrorMessage = 'boom with secret detail'

/** Reasons given when refusing a request: logged, never shown. */
export const refusalReasons = {
  forbidden: 'e2e refusal: missing capability for this record',
  badRequest: 'e2e refusal: field "date" is malformed',
}

/** A path no route answers, for the 404 page. */
export const unknownPath = '/no-such-page-in-pathways'

/** Routes that exist only in the e2e app, to reach the error pages and to prove the checks can fail. */
export const e2ePaths = {
  forbidden: path('/e2e-only/forbidden'),
  badRequest: path('/e2e-only/bad-request'),
  serverError: path('/e2e-only/server-error'),
  brokenPage: path('/e2e-only/broken-page'),
}

/**
 * A page with an image without alt text, a stylesheet that does not exist and an inline
 * script without the CSP nonce: the harness must report all three.
 */
export const brokenPageHtml = `<!DOCTYPE html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <title>Broken page</title>
    <link rel="stylesheet" href="/assets/no-such-stylesheet.css">
  </head>
  <body>
    <main id="main-content">
      <h1>Broken page</h1>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <script>document.title = 'inline script ran'</script>
      <form method="post" action="/e2e-only/unprotected"><label for="note">Note</label><input id="note" name="note"><button>Send</button></form>
    </main>
  </body>
</html>`

export const e2eRoutes = defineRoutes([
  {
    method: 'GET',
    path: e2ePaths.forbidden.pattern,
    capability: 'public',
    audit: 'none',
    handler: async () => {
      throw forbidden(refusalReasons.forbidden)
    },
  },
  {
    method: 'GET',
    path: e2ePaths.badRequest.pattern,
    capability: 'public',
    audit: 'none',
    handler: async () => {
      throw badRequest(refusalReasons.badRequest)
    },
  },
  {
    method: 'GET',
    path: e2ePaths.serverError.pattern,
    capability: 'public',
    audit: 'none',
    handler: async () => {
      throw new Error(secretErrorMessage)
    },
  },
  {
    method: 'GET',
    path: e2ePaths.brokenPage.pattern,
    capability: 'public',
    audit: 'none',
    handler: async (_request, reply) => reply.type('text/html; charset=utf-8').send(brokenPageHtml),
  },
])
