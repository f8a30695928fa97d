import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { openApiDocument } from '../../../platform/http/openapi.ts'
import { describedOperations } from '../rules.ts'

// Routes are fixed once the app is built, so each app's document is made once.
const documents = new WeakMap<FastifyInstance, Record<string, unknown>>()

function documentFor(app: FastifyInstance): Record<string, unknown> {
  let document = documents.get(app)
  if (!document) {
    document = openApiDocument(app.declaredRoutes, {
      title: app.content.t('apiDocs.title'),
      version: '1',
      description: app.content.t('apiDocs.description'),
    })
    documents.set(app, document)
  }
  return document
}

export async function showOpenApiDocument(request: FastifyRequest, reply: FastifyReply) {
  return reply.header('cache-control', 'public, max-age=300').send(documentFor(request.server))
}

export async function showApiGuide(request: FastifyRequest, reply: FastifyReply) {
  return reply.view('api-docs/views/api-docs.njk', { groups: describedOperations(request.server.declaredRoutes) })
}
