import type { FastifyInstance } from 'fastify'

/**
 * One line per request with what operators need and nothing about the person:
 * the route pattern rather than the URL (query strings carry search terms),
 * no headers, cookies or bodies.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    )
  })
}
