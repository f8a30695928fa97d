import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList, type Code } from '../../../platform/content/code-lists.ts'
import { idParam } from '../../../platform/http/params.ts'
import { actionStatusForm, goalStatusForm } from '../forms.ts'
import { findAction, findGoal } from '../repository.ts'
import { showFormPage } from './form-pages.ts'
import { planFormPage, submitPlanForm, type PlanShown } from './plan-form.ts'

/*
 * A goal's or an action's status, each on a page of its own: the statuses are code lists
 * (plan_goal_status, plan_action_status); the form names the plan version it was filled in against.
 */

interface StatusShown extends PlanShown {
  item: { id: string; description: string; status: string }
  /** Whose status it is, for the page's words. */
  kind: 'goal' | 'action'
  statuses: readonly Code[]
}

function goalStatusPage(request: FastifyRequest) {
  const goalId = idParam(request, 'goalId')
  return planFormPage<StatusShown>('formulation/views/status.njk', async (tx, caseView) => {
    const goal = await findGoal(tx, caseView.id, goalId)
    return goal && { item: goal, kind: 'goal' as const, statuses: codeList('plan_goal_status').codes }
  })
}

function actionStatusPage(request: FastifyRequest) {
  const actionId = idParam(request, 'actionId')
  return planFormPage<StatusShown>('formulation/views/status.njk', async (tx, caseView) => {
    const action = await findAction(tx, caseView.id, actionId)
    return action && { item: action, kind: 'action' as const, statuses: codeList('plan_action_status').codes }
  })
}

export function showGoalStatus(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, goalStatusPage(request), ({ item }) => ({ status: item.status }))
}

export function changeGoalStatus(request: FastifyRequest, reply: FastifyReply) {
  return submitPlanForm(request, reply, goalStatusPage(request), { schema: goalStatusForm, firstField: 'status', edit: (form, shown) => ({ kind: 'goal_status', goalId: shown.item.id, status: form.status }) })
}

export function showActionStatus(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, actionStatusPage(request), ({ item }) => ({ status: item.status }))
}

export function changeActionStatus(request: FastifyRequest, reply: FastifyReply) {
  return submitPlanForm(request, reply, actionStatusPage(request), { schema: actionStatusForm, firstField: 'status', edit: (form, shown) => ({ kind: 'action_status', actionId: shown.item.id, status: form.status }) })
}
