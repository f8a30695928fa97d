import { defineRoutes } from '../../platform/http/routes.ts'
import { exportAuditEvents } from './handlers/export-audit-events.ts'
import { showAuditEvents } from './handlers/show-audit-events.ts'
import { auditReviewPaths } from './paths.ts'

export const auditReviewRoutes = defineRoutes([
  { method: 'GET', path: auditReviewPaths.events.pattern, capability: 'audit:review', audit: 'audit.view', handler: showAuditEvents },
  { method: 'GET', path: auditReviewPaths.export.pattern, capability: 'audit:review', audit: 'audit.export', handler: exportAuditEvents },
])
