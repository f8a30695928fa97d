import type { Capability } from '../platform/auth/capabilities.ts'
import type { RouteDeclaration } from '../platform/http/routes.ts'
import { accessPaths, accessRoutes } from './access/index.ts'
import { apiDocsPaths, apiDocsRoutes } from './api-docs/index.ts'
import { accountPaths, accountRoutes } from './account/index.ts'
import { adminPaths, adminRoutes } from './admin/index.ts'
import { auditReviewPaths, auditReviewRoutes } from './audit-review/index.ts'
import { peoplePaths, peopleRoutes } from './people/index.ts'
import { servicesPaths, servicesRoutes } from './services/index.ts'
import { sitePaths, siteRoutes } from './site/index.ts'
import { ssoPaths, ssoRoutes } from './sso/index.ts'

/** Every module's routes, registered by buildApp. A new module adds one line here and one to modulePaths. */
export const moduleRoutes: readonly RouteDeclaration[] = [...siteRoutes, ...accountRoutes, ...peopleRoutes, ...ssoRoutes, ...adminRoutes, ...auditReviewRoutes, ...accessRoutes, ...servicesRoutes, ...apiDocsRoutes]

/** Typed path builders by module, available to templates as `paths`. */
export const modulePaths = {
  site: sitePaths,
  account: accountPaths,
  people: peoplePaths,
  sso: ssoPaths,
  admin: adminPaths,
  auditReview: auditReviewPaths,
  access: accessPaths,
  services: servicesPaths,
  apiDocs: apiDocsPaths,
}

/** Links in the header, each shown to users holding its capability. */
export const navigation: ReadonlyArray<{ capability: Capability; label: string; href: string }> = [
  { capability: 'person:read', label: 'site.navigation.people', href: peoplePaths.list() },
  { capability: 'organisation:administer', label: 'site.navigation.administration', href: adminPaths.organisations() },
  { capability: 'sharing:administer', label: 'site.navigation.sharing', href: accessPaths.agreements() },
  { capability: 'breakglass:review', label: 'site.navigation.breakGlass', href: accessPaths.breakGlassQueue() },
  { capability: 'audit:review', label: 'site.navigation.audit', href: auditReviewPaths.events() },
]
