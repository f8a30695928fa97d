import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { createTestApp } from '../../../test/support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/support/dialects.ts'
import { isApiPath, openApiDocument } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { apiDocsPaths } from './paths.ts'

const exampleRoutes = defineRoutes([
  {
    method: 'POST',
    path: '/api/v1/examples/:exampleId/notes',
    capability: 'person:write',
    audit: 'person.change',
    handler: async () => ({}),
    api: {
      summary: 'Add a note to an example',
      tag: 'Examples',
      query: z.object({ draft: z.enum(['yes', 'no']).optional() }),
      body: z.object({ text: z.string().min(1) }),
      responses: { 201: { description: 'Added', body: z.object({ id: z.string() }) } },
    },
  },
  { method: 'GET', path: '/api/v1/examples', capability: 'public', audit: 'none', handler: async () => ({}), api: { summary: 'List examples', tag: 'Examples', responses: { 200: { description: 'The examples' } } } },
])

type Operation = {
  operationId: string
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } }
  responses: Record<string, { description: string }>
  security?: unknown[]
  'x-capability'?: string
  'x-audit-event'?: string
}

describe('OpenAPI document', () => {
  const document = openApiDocument(exampleRoutes, { title: 'T', version: '1', description: 'D' }) as { openapi: string; paths: Record<string, Record<string, Operation>> }

  it('is OpenAPI 3.1 with paths in template form and path parameters typed', () => {
    assert.equal(document.openapi, '3.1.0')
    const post = document.paths['/api/v1/examples/{exampleId}/notes']?.post
    assert.ok(post, 'the route is listed under its templated path')
    assert.deepEqual(post.parameters[0], { name: 'exampleId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } })
    assert.equal(post.operationId, 'postApiV1ExamplesExampleIdNotes')
  })

  it('takes the body and query from the same zod schemas the handler validates with', () => {
    const post = document.paths['/api/v1/examples/{exampleId}/notes']?.post
    assert.deepEqual(post?.requestBody?.content['application/json'].schema.required, ['text'])
    assert.deepEqual(post?.parameters[1], { name: 'draft', in: 'query', required: false, schema: { type: 'string', enum: ['yes', 'no'] } })
  })

  it('adds 401 and 403 to protected operations, names the capability and audit event, and marks public ones as needing no token', () => {
    const post = document.paths['/api/v1/examples/{exampleId}/notes']?.post
    assert.deepEqual(Object.keys(post?.responses ?? {}).sort(), ['201', '401', '403'])
    assert.equal(post?.['x-capability'], 'person:write')
    assert.equal(post?.['x-audit-event'], 'person.change')
    const list = document.paths['/api/v1/examples']?.get
    assert.deepEqual(list?.security, [])
    assert.deepEqual(Object.keys(list?.responses ?? {}), ['200'])
  })
})

describe('API documentation pages', () => {
  let database: TestDatabase
  let app: FastifyInstance
  before(async () => {
    database = await createTestDatabase('sqlite')
    ;({ app } = await createTestApp(database, { routes: exampleRoutes }))
  })
  after(async () => {
    await app.close()
    await database.drop()
  })

  it('describes every JSON API route of the product in the document at /api/docs/openapi.json', async () => {
    const response = await app.inject({ method: 'GET', url: apiDocsPaths.document() })
    assert.equal(response.statusCode, 200)
    const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths
    const apiRoutes = app.declaredRoutes.filter((route) => isApiPath(route.path))
    assert.ok(apiRoutes.length > 2, 'the product has API routes')
    const missing = apiRoutes.filter((route) => paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()] === undefined)
    assert.deepEqual(missing.map((route) => `${route.method} ${route.path}`), [])
  })

  it('lists the operations on a readable page', async () => {
    const response = await app.inject({ method: 'GET', url: apiDocsPaths.guide(), headers: { accept: 'text/html' } })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<caption[^>]*>\s*Examples\s*<\/caption>/)
    assert.match(response.body, /Add a note to an example/)
    assert.match(response.body, /<code>\/api\/v1\/examples\/:exampleId\/notes<\/code>/)
  })
})
