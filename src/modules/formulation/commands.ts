import type { FastifyRequest } from 'fastify'
import type { Tx } from '../../platform/db/database.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { addCaseEvent, type CaseView } from '../casework/index.ts'
import type { CommandStep, FieldProblem } from './case-command.ts'
import { formulationForm } from './forms.ts'
import { addAction, addGoal, areCaseStaff, claimPlanVersion, createPlan, findPlan, insertFormulationVersion, latestVersionNumber, setActionStatus, setGoalStatus, updatePathway, type NewAction, type Pathway } from './repository.ts'
import { formulationAuthors, isCurrentPlanVersion, isLatestVersion, nextFormulationVersion, partFromTyped, planEventKind, writableParts } from './rules.ts'

/*
 * The changes a caller makes to a case's formulation and plan, each a step of
 * `caseCommand` (the case found, readable and open; the audit row written after).
 */

const problem = (request: FastifyRequest, field: string, key: string): FieldProblem => ({ field, text: request.server.content.t(key) })

/**
 * Saves the posted form as the next version of the formulation. The caller writes the parts
 * they may read; any other part is carried forward from the previous version unchanged.
 */
export async function saveFormulation(request: FastifyRequest, tx: Tx, caseView: CaseView): Promise<CommandStep<{ version: number }>> {
  const writable = writableParts(caseView.readable)
  const form = parseForm(formulationForm(request.scope!.today, writable), request.body, request.server.content)
  if (!form.ok) return { ok: false, problem: 'invalid', errors: form.errors }
  const { sections, formulatedOn, coAuthors, basedOnVersion } = form.value
  if (!(await areCaseStaff(tx, caseView, coAuthors))) return { ok: false, problem: 'invalid', errors: [problem(request, 'coAuthors', 'formulation.new.errors.coAuthorUnknown')] }
  const latest = await latestVersionNumber(tx, caseView.id)
  if (!isLatestVersion(basedOnVersion, latest)) return { ok: false, problem: 'stale' }
  const userId = request.principal!.userId
  const version = nextFormulationVersion(latest)
  const id = await insertFormulationVersion(tx, {
    allocationId: caseView.id,
    personId: caseView.person_id,
    version,
    formulatedOn,
    createdBy: userId,
    parts: Object.fromEntries(writable.map((part) => [part, partFromTyped(part, sections)])),
    authors: formulationAuthors(userId, coAuthors),
  })
  if (id === undefined) return { ok: false, problem: 'stale' }
  await addCaseEvent(tx, { personId: caseView.person_id, allocationId: caseView.id, kind: 'formulation.version_added', category: 'formulation', organisationId: request.principal!.organisationId, recordType: 'case_formulation', recordId: id, recordedBy: userId, details: { version } })
  return { ok: true, done: { version }, record: { type: 'case_formulation', id }, details: { version, parts: writable } }
}

/** One change to the plan; goals and actions named here have been found in the case's plan already. */
export type PlanEdit =
  | { kind: 'pathway'; pathway: Pathway }
  | { kind: 'goal_added'; description: string }
  | { kind: 'action_added'; goalId: string; action: NewAction }
  | { kind: 'goal_status'; goalId: string; status: string }
  | { kind: 'action_status'; actionId: string; status: string }

async function applyEdit(tx: Tx, planId: string, edit: PlanEdit): Promise<{ type: string; id: string }> {
  switch (edit.kind) {
    case 'pathway':
      await updatePathway(tx, planId, edit.pathway)
      return { type: 'pathway_plan', id: planId }
    case 'goal_added':
      return { type: 'plan_goal', id: await addGoal(tx, planId, edit.description) }
    case 'action_added':
      return { type: 'plan_action', id: await addAction(tx, edit.goalId, edit.action) }
    case 'goal_status':
      await setGoalStatus(tx, edit.goalId, edit.status)
      return { type: 'plan_goal', id: edit.goalId }
    case 'action_status':
      await setActionStatus(tx, edit.actionId, edit.status)
      return { type: 'plan_action', id: edit.actionId }
  }
}

/**
 * Applies one change to the case's plan, made against plan version `basedOn` (0: no plan
 * yet). The plan is made by the first change; every change moves it to the next version,
 * so a form filled in against an older version is refused as stale and changes nothing.
 */
export async function changePlan(request: FastifyRequest, tx: Tx, caseView: CaseView, basedOn: number, edit: PlanEdit): Promise<CommandStep<{ planId: string }>> {
  const userId = request.principal!.userId
  if (edit.kind === 'action_added' && edit.action.owner.userId !== null && !(await areCaseStaff(tx, caseView, [edit.action.owner.userId]))) {
    return { ok: false, problem: 'invalid', errors: [problem(request, 'ownerUser', 'formulation.action.errors.ownerUnknown')] }
  }
  const plan = await findPlan(tx, caseView.id)
  if (!isCurrentPlanVersion(basedOn, plan)) return { ok: false, problem: 'stale' }
  const planId = plan ? ((await claimPlanVersion(tx, plan.id, basedOn, userId)) ? plan.id : undefined) : await createPlan(tx, { allocationId: caseView.id, personId: caseView.person_id, userId })
  if (planId === undefined) return { ok: false, problem: 'stale' }
  const record = await applyEdit(tx, planId, edit)
  const details = { change: edit.kind, ...('status' in edit ? { status: edit.status } : {}) }
  await addCaseEvent(tx, { personId: caseView.person_id, allocationId: caseView.id, kind: planEventKind(plan !== undefined), category: 'plan', organisationId: request.principal!.organisationId, recordType: record.type, recordId: record.id, recordedBy: userId, details })
  return { ok: true, done: { planId }, record, details }
}
