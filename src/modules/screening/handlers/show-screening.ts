import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { findScreeningInScope, type ScreeningView } from '../repository.ts'
import { overrideOutcomes, standingOutcome } from '../rules.ts'
import type { PageProblems } from './page-problems.ts'

export function screeningIdOf(request: FastifyRequest): string {
  const { screeningId } = request.params as { screeningId?: string }
  if (screeningId === undefined || !isId(screeningId)) throw notFound()
  return screeningId
}

/** The screening if its person is in the caller's scope, with the read audited (a refused one too). */
export async function readScreening(request: FastifyRequest, screeningId: string): Promise<ScreeningView | undefined> {
  return inTransaction(request.server.database.db, async (tx) => {
    const screening = await findScreeningInScope(tx, request.scope!, screeningId)
    await auditRequest(tx, request, {
      action: 'screening.view',
      outcome: screening ? 'allowed' : 'denied',
      ...(screening ? { personId: screening.personId, recordType: 'screening', recordId: screeningId } : { details: { screeningId } }),
    })
    return screening
  })
}

export interface ScreeningPageState extends Partial<PageProblems> {
  status?: number
  values?: Record<string, unknown>
  /** A problem with the request as a whole (not a field): not a clinician, already overridden. */
  refusal?: string
}

/**
 * The screening page: its outcome, each criterion's answer, the score and the version that
 * decided it; the computed outcome and a clinician's override side by side. A clinician of a
 * health organisation (who may read health-only data) may override an outcome not yet overridden.
 */
export function renderScreening(request: FastifyRequest, reply: FastifyReply, screening: ScreeningView, state: ScreeningPageState = {}) {
  const principal = request.principal!
  const { status = 200, values = {}, ...problems } = state
  const mayRecord = principal.capabilities.has('screening:record')
  return reply.code(status).view('screening/views/screening.njk', {
    screening,
    outcome: standingOutcome({ computed_outcome: screening.computedOutcome, override_outcome: screening.override?.outcome ?? null }),
    overrideOutcomes: overrideOutcomes.filter((outcome) => outcome !== screening.computedOutcome),
    mayOverride: mayRecord && principal.readsHealthOnly && screening.override === null,
    notClinician: mayRecord && !principal.readsHealthOnly && screening.override === null,
    values,
    ...problems,
  })
}

export async function showScreening(request: FastifyRequest, reply: FastifyReply) {
  const screening = await readScreening(request, screeningIdOf(request))
  if (!screening) throw notFound()
  return renderScreening(request, reply, screening)
}
