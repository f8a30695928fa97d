import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { path } from './paths.ts'
import { registerRoutes } from './routes.ts'

export const metricsPath = path('/metrics')

/** Prometheus metrics on a registry of this app's own, so several apps (tests) do not share counters. */
export function registerMetrics(app: FastifyInstance): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })
  registerRoutes(app, [
    {
      method: 'GET',
      path: metricsPath.pattern,
      capability: 'public',
      audit: 'none',
      handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    },
  ])
}
