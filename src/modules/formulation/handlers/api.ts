import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Tx } from '../../../platform/db/database.ts'
import { readApiBody } from '../../../platform/http/api-body.ts'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { readCaseSection, type CaseView } from '../../casework/index.ts'
import { caseCommand, type CommandOutcome } from '../case-command.ts'
import { changePlan, type PlanEdit } from '../commands.ts'
import { actionApiBody, goalApiBody } from '../forms.ts'
import { findGoal } from '../repository.ts'
import { caseJson, formulationJson, loadFormulation, loadPlan, planJson, type PlanSection } from '../sections.ts'
import { formulationCategories } from './show-formulation.ts'

/*
 * The JSON API of formulations and plans: the same reads, changes, scope and audit as the
 * pages. A case out of scope is 404; a section not shared with the caller 403; a body of the
 * wrong shape 422 `{ errors: [{ field, message }] }`; a stale plan version or a closed case 409.
 */

export async function formulationForApi(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'formulation.view', categories: formulationCategories }, (tx, caseView) => loadFormulation(tx, caseView))
  if (!read.section) throw forbidden('the formulation is not shared with the caller')
  return reply.send({ ...caseJson(read.caseView), formulation: formulationJson(read.section) })
}

export async function planForApi(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'plan.view', categories: ['plan'] }, (tx, caseView) => loadPlan(tx, caseView, request.scope!.today))
  if (!read.section) throw forbidden('the plan is not shared with the caller')
  return reply.send({ ...caseJson(read.caseView), plan: planJson(read.section) })
}

/** The pages' field names, as the API calls them. */
const apiFields: Record<string, string> = { ownerUser: 'ownerUserId' }

function sendOutcome(request: FastifyRequest, reply: FastifyReply, outcome: CommandOutcome<unknown, PlanSection>) {
  const { content } = request.server
  switch (outcome.state) {
    case 'not_found':
      throw notFound()
    case 'not_shared':
      throw forbidden('the plan is not shared with the caller')
    case 'closed':
      return reply.code(409).send({ errors: [{ field: 'allocationId', message: content.t('formulation.plan.closed') }] })
    case 'stale':
      return reply.code(409).send({ errors: [{ field: 'planVersion', message: content.t('formulation.plan.stale') }] })
    case 'invalid':
      return reply.code(422).send({ errors: outcome.errors.map((error) => ({ field: apiFields[error.field] ?? error.field, message: error.text })) })
    case 'done':
      return reply.code(201).send({ ...caseJson(outcome.caseView), plan: planJson(outcome.done) })
  }
}

/** One change to the plan from an API body; answers with the whole plan as it now is. */
async function changePlanFromApi<Schema extends z.ZodType<{ version: number }>>(request: FastifyRequest, reply: FastifyReply, schema: Schema, about: (tx: Tx, caseView: CaseView) => Promise<object | undefined>, edit: (body: z.infer<Schema>) => PlanEdit) {
  const outcome = await caseCommand(request, {
    action: 'plan.change',
    categories: ['plan'],
    load: about,
    run: async (tx, caseView) => {
      const body = readApiBody(request, schema)
      if (!body.ok) return { ok: false, problem: 'invalid', errors: body.errors.map(({ field, message }) => ({ field, text: message })) }
      const step = await changePlan(request, tx, caseView, body.value.version, edit(body.value))
      return step.ok ? { ...step, done: await loadPlan(tx, caseView, request.scope!.today) } : step
    },
  })
  return sendOutcome(request, reply, outcome)
}

export function addGoalFromApi(request: FastifyRequest, reply: FastifyReply) {
  return changePlanFromApi(request, reply, goalApiBody, async () => ({}), (body) => ({ kind: 'goal_added', description: body.description }))
}

export function addActionFromApi(request: FastifyRequest, reply: FastifyReply) {
  const goalId = idParam(request, 'goalId')
  return changePlanFromApi(request, reply, actionApiBody, (tx, caseView) => findGoal(tx, caseView.id, goalId), (body) => ({ kind: 'action_added', goalId, action: body.action }))
}
