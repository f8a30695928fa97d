import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sitePaths } from '../../modules/site/index.ts'
import { createTestApp, type LogCapture } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { formBody, postForm, visitSignIn } from '../../../test/support/sessions.ts'
import { openDatabase } from '../db/database.ts'
import { badRequest, forbidden } from './errors.ts'
import { defineRoutes } from './routes.ts'

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

const failingRoutes = defineRoutes([
  { method: 'GET', path: '/test/forbidden', capability: 'public', audit: 'none', handler: async () => { throw forbidden() } },
  { method: 'GET', path: '/test/bad-request', capability: 'public', audit: 'none', handler: async () => { throw badRequest() } },
  { method: 'GET', path: '/test/broken', capability: 'public', audit: 'none', handler: async () => { throw new Error('boom: secret detail of Ann Example') } },
  { method: 'POST', path: '/test/form', capability: 'public', audit: 'none', handler: async (request) => ({ received: request.body }) },
])

describeEachDialect('web shell', (database) => {
  let app: FastifyInstance
  let logs: LogCapture

  before(async () => {
    ;({ app, logs } = await createTestApp(database(), { routes: failingRoutes }))
  })
  after(() => app.close())

  it('serves the home page inside the GOV.UK layout', async () => {
    const response = await app.inject({ method: 'GET', url: sitePaths.home() })
    assert.equal(response.statusCode, 200)
    assert.match(response.headers['content-type'] as string, /^text\/html/)
    assert.match(response.body, /<a href="#main-content" class="govuk-skip-link"/)
    assert.match(response.body, /<main class="govuk-main-wrapper" id="main-content"/)
    assert.match(response.body, /govuk-phase-banner/)
    assert.match(response.body, /<title>Home – Pathways<\/title>/)
    for (const page of [sitePaths.accessibility(), sitePaths.privacy(), sitePaths.cookies()]) {
      assert.ok(response.body.includes(`href="${page}"`), `footer links to ${page}`)
    }
  })

  it('counts the partnership from the database on the home page', async () => {
    const { db } = database().handle
    const organisations = await db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const response = await app.inject({ method: 'GET', url: sitePaths.home() })
    assert.match(response.body, new RegExp(`holds ${organisations.n} partner organisations`))
  })

  for (const [page, heading] of [
    [sitePaths.accessibility(), 'Accessibility statement'],
    [sitePaths.privacy(), 'Privacy notice'],
    [sitePaths.cookies(), 'Cookies'],
  ] as const) {
    it(`serves ${page} with its heading and sections`, async () => {
      const response = await app.inject({ method: 'GET', url: page })
      assert.equal(response.statusCode, 200)
      assert.match(response.body, new RegExp(`<h1 class="govuk-heading-xl">${heading}</h1>`))
      assert.ok((response.body.match(/<h2 class="govuk-heading-m">/g) ?? []).length >= 2)
    })
  }

  it('sends the security headers, with a CSP nonce that matches the inline script', async () => {
    const response = await app.inject({ method: 'GET', url: sitePaths.home() })
    const csp = response.headers['content-security-policy'] as string
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.match(csp, /default-src 'self'/)
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce)
    assert.ok(response.body.includes(`<script nonce="${nonce}">`))
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['referrer-policy'], 'same-origin')
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain http')
    const second = await app.inject({ method: 'GET', url: sitePaths.home() })
    assert.notEqual(second.headers['content-security-policy'], csp, 'a new nonce per response')
  })

  it('shows GOV.UK-style error pages with the request id and without the error or a stack trace', async () => {
    for (const [url, status, title] of [
      ['/no/such/page', 404, 'Page not found'],
      ['/test/forbidden', 403, 'You do not have permission to see this page'],
      ['/test/bad-request', 400, 'Sorry, there is a problem with that request'],
      ['/test/broken', 500, 'Sorry, there is a problem with the service'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url })
      assert.equal(response.statusCode, status, url)
      assert.ok(response.body.includes(`<h1 class="govuk-heading-l">${title}</h1>`), `${url} title`)
      const requestId = uuid.exec(response.body)?.[0]
      assert.ok(requestId, `${url} shows a request id`)
      assert.ok(logs.lines.some((line) => line.requestId === requestId), `${url}: the id shown is the one logged`)
      assert.doesNotMatch(response.body, /boom|secret detail|at .*\.ts:\d+/)
    }
  })

  it('logs a failure with its stack for operators, and the page stays generic', async () => {
    await app.inject({ method: 'GET', url: '/test/broken' })
    const failure = logs.lines.findLast((line) => line.msg === 'request failed')
    assert.ok(failure)
    assert.match(JSON.stringify(failure.err), /boom/)
  })

  it('answers a malformed form post with the 400 page', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/form', headers: { 'content-type': 'application/json' }, payload: '{"unterminated' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Sorry, there is a problem with that request/)
  })

  it('reads urlencoded forms that carry the session\'s CSRF token', async () => {
    const visitor = await visitSignIn(app)
    const response = await postForm(app, visitor, '/test/form', { name: 'Ann', age: '40' })
    assert.deepEqual(response.json(), { received: { _csrf: visitor.csrf, name: 'Ann', age: '40' } })
  })

  it('refuses an unsafe request without the CSRF token, or with another session\'s, with the 403 page', async () => {
    const visitor = await visitSignIn(app)
    const other = await visitSignIn(app)
    const withoutToken = await app.inject({ method: 'POST', url: '/test/form', headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=Ann' })
    assert.equal(withoutToken.statusCode, 403)
    assert.match(withoutToken.body, /You do not have permission to see this page/)
    const crossed = await postForm(app, { cookie: visitor.cookie, csrf: other.csrf }, '/test/form', { name: 'Ann' })
    assert.equal(crossed.statusCode, 403)
    const noSession = await app.inject({ method: 'POST', url: '/test/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: visitor.csrf }) })
    assert.equal(noSession.statusCode, 403)
  })

  it('logs one line per request with route and status, and no query string, cookie or body', async () => {
    const visitor = await visitSignIn(app)
    await app.inject({
      method: 'POST',
      url: '/test/form?surname=Teacup',
      headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: visitor.csrf, dateOfBirth: '1980-01-01' }),
    })
    const line = logs.lines.findLast((entry) => entry.msg === 'request completed')
    assert.ok(line)
    assert.equal(line.route, '/test/form')
    assert.equal(line.statusCode, 200)
    assert.match(String(line.requestId), uuid)
    assert.doesNotMatch(logs.text, /Teacup|1980-01-01/)
    assert.ok(!logs.text.includes(visitor.cookie.split('=')[1] ?? 'no cookie'), 'the session cookie is not logged')
    assert.ok(!logs.text.includes(visitor.csrf), 'the CSRF token is not logged')
  })

  it('reports liveness and readiness as JSON', async () => {
    const live = await app.inject({ method: 'GET', url: '/health' })
    assert.deepEqual(live.json(), { status: 'ok' })
    const ready = await app.inject({ method: 'GET', url: '/health/ready' })
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json(), { status: 'ok', checks: { database: 'ok' } })
  })

  it('answers JSON errors on JSON endpoints', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/nope' })
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.status, 404)
  })

  it('serves Prometheus metrics including request durations by route pattern', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /http_request_duration_seconds_count\{method="GET",route="\/",status_code="200"\} \d+/)
    assert.match(response.body, /process_resident_memory_bytes/)
  })

  it('serves fingerprinted assets with long cache headers, and 404 for anything else', async () => {
    const home = await app.inject({ method: 'GET', url: sitePaths.home() })
    const stylesheet = /href="(\/assets\/application\.[0-9a-f]{12}\.css)"/.exec(home.body)?.[1]
    const script = /src="(\/assets\/application\.[0-9a-f]{12}\.js)"/.exec(home.body)?.[1]
    assert.ok(stylesheet && script)
    const css = await app.inject({ method: 'GET', url: stylesheet })
    assert.equal(css.statusCode, 200)
    assert.match(css.headers['content-type'] as string, /^text\/css/)
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.match(css.body, /govuk-template/)
    assert.doesNotMatch(css.body, /GDS Transport/, 'the GOV.UK-only font is not used')
    const cached = await app.inject({ method: 'GET', url: stylesheet, headers: { 'if-none-match': css.headers.etag as string } })
    assert.equal(cached.statusCode, 304)
    const js = await app.inject({ method: 'GET', url: script })
    assert.match(js.headers['content-type'] as string, /javascript/)
    assert.equal((await app.inject({ method: 'GET', url: '/assets/application.css' })).statusCode, 404)
    assert.equal((await app.inject({ method: 'GET', url: '/assets/../package.json' })).statusCode, 404)
  })

  it('says the database is unavailable when it is', async () => {
    const closed = await openDatabase(database().config)
    await closed.close()
    const unreachable = await createTestApp({ ...database(), handle: closed }, { routes: [] })
    try {
      const ready = await unreachable.app.inject({ method: 'GET', url: '/health/ready' })
      assert.equal(ready.statusCode, 503)
      assert.deepEqual(ready.json(), { status: 'unavailable', checks: { database: 'unavailable' } })
    } finally {
      await unreachable.app.close()
    }
  })

  it('sends HSTS when the service is reached over https', async () => {
    const secure = await createTestApp(database(), { env: { BASE_URL: 'https://pathways.example.org' } })
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/health' })
      assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains')
    } finally {
      await secure.app.close()
    }
  })

  it('has no metrics endpoint when metrics are switched off', async () => {
    const quiet = await createTestApp(database(), { env: { METRICS_ENABLED: 'false' } })
    try {
      assert.equal((await quiet.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404)
    } finally {
      await quiet.app.close()
    }
  })
})
