import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { overrideForm, readWith, type Problem, type Reading } from '../forms.ts'
import { screeningPaths } from '../paths.ts'
import { findScreeningInScope, overrideScreening, type ScreeningView } from '../repository.ts'
import { overrideProblem, type OverrideOutcome } from '../rules.ts'
import { pageProblems } from './page-problems.ts'
import { renderScreening, screeningIdOf } from './show-screening.ts'

export interface OverrideAnswers {
  outcome: OverrideOutcome
  reason: string
}

export type OverrideResult =
  | { state: 'notFound' }
  | { state: 'invalid'; screening: ScreeningView; problems: Problem[] }
  /** The caller is not clinical staff of a health organisation. */
  | { state: 'forbidden'; screening: ScreeningView }
  | { state: 'alreadyOverridden'; screening: ScreeningView }
  | { state: 'done'; screening: ScreeningView }

/**
 * A clinician's override of a screening's computed outcome, for the page and the API alike,
 * in one transaction with its audit row (last, whatever the outcome). Scope first (404);
 * then the form, so a malformed request is a 400 whoever sends it; then the clinician
 * check (403) — only clinical roles of a health organisation override, the same people who
 * may read health-only data — before anything is written; one override per screening.
 */
export async function decideOverride(request: FastifyRequest, screeningId: string, reading: Reading<OverrideAnswers>): Promise<OverrideResult> {
  const principal = request.principal!
  return inTransaction(request.server.database.db, async (tx): Promise<OverrideResult> => {
    const screening = await findScreeningInScope(tx, request.scope!, screeningId)
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details: Record<string, unknown> = {}) =>
      auditRequest(tx, request, { action: 'screening.override', outcome, ...(screening ? { personId: screening.personId, recordType: 'screening', recordId: screeningId } : {}), details: screening ? details : { screeningId } })
    if (!screening) {
      await audit('denied')
      return { state: 'notFound' }
    }
    if (!reading.ok) {
      await audit('failed', { problems: reading.problems.map((problem) => problem.key) })
      return { state: 'invalid', screening, problems: reading.problems }
    }
    if (!principal.readsHealthOnly) {
      await audit('denied', { problem: 'not_clinician' })
      return { state: 'forbidden', screening }
    }
    const { outcome, reason } = reading.value
    const problem = overrideProblem({ computed_outcome: screening.computedOutcome, override_outcome: screening.override?.outcome ?? null }, outcome)
    if (problem === 'same_as_computed') {
      await audit('failed', { problem })
      return { state: 'invalid', screening, problems: [{ field: 'outcome', key: 'screening.override.errors.sameAsComputed' }] }
    }
    const recorded = problem === null && (await overrideScreening(tx, { screeningId, personId: screening.personId, outcome, reason, by: principal.userId, organisationId: principal.organisationId }))
    if (!recorded) {
      await audit('failed', { problem: 'already_overridden' })
      return { state: 'alreadyOverridden', screening }
    }
    await audit('allowed', { computedOutcome: screening.computedOutcome, outcome })
    return { state: 'done', screening }
  })
}

/** The override form on the screening page: back to the page with the override, or the page again with what is wrong. */
export async function overrideFromForm(request: FastifyRequest, reply: FastifyReply) {
  const screeningId = screeningIdOf(request)
  const result = await decideOverride(request, screeningId, readWith(overrideForm, request.body))
  const { content } = request.server
  switch (result.state) {
    case 'notFound':
      throw notFound()
    case 'invalid':
      return renderScreening(request, reply, result.screening, { status: 400, values: (request.body ?? {}) as Record<string, unknown>, ...pageProblems(content, result.problems) })
    case 'forbidden':
      return renderScreening(request, reply, result.screening, { status: 403, refusal: content.t('screening.override.forbidden') })
    case 'alreadyOverridden':
      return renderScreening(request, reply, result.screening, { status: 409, refusal: content.t('screening.override.alreadyOverridden') })
    case 'done':
      return reply.redirect(screeningPaths.screening({ screeningId }), 303)
  }
}
