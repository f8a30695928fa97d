import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import type { TypedFields } from '../people/index.ts'
import { answersOf, columnsOf, formChoices, readForm, type FormChoices } from './answers.ts'
import { missingForSubmission, type FieldProblem, type ReferralMode } from './forms.ts'
import { findReferralDetail, insertReferral, personForReferral, updateReferralAnswers, type ReferralDetail } from './repository.ts'
import { allocationMoves, availableTransitions, editableStatuses, type ReferralStatus } from './rules.ts'
import { applyReferralTransition, type TransitionAnswers, type TransitionOutcome } from './transition.ts'

/*
 * Making and changing a referral, for the pages and the API alike. Each runs in one
 * transaction: the person or referral found in the caller's scope (else an audited denial),
 * the answers read, saved, audited and — when submitting — moved on by the status machine.
 */

/** Submitting runs the status machine after the answers are saved; a refusal there undoes the save. */
async function submit(tx: Tx, request: FastifyRequest, referralId: string): Promise<void> {
  const outcome = await applyReferralTransition(tx, request, referralId, 'submitted')
  // The answers were checked complete and the caller is the referrer: only a role missing from rules.ts gets here.
  if (!outcome.ok) throw new Error(`submitting referral ${referralId} was refused: ${outcome.problem}`)
}

export type Made =
  | { state: 'notFound' }
  | { state: 'invalid'; problems: FieldProblem[]; person: { id: string; name: string }; choices: FormChoices }
  | { state: 'done'; referralId: string }

/** A new referral of a person in the caller's scope, saved as a draft or submitted. */
export function makeReferral(request: FastifyRequest, personId: string, fields: TypedFields, mode: ReferralMode): Promise<Made> {
  const principal = request.principal!
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx): Promise<Made> => {
    const person = await personForReferral(tx, scope, personId)
    if (!person) {
      await auditRequest(tx, request, { action: 'referral.create', outcome: 'denied', personId })
      return { state: 'notFound' }
    }
    const choices = await formChoices(tx, principal, scope)
    const reading = readForm(fields, { mode, today: scope.today, principal, choices })
    if (!reading.ok) {
      await auditRequest(tx, request, { action: 'referral.create', outcome: 'failed', personId, details: { problems: reading.problems.map((problem) => problem.key) } })
      return { state: 'invalid', problems: reading.problems, person: { id: person.id, name: `${person.given_name} ${person.family_name}` }, choices }
    }
    const referralId = await insertReferral(tx, {
      ...columnsOf(reading.choice, reading.answers),
      person_id: personId,
      referrer_user_id: principal.userId,
      referrer_organisation_id: principal.organisationId,
      referrer_team_id: reading.teamId,
      at: scope.now,
    })
    await auditRequest(tx, request, { action: 'referral.create', outcome: 'allowed', personId, recordType: 'referral', recordId: referralId, details: { serviceId: reading.choice.serviceId, mode } })
    if (mode === 'submit') await submit(tx, request, referralId)
    return { state: 'done', referralId }
  })
}

export type Changed =
  | { state: 'notFound' }
  /** No longer a draft or waiting for more information: nothing to change. */
  | { state: 'closed' }
  | { state: 'stale' | 'invalid'; problems: FieldProblem[]; referral: ReferralDetail; choices: FormChoices }
  | { state: 'done' }

/**
 * New answers to a draft, or to a referral the service asked more information about, by
 * the referrer's side; `version` is the version the form was filled in against.
 */
export function changeReferral(request: FastifyRequest, referralId: string, fields: TypedFields, mode: ReferralMode): Promise<Changed> {
  const principal = request.principal!
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx): Promise<Changed> => {
    const referral = await findReferralDetail(tx, scope, referralId)
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details?: Record<string, unknown>) =>
      auditRequest(tx, request, { action: 'referral.change', outcome, personId: referral?.person_id, recordType: 'referral', recordId: referralId, ...(details ? { details } : {}) })
    if (!referral || !referral.sides.includes('referrer')) {
      await audit('denied')
      return { state: 'notFound' }
    }
    if (!editableStatuses.includes(referral.status)) {
      await audit('denied', { status: referral.status })
      return { state: 'closed' }
    }
    const choices = await formChoices(tx, principal, scope)
    if (fields.version !== String(referral.version)) {
      await audit('failed', { problem: 'stale_version' })
      return { state: 'stale', problems: [{ field: 'reasons', key: 'referrals.form.errors.stale' }], referral, choices }
    }
    // Once with the service, the referral stays with that service.
    const fixedService = referral.status === 'draft' ? undefined : { serviceId: referral.service_id, elementId: referral.service_element_id }
    const reading = readForm({ ...fields, team_id: '' }, { mode, today: scope.today, principal, choices: { ...choices, teams: [] }, ...(fixedService ? { fixedService } : {}) })
    if (!reading.ok) {
      await audit('failed', { problems: reading.problems.map((problem) => problem.key) })
      return { state: 'invalid', problems: reading.problems, referral, choices }
    }
    if (!(await updateReferralAnswers(tx, referralId, referral.version, columnsOf(reading.choice, reading.answers), scope.now))) {
      await audit('failed', { problem: 'stale_version' })
      return { state: 'stale', problems: [{ field: 'reasons', key: 'referrals.form.errors.stale' }], referral, choices }
    }
    await audit('allowed', { mode })
    if (mode === 'submit') await submit(tx, request, referralId)
    return { state: 'done' }
  })
}

export type MoveOutcome = TransitionOutcome | { ok: false; problem: 'allocation_needed' | 'incomplete' }

/**
 * A move asked for on the referral's page or through the API. Before the status machine
 * decides, two moves it would allow are refused here for someone who may make them: those
 * that go with a place (the allocations module makes them, with the place), and submitting
 * answers that are not complete.
 */
export async function moveReferral(tx: Tx, request: FastifyRequest, referralId: string, to: ReferralStatus, answers: TransitionAnswers): Promise<MoveOutcome> {
  if (allocationMoves.includes(to) || to === 'submitted') {
    const referral = await findReferralDetail(tx, request.scope!, referralId)
    const mayMove = referral !== undefined && availableTransitions(referral.status, request.principal!.roles, referral.sides).some((move) => move.to === to)
    const problem = !mayMove ? undefined : allocationMoves.includes(to) ? 'allocation_needed' : missingForSubmission(answersOf(referral)).length > 0 ? 'incomplete' : undefined
    if (referral && problem) {
      await auditRequest(tx, request, { action: 'referral.transition', outcome: 'denied', personId: referral.person_id, recordType: 'referral', recordId: referralId, details: { from: referral.status, to, problem } })
      return { ok: false, problem }
    }
  }
  return applyReferralTransition(tx, request, referralId, to, answers)
}
