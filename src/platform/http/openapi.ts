import { z, type ZodType } from 'zod'
import type { RouteDeclaration } from './routes.ts'

/**
 * What an API route says about itself for the OpenAPI 3.1 document at /api/docs. Bodies
 * and queries are the same zod schemas the handlers validate with, so the document cannot
 * drift from what the server accepts.
 */
export interface ApiDescription {
  summary: string
  /** Groups operations in the document, e.g. "People". */
  tag: string
  query?: ZodType
  body?: ZodType
  /** At least the success response; 401/403 are added for every non-public route. */
  responses: Record<number, { description: string; body?: ZodType }>
}

/** The body of a 422 (or 409 on a stale version): each problem names the field in the API's own words. */
export const fieldProblemsResponse = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) })

/** Paths that are JSON API operations and so must carry an ApiDescription. */
export const apiPathPrefix = '/api/v1/'

export function isApiPath(path: string): boolean {
  return path.startsWith(apiPathPrefix)
}

type JsonSchema = Record<string, unknown>

/** OpenAPI 3.1 schemas are JSON Schema 2020-12; the `$schema` key is implied by the document. */
function jsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

/** `/api/v1/people/:personId` → `/api/v1/people/{personId}`, and its path parameters. */
function openApiPath(path: string): { template: string; parameters: string[] } {
  const parameters: string[] = []
  const template = path.replace(/:(\w+)/g, (_whole, name: string) => {
    parameters.push(name)
    return `{${name}}`
  })
  return { template, parameters }
}

function queryParameters(query: ZodType | undefined): JsonSchema[] {
  if (!query) return []
  const schema = jsonSchema(query, 'input')
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }))
}

const problemSchema: JsonSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
}

function operation(route: RouteDeclaration & { api: ApiDescription }, parameters: string[]): JsonSchema {
  const { api } = route
  const responses: Record<string, JsonSchema> = {}
  for (const [status, response] of Object.entries(api.responses)) {
    responses[status] = response.body
      ? { description: response.description, content: { 'application/json': { schema: jsonSchema(response.body, 'output') } } }
      : { description: response.description }
  }
  if (route.capability !== 'public') {
    responses['401'] ??= { description: 'No valid session or bearer token.', content: { 'application/json': { schema: problemSchema } } }
    responses['403'] ??= { description: `The caller lacks the capability ${route.capability}.`, content: { 'application/json': { schema: problemSchema } } }
  }
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_whole, next: string | undefined) => (next ?? '').toUpperCase())}`,
    summary: api.summary,
    tags: [api.tag],
    ...(route.capability === 'public' ? { security: [] } : { 'x-capability': route.capability }),
    ...(route.audit === 'none' ? {} : { 'x-audit-event': route.audit }),
    parameters: [
      ...parameters.map((name) => ({ name, in: 'path', required: true, schema: name.endsWith('Id') ? { type: 'string', format: 'uuid' } : { type: 'string' } })),
      ...queryParameters(api.query),
    ],
    ...(api.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(api.body, 'input') } } } } : {}),
    responses,
  }
}

export interface OpenApiInfo {
  title: string
  version: string
  description: string
}

/** The OpenAPI 3.1 document of every declared API route that describes itself. */
export function openApiDocument(routes: readonly RouteDeclaration[], info: OpenApiInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const route of routes) {
    if (!isApiPath(route.path) || !route.api) continue
    const { template, parameters } = openApiPath(route.path)
    paths[template] ??= {}
    paths[template][route.method.toLowerCase()] = operation(route as RouteDeclaration & { api: ApiDescription }, parameters)
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token made with `pathways token create` or on the account page; it acts with its user\'s scope.' },
      },
    },
    paths,
  }
}
