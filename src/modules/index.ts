import type { RouteDeclaration } from '../platform/http/routes.ts'
import type { NavigationLink } from '../platform/views/navigation.ts'
import { accessPaths, accessRoutes } from './access/index.ts'
import { allocationsPaths, allocationsRoutes } from './allocations/index.ts'
import { apiDocsPaths, apiDocsRoutes } from './api-docs/index.ts'
import { accountPaths, accountRoutes } from './account/index.ts'
import { adminPaths, adminRoutes } from './admin/index.ts'
import { auditReviewPaths, auditReviewRoutes } from './audit-review/index.ts'
import { caseNotesPaths, caseNotesRoutes, caseNotesUploadRoutes } from './case-notes/index.ts'
import { caseworkPaths, caseworkRoutes } from './casework/index.ts'
import { contactsPaths, contactsRoutes } from './contacts/index.ts'
import { formulationPaths, formulationRoutes } from './formulation/index.ts'
import { forumPaths, forumRoutes } from './forum/index.ts'
import { outcomesPaths, outcomesRoutes } from './outcomes/index.ts'
import { riskPlansPaths, riskPlansRoutes } from './risk-plans/index.ts'
import { reportsPaths, reportsRoutes } from './reports/index.ts'
import { notificationsPaths, notificationsRoutes, unreadNotificationCount } from './notifications/index.ts'
import { peoplePaths, peopleRoutes } from './people/index.ts'
import { personImportPaths, personImportRoutes, personImportUploadRoutes } from './person-import/index.ts'
import { personMatchingPaths, personMatchingRoutes } from './person-matching/index.ts'
import { personMergePaths, personMergeRoutes } from './person-merge/index.ts'
import { personSearchPaths, personSearchRoutes } from './person-search/index.ts'
import { referralsPaths, referralsRoutes, referralsUploadRoutes } from './referrals/index.ts'
import { screeningPaths, screeningRoutes } from './screening/index.ts'
import { servicesPaths, servicesRoutes, servicesUploadRoutes } from './services/index.ts'
import { sitePaths, siteRoutes } from './site/index.ts'
import { ssoPaths, ssoRoutes } from './sso/index.ts'

/** Every module's routes, registered by buildApp. A new module adds one line here and one to modulePaths. */
export const moduleRoutes: readonly RouteDeclaration[] = [...siteRoutes, ...accountRoutes, ...peopleRoutes, ...personMatchingRoutes, ...personImportRoutes, ...personSearchRoutes, ...personMergeRoutes, ...ssoRoutes, ...adminRoutes, ...auditReviewRoutes, ...accessRoutes, ...servicesRoutes, ...screeningRoutes, ...allocationsRoutes, ...referralsRoutes, ...caseworkRoutes, ...formulationRoutes, ...contactsRoutes, ...caseNotesRoutes, ...riskPlansRoutes, ...outcomesRoutes, ...forumRoutes, ...notificationsRoutes, ...reportsRoutes, ...apiDocsRoutes]

/** Typed path builders by module, available to templates as `paths`. */
export const modulePaths = {
  site: sitePaths,
  account: accountPaths,
  people: peoplePaths,
  allocations: allocationsPaths,
  personMatching: personMatchingPaths,
  personImport: personImportPaths,
  personSearch: personSearchPaths,
  personMerge: personMergePaths,
  sso: ssoPaths,
  admin: adminPaths,
  auditReview: auditReviewPaths,
  access: accessPaths,
  services: servicesPaths,
  screening: screeningPaths,
  referrals: referralsPaths,
  notifications: notificationsPaths,
  apiDocs: apiDocsPaths,
  casework: caseworkPaths,
  formulation: formulationPaths,
  contacts: contactsPaths,
  caseNotes: caseNotesPaths,
  riskPlans: riskPlansPaths,
  outcomes: outcomesPaths,
  forum: forumPaths,
  reports: reportsPaths,
}

/** Route patterns that take an uploaded file; platform/files refuses a file sent anywhere else. */
export const uploadRoutePatterns: ReadonlySet<string> = new Set([...servicesUploadRoutes, ...personImportUploadRoutes, ...referralsUploadRoutes, ...caseNotesUploadRoutes])

/** Links in the header, each shown to users holding its capability; `count` adds a number to the label (a cheap query on every page). */
export const navigation: readonly NavigationLink[] = [
  { capability: 'person:read', label: 'site.navigation.people', href: peoplePaths.list() },
  { capability: 'casework:read', label: 'allocations.navigation.caseload', href: allocationsPaths.caseload() },
  { capability: 'casework:read', label: 'casework.navigation', href: caseworkPaths.tasks() },
  { capability: 'referral:read', label: 'referrals.navigation', href: referralsPaths.mine() },
  { capability: 'person:read', label: 'personMatching.navigation', href: personMatchingPaths.accessRequests() },
  { capability: 'person:import', label: 'personImport.navigation', href: personImportPaths.importPeople() },
  { capability: 'service:manage', label: 'services.manage.navigation', href: servicesPaths.manage.list() },
  { capability: 'screening:configure', label: 'screening.navigation', href: screeningPaths.ruleSets() },
  { capability: 'forum:moderate', label: 'forum.navigation', href: forumPaths.moderation() },
  { capability: 'forum:invite', label: 'forum.staffNavigation', href: forumPaths.members() },
  { capability: 'organisation:administer', label: 'site.navigation.administration', href: adminPaths.organisations() },
  { capability: 'sharing:administer', label: 'site.navigation.sharing', href: accessPaths.agreements() },
  { capability: 'breakglass:review', label: 'site.navigation.breakGlass', href: accessPaths.breakGlassQueue() },
  { capability: 'audit:review', label: 'site.navigation.audit', href: auditReviewPaths.events() },
  { capability: 'report:aggregate', label: 'reports.navigation', href: reportsPaths.peopleByEthnicity() },
  { capability: 'account:manage', label: 'notifications.navigation', href: notificationsPaths.list(), count: { label: 'notifications.navigationUnread', of: unreadNotificationCount } },
]
