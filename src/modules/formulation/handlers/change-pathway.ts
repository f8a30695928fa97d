import type { FastifyReply, FastifyRequest } from 'fastify'
import { pathwayForm } from '../forms.ts'
import { showFormPage } from './form-pages.ts'
import { aboutThePlan, planFormPage, submitPlanForm, type PlanShown } from './plan-form.ts'

const page = planFormPage<PlanShown>('formulation/views/pathway.njk', aboutThePlan)

/** The three boxes of a GOV.UK date input, filled from a YYYY-MM-DD date. */
function dateBoxes(name: string, date: string | null | undefined): Record<string, string> {
  if (!date) return {}
  const [year = '', month = '', day = ''] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** GET: the recommended pathway and review date, as recorded now. */
export function showChangePathway(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, page, ({ plan }) => ({
    custodyNextService: plan?.custody_next_service,
    progressionMove: plan?.progression_move,
    communityPathway: plan?.community_pathway,
    ...dateBoxes('reviewOn', plan?.review_on),
  }))
}

/** POST (to the plan): saves the pathway and review date; the first save makes the plan. */
export function savePathway(request: FastifyRequest, reply: FastifyReply) {
  return submitPlanForm(request, reply, page, { schema: pathwayForm, firstField: 'custodyNextService', edit: (form) => ({ kind: 'pathway', pathway: form.pathway }) })
}
