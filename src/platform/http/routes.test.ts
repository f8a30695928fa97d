import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/support/dialects.ts'
import { auditEvents } from '../audit/events.ts'
import { capabilities } from '../auth/capabilities.ts'
import { defineRoutes, guardRouteRegistration, registerRoutes, RouteDeclarationError, type RouteDeclaration } from './routes.ts'

const handler = async () => 'ok'

describe('defineRoutes', () => {
  const complete = { method: 'GET', path: '/x', capability: 'public', audit: 'none', handler } as const
  const incomplete: Array<[string, Partial<RouteDeclaration>]> = [
    ['no capability', { ...complete, capability: undefined }],
    ['an unknown capability', { ...complete, capability: 'everything' as never }],
    ['no audit event', { ...complete, audit: undefined }],
    ['an unknown audit event', { ...complete, audit: 'person.peek' as never }],
    ['no handler', { ...complete, handler: undefined }],
    ['no method', { ...complete, method: undefined }],
    ['a relative path', { ...complete, path: 'x' }],
    ['an API path but no API description', { ...complete, path: '/api/v1/x' }],
  ]
  for (const [what, route] of incomplete) {
    it(`refuses a route with ${what}`, () => {
      assert.throws(() => defineRoutes([route]), RouteDeclarationError)
    })
  }

  it('accepts a complete declaration', () => {
    assert.equal(defineRoutes([complete]).length, 1)
    assert.equal(defineRoutes([{ ...complete, path: '/api/v1/x', api: { summary: 'X', tag: 'X', responses: { 200: { description: 'X' } } } }]).length, 1)
  })
})

describe('route registration guard', () => {
  it('makes the app fail to start when a route bypasses registerRoutes', async () => {
    const app = Fastify()
    guardRouteRegistration(app)
    assert.throws(() => app.get('/sneaky', handler), RouteDeclarationError)
    registerRoutes(app, defineRoutes([{ method: 'GET', path: '/declared', capability: 'public', audit: 'none', handler }]))
    assert.deepEqual(app.declaredRoutes.map((route) => route.path), ['/declared'])
    await app.close()
  })
})

describe('the route table of the whole app', () => {
  let database: TestDatabase
  let app: FastifyInstance
  const restricted = defineRoutes([{ method: 'GET', path: '/test/restricted', capability: 'person:read', audit: 'person.view', handler }])

  before(async () => {
    database = await createTestDatabase('sqlite')
    app = (await createTestApp(database, { routes: restricted })).app
  })
  after(async () => {
    await app.close()
    await database.drop()
  })

  it('declares a capability and an audit event for every route', () => {
    assert.ok(app.declaredRoutes.length >= 8)
    for (const route of app.declaredRoutes) {
      const where = `${route.method} ${route.path}`
      assert.ok(route.capability === 'public' || (capabilities as readonly string[]).includes(route.capability), `${where} capability`)
      assert.ok(route.audit === 'none' || (auditEvents as readonly string[]).includes(route.audit), `${where} audit`)
    }
  })

  it('keeps person-level audit events off public routes', () => {
    const publicWithAudit = app.declaredRoutes.filter((route) => route.capability === 'public' && route.audit !== 'none')
    assert.deepEqual(publicWithAudit, [])
  })

  it('registers every declared route with Fastify', () => {
    for (const route of app.declaredRoutes) assert.ok(app.hasRoute({ method: route.method, url: route.path }), `${route.method} ${route.path}`)
  })

  it('sends an anonymous caller of a capability route to sign in, running no handler', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/restricted' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Ftest%2Frestricted')
    assert.notEqual(response.body, 'ok')
  })

  it('answers an anonymous API call with 401 JSON rather than a redirect', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/restricted', headers: { accept: 'application/json' } })
    assert.equal(response.statusCode, 401)
    assert.equal(response.json().error.status, 401)
  })
})
