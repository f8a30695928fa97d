import type { FastifyReply, FastifyRequest } from 'fastify'
import { goalForm } from '../forms.ts'
import { showFormPage } from './form-pages.ts'
import { aboutThePlan, planFormPage, submitPlanForm, type PlanShown } from './plan-form.ts'

const page = planFormPage<PlanShown>('formulation/views/goal.njk', aboutThePlan)

export function showAddGoal(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, page, () => ({}))
}

/** POST: a new goal, not started, after the plan's other goals; the first goal makes the plan. */
export function addGoalToPlan(request: FastifyRequest, reply: FastifyReply) {
  return submitPlanForm(request, reply, page, { schema: goalForm, firstField: 'description', edit: (form) => ({ kind: 'goal_added', description: form.description }) })
}
