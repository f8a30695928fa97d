import type { FastifyRequest } from 'fastify'
import { labelOf } from '../../platform/content/code-lists.ts'
import type { Tx } from '../../platform/db/database.ts'
import { addCaseEvent, caseProvider, createCaseTask, openInvolvement, saveClosure, teamToHandOverTo } from './repository.ts'

/*
 * What closing a case adds to the place ending (src/modules/allocations ends the place and
 * moves the referral): the closing summary, a line in the case history, and for a transfer
 * the hand-over — the receiving team sees the person from now on and gets a task to take the
 * case on. The task's words name the services, never the person: whoever reads it sees the
 * person's name only through their own scope.
 */

export interface CaseClosure {
  allocationId: string
  personId: string
  ending: 'completed' | 'ended_early' | 'transferred'
  /** The ending's reason code, if it takes one. */
  reason: string | undefined
  closingSummary: string
  /** The team a transfer hands over to; null otherwise. */
  receivingTeamId: string | null
}

/** Records the closure in the ending's transaction; a receiving team that does not exist is refused (nothing is written). */
export async function recordCaseClosure(tx: Tx, request: FastifyRequest, closure: CaseClosure): Promise<{ ok: true } | { ok: false; problem: 'team_unknown' }> {
  const principal = request.principal!
  const scope = request.scope!
  const transfer = closure.ending === 'transferred'
  const team = transfer && closure.receivingTeamId !== null ? await teamToHandOverTo(tx, closure.receivingTeamId) : undefined
  if (transfer && !team) return { ok: false, problem: 'team_unknown' }
  await saveClosure(tx, closure.allocationId, { closingSummary: closure.closingSummary, transferredToTeamId: team?.id ?? null })
  await addCaseEvent(tx, {
    personId: closure.personId,
    allocationId: closure.allocationId,
    kind: transfer ? 'case.transferred' : 'case.closed',
    category: 'referral',
    organisationId: principal.organisationId,
    recordType: 'allocation',
    recordId: closure.allocationId,
    recordedBy: principal.userId,
    at: scope.now,
    details: { ending: closure.ending, ...(closure.reason ? { reason: closure.reason } : {}), ...(team ? { receivingTeamId: team.id } : {}) },
  })
  if (!team) return { ok: true }

  await openInvolvement(tx, { personId: closure.personId, teamId: team.id, startedOn: scope.today, openedBy: principal.userId })
  const { content } = request.server
  const provider = await caseProvider(tx, closure.allocationId)
  const words = { service: provider.service_name, organisation: provider.organisation_name, reason: closure.reason ? labelOf('transferred_reason', closure.reason) : content.t('casework.handover.noReason') }
  await createCaseTask(tx, {
    kind: 'handover',
    title: content.t('casework.handover.title', words),
    detail: content.t('casework.handover.detail', words),
    assignedTeamId: team.id,
    personId: closure.personId,
    allocationId: closure.allocationId,
    sourceType: 'allocation',
    sourceId: closure.allocationId,
  })
  return { ok: true }
}
