import type { FastifyInstance } from 'fastify'
import type { DatabaseHandle } from '../db/database.ts'
import { path } from './paths.ts'
import { registerRoutes } from './routes.ts'

export const healthPaths = {
  live: path('/health'),
  ready: path('/health/ready'),
}

/** Liveness says the process answers; readiness says it can reach its database. */
export function registerHealth(app: FastifyInstance, database: DatabaseHandle): void {
  registerRoutes(app, [
    {
      method: 'GET',
      path: healthPaths.live.pattern,
      capability: 'public',
      audit: 'none',
      handler: async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
    },
    {
      method: 'GET',
      path: healthPaths.ready.pattern,
      capability: 'public',
      audit: 'none',
      handler: async (_request, reply) => {
        const databaseUp = await database.ping()
        return reply
          .header('cache-control', 'no-store')
          .code(databaseUp ? 200 : 503)
          .send({ status: databaseUp ? 'ok' : 'unavailable', checks: { database: databaseUp ? 'ok' : 'unavailable' } })
      },
    },
  ])
}
