import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import formbody from '@fastify/formbody'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { pino, type DestinationStream } from 'pino'
import { signInReturningTo } from '../modules/account/index.ts'
import { memberSignInReturningTo } from '../modules/forum/index.ts'
import { modulePaths, moduleRoutes, navigation, uploadRoutePatterns } from '../modules/index.ts'
import { registerAuthentication } from './auth/authentication.ts'
import { registerSingleSignOn } from './auth/oidc.ts'
import { loadRoles } from './auth/roles.ts'
import type { Config } from './config.ts'
import { codeLabelFilter } from './content/code-lists.ts'
import { loadContent, type Content } from './content/content.ts'
import { fileSettings, registerUploads, unscanned, type FileScanner } from './files/index.ts'
import type { DatabaseHandle } from './db/database.ts'
import { assetPath, registerAssetRoute } from './http/assets-route.ts'
import { registerErrorPages } from './http/error-pages.ts'
import { healthPaths, registerHealth } from './http/health.ts'
import { metricsPath, registerMetrics } from './http/metrics.ts'
import { registerRequestLog } from './http/request-log.ts'
import { guardRouteRegistration, registerRoutes, type RouteDeclaration } from './http/routes.ts'
import { registerSecurityHeaders } from './http/security-headers.ts'
import { ensureAssets, loadAssetStore } from './views/assets.ts'
import { createViewEnvironment } from './views/environment.ts'
import { registerViews } from './views/render.ts'
import { registerNavigationCounts } from './views/navigation.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface AppDependencies {
  config: Config
  database: DatabaseHandle
  /** Extra declared routes (tests use them to reach error paths). */
  routes?: readonly RouteDeclaration[]
  /** Where logs go; standard output by default. */
  logDestination?: DestinationStream
  content?: Content
  /** The virus scanner every upload passes through; none by default (the start-up log warns). */
  fileScanner?: FileScanner
}

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
    content: Content
    config: Config
  }
}

/** The whole web application, ready to listen or to take `inject` calls. Used by the server, CLI and tests. */
export async function buildApp({ config, database, routes = [], logDestination, content, fileScanner = unscanned }: AppDependencies): Promise<FastifyInstance> {
  const logger = pino(
    {
      level: config.logLevel,
      // Belt and braces: nothing logs these, and if something did they would not be written.
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'body', '*.password'], remove: true },
    },
    logDestination,
  )
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // request-log.ts writes the one line per request that we want instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  })
  const siteContent = content ?? loadContent(path.join(projectRoot, 'content'), { strict: config.env !== 'production' })
  app.decorate('database', database)
  app.decorate('config', config)
  app.decorate('content', siteContent)
  app.decorateRequest('principal', null)

  guardRouteRegistration(app)
  const https = config.baseUrl?.startsWith('https:') ?? false
  registerSecurityHeaders(app, { https: https ? true : config.trustProxy ? 'from-request' : false })
  registerRequestLog(app)
  await app.register(formbody)
  await registerUploads(app, { ...fileSettings(config), scanner: fileScanner, acceptsFilesAt: uploadRoutePatterns })
  registerAuthentication(app, {
    roles: loadRoles(siteContent),
    policy: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
    https,
    sessionless: new Set([assetPath.pattern, healthPaths.live.pattern, healthPaths.ready.pattern, metricsPath.pattern]),
  })

  const manifest = await ensureAssets(config.assetsDir)
  const views = createViewEnvironment({ content: siteContent, assets: manifest, reloadTemplates: config.env === 'development' })
  views.addGlobal('paths', modulePaths)
  views.addGlobal('navigation', navigation)
  views.addFilter('codeLabel', codeLabelFilter)
  registerViews(app, views)
  registerNavigationCounts(app, navigation)
  registerSingleSignOn(app, views, { settings: config.oidc, baseUrl: config.baseUrl, https })
  registerErrorPages(app, { signInPath: signInReturningTo, memberSignInPath: memberSignInReturningTo })
  registerAssetRoute(app, loadAssetStore(config.assetsDir, manifest))
  registerHealth(app, database)
  if (config.metricsEnabled) registerMetrics(app)
  registerRoutes(app, moduleRoutes)
  registerRoutes(app, routes)
  await app.ready()
  return app
}
