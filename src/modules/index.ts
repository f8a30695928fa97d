import type { RouteDeclaration } from '../platform/http/routes.ts'
import { sitePaths, siteRoutes } from './site/index.ts'

/** Every module's routes, registered by buildApp. A new module adds one line here and one to modulePaths. */
export const moduleRoutes: readonly RouteDeclaration[] = [...siteRoutes]

/** Typed path builders by module, available to templates as `paths`. */
export const modulePaths = {
  site: sitePaths,
}
