import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Tx } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import type { CaseView } from '../../casework/index.ts'
import { caseCommand } from '../case-command.ts'
import { changePlan, type PlanEdit } from '../commands.ts'
import { formulationPaths } from '../paths.ts'
import { findPlan, type PlanRow } from '../repository.ts'
import { answerFormPage, type FormPage } from './form-pages.ts'

/** Every plan form shows the plan it changes (or none yet), and posts the plan version it was filled in against. */
export interface PlanShown {
  plan: PlanRow | undefined
}

/** A form page of the plan; `load` adds what the form is about (a goal, an action) to the plan. */
export function planFormPage<Shown extends PlanShown>(template: string, load: (tx: Tx, caseView: CaseView) => Promise<Omit<Shown, 'plan'> | undefined>): FormPage<Shown> {
  return {
    template,
    section: 'plan',
    read: { action: 'plan.view', categories: ['plan'] },
    async load(tx, caseView) {
      const about = await load(tx, caseView)
      return about && ({ ...about, plan: await findPlan(tx, caseView.id) } as Shown)
    },
    context: (shown) => ({ ...(shown as PlanShown), planVersion: shown.plan?.version ?? 0 }),
  }
}

/** Nothing more than the plan. */
export const aboutThePlan = async () => ({})

/**
 * POST: reads the form and applies the change it asks for in one audited transaction, then
 * back to the plan; else the form again with what was typed.
 */
export async function submitPlanForm<Shown extends PlanShown, Schema extends z.ZodType<{ version: number }>>(request: FastifyRequest, reply: FastifyReply, page: FormPage<Shown>, form: { schema: Schema; firstField: string; edit: (value: z.infer<Schema>, shown: Shown) => PlanEdit }) {
  const outcome = await caseCommand(request, {
    action: 'plan.change',
    categories: ['plan'],
    load: page.load,
    run: async (tx, caseView, shown) => {
      const typed = parseForm(form.schema, request.body, request.server.content)
      if (!typed.ok) return { ok: false, problem: 'invalid', errors: typed.errors }
      return changePlan(request, tx, caseView, typed.value.version, form.edit(typed.value, shown))
    },
  })
  return answerFormPage(request, reply, page, outcome, { done: (_done, caseView) => formulationPaths.plan({ allocationId: caseView.id }), firstField: () => form.firstField, staleKey: 'formulation.plan.stale' })
}
