import { defineRoutes } from '../../platform/http/routes.ts'
import { caseResponse, taskListQuery, tasksResponse } from './forms.ts'
import { caseForApi, tasksForApi } from './handlers/api.ts'
import { completeTaskHandler } from './handlers/complete-task.ts'
import { recordTier } from './handlers/record-tier.ts'
import { showCase } from './handlers/show-case.ts'
import { showHistory } from './handlers/show-history.ts'
import { showTasks } from './handlers/show-tasks.ts'
import { caseworkPaths as paths } from './paths.ts'

/**
 * A case is readable by anyone who may read case work and sees its person (scope.ts); each
 * section shows only the data categories the caller may read. Every read is audited. Tasks
 * are the caller's and their teams'; names on them follow the person's own scope.
 */
export const caseworkRoutes = defineRoutes([
  { method: 'GET', path: paths.overview.pattern, capability: 'casework:read', audit: 'case.view', handler: showCase },
  { method: 'GET', path: paths.history.pattern, capability: 'casework:read', audit: 'case.history.view', handler: showHistory },
  { method: 'POST', path: paths.tiers.pattern, capability: 'casework:write', audit: 'case.tier.record', handler: recordTier },
  { method: 'GET', path: paths.tasks.pattern, capability: 'casework:read', audit: 'task.view', handler: showTasks },
  { method: 'POST', path: paths.completeTask.pattern, capability: 'casework:write', audit: 'task.complete', handler: completeTaskHandler },

  {
    method: 'GET',
    path: paths.api.case.pattern,
    capability: 'casework:read',
    audit: 'case.view',
    handler: caseForApi,
    api: {
      summary: 'A case (an allocation): the person, the place, the workers, the community-pathway tier and the sections the caller may read',
      tag: 'Case work',
      responses: {
        200: { description: 'The case header', body: caseResponse },
        403: { description: 'The case is in the caller’s scope, but none of its header is shared with them (error "not_shared")' },
        404: { description: 'No case the caller may see has this id' },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.tasks.pattern,
    capability: 'casework:read',
    audit: 'task.view',
    handler: tasksForApi,
    api: {
      summary: 'The caller’s tasks (hand-overs, forum concerns) and the reminders worked out from their cases’ records; or their teams’',
      tag: 'Case work',
      query: taskListQuery,
      responses: { 200: { description: 'Open tasks, oldest first, and reminders, earliest due first', body: tasksResponse } },
    },
  },
])
