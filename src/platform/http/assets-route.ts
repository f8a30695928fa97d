import type { FastifyInstance } from 'fastify'
import type { StoredAsset } from '../views/assets.ts'
import { notFound } from './errors.ts'
import { path } from './paths.ts'
import { registerRoutes } from './routes.ts'

export const assetPath = path('/assets/*')

/** Fingerprinted files never change under their name, so browsers may keep them for a year. */
export function registerAssetRoute(app: FastifyInstance, store: Map<string, StoredAsset>): void {
  registerRoutes(app, [
    {
      method: 'GET',
      path: assetPath.pattern,
      capability: 'public',
      audit: 'none',
      handler: async (request, reply) => {
        const asset = store.get((request.params as { '*': string })['*'])
        if (!asset) throw notFound()
        reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag)
        if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send()
        return reply.type(asset.contentType).send(asset.body)
      },
    },
  ])
}
