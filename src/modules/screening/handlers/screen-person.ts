import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { readChoice, readScreeningAnswers, type Choice, type Problem, type TypedAnswers, type TypedFields } from '../forms.ts'
import { findPersonInScope, findRuleSetInForce, recordScreening, type PersonInScope, type StoredRuleSet } from '../repository.ts'
import { populationOf, type ScreeningResult } from '../rules.ts'

export function personIdOf(request: FastifyRequest): string {
  const { personId } = request.params as { personId?: string }
  if (personId === undefined || !isId(personId)) throw notFound()
  return personId
}

/** What a screening is asked to record: which criteria and date (typed as the chooser's fields), and the answers. */
export interface ScreeningInput {
  choice: TypedFields
  answers: TypedAnswers
  /** The version the form showed: a different one in force now means the questions changed under the user. */
  shownRuleSetId?: string | undefined
  /** Problems found before the answers are read (an API body of the wrong shape). */
  precheck?(ruleSet: StoredRuleSet): Problem[]
}

export type ScreenPersonOutcome =
  | { state: 'notFound' }
  /** Which criteria or which date is wrong, or no version was in force on that date. */
  | { state: 'badChoice'; person: PersonInScope; problems: Problem[] }
  | { state: 'ruleSetChanged'; person: PersonInScope; choice: Choice; ruleSet: StoredRuleSet }
  | { state: 'invalid'; person: PersonInScope; choice: Choice; ruleSet: StoredRuleSet; problems: Problem[] }
  | { state: 'done'; screeningId: string; result: ScreeningResult }

/**
 * Records one screening, for the page and the API alike, in one transaction: the person in
 * the caller's scope (a merged record takes no new screenings) else an audited denial;
 * then the population and date; the version in force on that date; the answers to that
 * version's questions; the screening with its timeline entry. The audit row comes last,
 * whatever the outcome.
 */
export async function screenPerson(request: FastifyRequest, personId: string, input: ScreeningInput): Promise<ScreenPersonOutcome> {
  const scope = request.scope!
  const principal = request.principal!
  return inTransaction(request.server.database.db, async (tx): Promise<ScreenPersonOutcome> => {
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details: Record<string, unknown> = {}) => auditRequest(tx, request, { action: 'screening.record', outcome, personId, details })
    const person = await findPersonInScope(tx, scope, personId)
    if (!person || person.merged_into_id !== null) {
      await audit('denied')
      return { state: 'notFound' }
    }
    const choice = readChoice(input.choice, { population: populationOf(person.sex), today: scope.today })
    const ruleSet = choice.ok ? await findRuleSetInForce(tx, choice.value.population, choice.value.screenedOn) : undefined
    if (!choice.ok || !ruleSet) {
      const problems = choice.ok ? [{ field: 'screened_on', key: 'screening.choose.errors.noRuleSet' }] : choice.problems
      await audit('failed', { problems: problems.map((problem) => problem.key) })
      return { state: 'badChoice', person, problems }
    }
    if (input.shownRuleSetId !== undefined && input.shownRuleSetId !== ruleSet.id) {
      await audit('failed', { problem: 'rule_set_changed', ruleSetId: ruleSet.id })
      return { state: 'ruleSetChanged', person, choice: choice.value, ruleSet }
    }
    const early = input.precheck?.(ruleSet) ?? []
    const reading = early.length > 0 ? ({ ok: false, problems: early } as const) : readScreeningAnswers(ruleSet, input.answers)
    if (!reading.ok) {
      await audit('failed', { ruleSetId: ruleSet.id, problems: reading.problems.map((problem) => problem.key) })
      return { state: 'invalid', person, choice: choice.value, ruleSet, problems: reading.problems }
    }
    const recorded = await recordScreening(tx, {
      personId,
      ruleSet,
      answers: reading.value,
      screenedOn: choice.value.screenedOn,
      screenedBy: principal.userId,
      organisationId: principal.organisationId,
    })
    await auditRequest(tx, request, {
      action: 'screening.record',
      outcome: 'allowed',
      personId,
      recordType: 'screening',
      recordId: recorded.id,
      details: { ruleSetId: ruleSet.id, outcome: recorded.result.outcome },
    })
    return { state: 'done', screeningId: recorded.id, result: recorded.result }
  })
}
