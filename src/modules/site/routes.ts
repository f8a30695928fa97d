import { defineRoutes } from '../../platform/http/routes.ts'
import { showHome } from './handlers/show-home.ts'
import { showInformationPage } from './handlers/show-information-page.ts'
import { sitePaths } from './paths.ts'

export const siteRoutes = defineRoutes([
  { method: 'GET', path: sitePaths.home.pattern, capability: 'public', audit: 'none', handler: showHome },
  { method: 'GET', path: sitePaths.accessibility.pattern, capability: 'public', audit: 'none', handler: showInformationPage('accessibility') },
  { method: 'GET', path: sitePaths.privacy.pattern, capability: 'public', audit: 'none', handler: showInformationPage('privacy') },
  { method: 'GET', path: sitePaths.cookies.pattern, capability: 'public', audit: 'none', handler: showInformationPage('cookies') },
])
