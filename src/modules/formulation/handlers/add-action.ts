import type { FastifyReply, FastifyRequest } from 'fastify'
import { idParam } from '../../../platform/http/params.ts'
import { actionForm } from '../forms.ts'
import { caseStaff, findGoal, type CaseWorker, type GoalRow } from '../repository.ts'
import { showFormPage } from './form-pages.ts'
import { planFormPage, submitPlanForm, type PlanShown } from './plan-form.ts'

interface ActionShown extends PlanShown {
  goal: GoalRow & { number: number }
  workers: CaseWorker[]
}

/** The form for an action of the goal named in the path, with the workers who may own it. */
function actionPage(request: FastifyRequest) {
  const goalId = idParam(request, 'goalId')
  return planFormPage<ActionShown>('formulation/views/action.njk', async (tx, caseView) => {
    const goal = await findGoal(tx, caseView.id, goalId)
    return goal && { goal, workers: await caseStaff(tx, caseView) }
  })
}

export function showAddAction(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, actionPage(request), () => ({}))
}

/** POST: a new action of the goal, not started, owned by a worker on the case or by someone described. */
export function addActionToGoal(request: FastifyRequest, reply: FastifyReply) {
  return submitPlanForm(request, reply, actionPage(request), { schema: actionForm, firstField: 'description', edit: (form, shown) => ({ kind: 'action_added', goalId: shown.goal.id, action: form.action }) })
}
