import { defineRoutes } from '../../platform/http/routes.ts'
import { addAgreement, showNewAgreement } from './handlers/add-agreement.ts'
import { changeRestriction } from './handlers/change-restriction.ts'
import { endSharingAgreement } from './handlers/end-agreement.ts'
import { findRestricted } from './handlers/find-restricted.ts'
import { grantNamedAccess } from './handlers/grant-named-access.ts'
import { showAgreements } from './handlers/list-agreements.ts'
import { showReviewedUses, showReviewQueue } from './handlers/list-break-glass.ts'
import { reviewBreakGlassUse, showBreakGlassUse } from './handlers/review-break-glass.ts'
import { revokeNamedAccess } from './handlers/revoke-named-access.ts'
import { showAgreement } from './handlers/show-agreement.ts'
import { showRestrictedRecord } from './handlers/show-restricted-record.ts'
import { accessPaths as paths } from './paths.ts'

/**
 * Information governance for IG (Caldicott) leads, each confined to their own organisation.
 * Agreements hold no personal data, so only their changes are audited; break-glass uses
 * and restricted records are about a person, so reading them is audited too.
 */
export const accessRoutes = defineRoutes([
  { method: 'GET', path: paths.agreements.pattern, capability: 'sharing:administer', audit: 'none', handler: showAgreements },
  { method: 'GET', path: paths.newAgreement.pattern, capability: 'sharing:administer', audit: 'none', handler: showNewAgreement },
  { method: 'POST', path: paths.agreements.pattern, capability: 'sharing:administer', audit: 'access.agreement.create', handler: addAgreement },
  { method: 'GET', path: paths.agreement.pattern, capability: 'sharing:administer', audit: 'none', handler: showAgreement },
  { method: 'POST', path: paths.endAgreement.pattern, capability: 'sharing:administer', audit: 'access.agreement.end', handler: endSharingAgreement },

  { method: 'GET', path: paths.breakGlassQueue.pattern, capability: 'breakglass:review', audit: 'access.break-glass.view', handler: showReviewQueue },
  { method: 'GET', path: paths.reviewedBreakGlass.pattern, capability: 'breakglass:review', audit: 'access.break-glass.view', handler: showReviewedUses },
  { method: 'GET', path: paths.breakGlassUse.pattern, capability: 'breakglass:review', audit: 'access.break-glass.view', handler: showBreakGlassUse },
  { method: 'POST', path: paths.breakGlassUse.pattern, capability: 'breakglass:review', audit: 'access.break-glass.review', handler: reviewBreakGlassUse },

  { method: 'GET', path: paths.findRestricted.pattern, capability: 'restricted:grant', audit: 'none', handler: findRestricted },
  { method: 'GET', path: paths.restricted.pattern, capability: 'restricted:grant', audit: 'access.restricted.view', handler: showRestrictedRecord },
  { method: 'POST', path: paths.restricted.pattern, capability: 'restricted:grant', audit: 'access.restricted.change', handler: changeRestriction },
  { method: 'POST', path: paths.namedGrants.pattern, capability: 'restricted:grant', audit: 'access.restricted.grant', handler: grantNamedAccess },
  { method: 'POST', path: paths.revokeGrant.pattern, capability: 'restricted:grant', audit: 'access.restricted.revoke', handler: revokeNamedAccess },
])
