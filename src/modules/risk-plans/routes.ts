import { fieldProblemsResponse } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { riskPlanApiBody, riskPlanResponse, riskPlansResponse } from './forms.ts'
import { createRiskPlanFromApi, riskPlansForApi } from './handlers/api.ts'
import { saveNewVersion, showNewVersion } from './handlers/new-version.ts'
import { showCurrentRiskPlan, showRiskPlanVersion } from './handlers/show-risk-plan.ts'
import { riskPlansPaths as paths } from './paths.ts'

/**
 * A case's risk plan is readable by anyone who may read case work, sees the person and may
 * read their "risk" category (not health-only: probation and prison staff read and write it
 * too). Every version is kept; every read and save is audited.
 */
export const riskPlansRoutes = defineRoutes([
  { method: 'GET', path: paths.current.pattern, capability: 'casework:read', audit: 'risk-plan.view', handler: showCurrentRiskPlan },
  { method: 'GET', path: paths.version.pattern, capability: 'casework:read', audit: 'risk-plan.view', handler: showRiskPlanVersion },
  { method: 'GET', path: paths.newVersion.pattern, capability: 'casework:write', audit: 'risk-plan.view', handler: showNewVersion },
  { method: 'POST', path: paths.newVersion.pattern, capability: 'casework:write', audit: 'risk-plan.create', handler: saveNewVersion },
  {
    method: 'GET',
    path: paths.api.riskPlans.pattern,
    capability: 'casework:read',
    audit: 'risk-plan.view',
    handler: riskPlansForApi,
    api: {
      summary: "Every version of a case's risk management plan, latest first",
      tag: 'Risk plans',
      responses: {
        200: { description: 'The versions (an empty list when no plan has been written)', body: riskPlansResponse },
        403: { description: 'The caller lacks casework:read, or the person’s risk information is not shared with them' },
        404: { description: 'No case in the caller’s scope has this id' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.riskPlans.pattern,
    capability: 'casework:write',
    audit: 'risk-plan.create',
    handler: createRiskPlanFromApi,
    api: {
      summary: "Add a version of a case's risk management plan; earlier versions are kept",
      tag: 'Risk plans',
      body: riskPlanApiBody,
      responses: {
        201: { description: 'The new version', body: riskPlanResponse },
        403: { description: 'The caller lacks casework:write, or the person’s risk information is not shared with them' },
        404: { description: 'No case in the caller’s scope has this id' },
        409: { description: 'The case is closed (field "allocationId"), or another version was saved after basedOnVersion (field "basedOnVersion")', body: fieldProblemsResponse },
        422: { description: 'The body has problems; a half-filled contingency row is named as contingencies.N.action or .contact', body: fieldProblemsResponse },
      },
    },
  },
])
