import { fieldProblemsResponse } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { actionApiBody, formulationResponse, goalApiBody, planResponse } from './forms.ts'
import { addActionToGoal, showAddAction } from './handlers/add-action.ts'
import { addGoalToPlan, showAddGoal } from './handlers/add-goal.ts'
import { addActionFromApi, addGoalFromApi, formulationForApi, planForApi } from './handlers/api.ts'
import { savePathway, showChangePathway } from './handlers/change-pathway.ts'
import { changeActionStatus, changeGoalStatus, showActionStatus, showGoalStatus } from './handlers/change-status.ts'
import { saveNewFormulation, showNewFormulation } from './handlers/new-formulation.ts'
import { showFormulation, showFormulationVersion } from './handlers/show-formulation.ts'
import { showPlan } from './handlers/show-plan.ts'
import { formulationPaths as paths } from './paths.ts'

/**
 * A case's formulation and pathway plan: read by anyone who may read case work and the
 * section's data categories of the person (the clinical part of a formulation only by
 * clinical staff of health organisations); changed with casework:write while the case is
 * open. A form page only reads (audited as a view); its POST is the change.
 */
const caseNotFound = { description: 'No case in the caller’s scope has this id' }
const notShared = { description: 'The section is not shared with the caller' }

export const formulationRoutes = defineRoutes([
  { method: 'GET', path: paths.formulation.pattern, capability: 'casework:read', audit: 'formulation.view', handler: showFormulation },
  { method: 'GET', path: paths.version.pattern, capability: 'casework:read', audit: 'formulation.view', handler: showFormulationVersion },
  { method: 'GET', path: paths.newVersion.pattern, capability: 'casework:write', audit: 'formulation.view', handler: showNewFormulation },
  { method: 'POST', path: paths.newVersion.pattern, capability: 'casework:write', audit: 'formulation.create', handler: saveNewFormulation },

  { method: 'GET', path: paths.plan.pattern, capability: 'casework:read', audit: 'plan.view', handler: showPlan },
  { method: 'POST', path: paths.plan.pattern, capability: 'casework:write', audit: 'plan.change', handler: savePathway },
  { method: 'GET', path: paths.changePathway.pattern, capability: 'casework:write', audit: 'plan.view', handler: showChangePathway },
  { method: 'GET', path: paths.newGoal.pattern, capability: 'casework:write', audit: 'plan.view', handler: showAddGoal },
  { method: 'POST', path: paths.goals.pattern, capability: 'casework:write', audit: 'plan.change', handler: addGoalToPlan },
  { method: 'GET', path: paths.goalStatus.pattern, capability: 'casework:write', audit: 'plan.view', handler: showGoalStatus },
  { method: 'POST', path: paths.goalStatus.pattern, capability: 'casework:write', audit: 'plan.change', handler: changeGoalStatus },
  { method: 'GET', path: paths.newAction.pattern, capability: 'casework:write', audit: 'plan.view', handler: showAddAction },
  { method: 'POST', path: paths.actions.pattern, capability: 'casework:write', audit: 'plan.change', handler: addActionToGoal },
  { method: 'GET', path: paths.actionStatus.pattern, capability: 'casework:write', audit: 'plan.view', handler: showActionStatus },
  { method: 'POST', path: paths.actionStatus.pattern, capability: 'casework:write', audit: 'plan.change', handler: changeActionStatus },

  {
    method: 'GET',
    path: paths.api.formulation.pattern,
    capability: 'casework:read',
    audit: 'formulation.view',
    handler: formulationForApi,
    api: {
      summary: 'The latest version of a case’s formulation; the clinical part only for clinical staff of health organisations',
      tag: 'Case work',
      responses: { 200: { description: 'The latest version, or null', body: formulationResponse }, 403: notShared, 404: caseNotFound },
    },
  },
  {
    method: 'GET',
    path: paths.api.plan.pattern,
    capability: 'casework:read',
    audit: 'plan.view',
    handler: planForApi,
    api: {
      summary: 'A case’s pathway plan: the recommended pathway, review date, goals and their actions',
      tag: 'Case work',
      responses: { 200: { description: 'The plan, or null before its first change', body: planResponse }, 403: notShared, 404: caseNotFound },
    },
  },
  {
    method: 'POST',
    path: paths.api.goals.pattern,
    capability: 'casework:write',
    audit: 'plan.change',
    handler: addGoalFromApi,
    api: {
      summary: 'Add a goal to a case’s pathway plan (the first change makes the plan)',
      tag: 'Case work',
      body: goalApiBody,
      responses: {
        201: { description: 'The plan with the new goal, at its next version', body: planResponse },
        403: notShared,
        404: caseNotFound,
        409: { description: 'The plan changed since planVersion, or the case is closed', body: fieldProblemsResponse },
        422: { description: 'A field is missing or wrong', body: fieldProblemsResponse },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.actions.pattern,
    capability: 'casework:write',
    audit: 'plan.change',
    handler: addActionFromApi,
    api: {
      summary: 'Add an action to a goal of a case’s pathway plan',
      tag: 'Case work',
      body: actionApiBody,
      responses: {
        201: { description: 'The plan with the new action, at its next version', body: planResponse },
        403: notShared,
        404: { description: 'No case in the caller’s scope has this id, or the goal is not one of its plan' },
        409: { description: 'The plan changed since planVersion, or the case is closed', body: fieldProblemsResponse },
        422: { description: 'A field is missing or wrong', body: fieldProblemsResponse },
      },
    },
  },
])
