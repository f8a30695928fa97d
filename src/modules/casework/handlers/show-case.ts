import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import type { Tx } from '../../../platform/db/database.ts'
import { readCaseSection, renderCaseSection, type CaseView, type SectionRead } from '../case.ts'
import { currentTier, deliversService, tierHistory } from '../repository.ts'

/** The categories that make the overview readable. */
export const overviewCategories = ['identity', 'referral', 'plan', 'contact', 'risk', 'case_note'] as const

/** What the overview shows besides the case header: the tier now and before (part of the plan), and whether the caller may close the case. */
export async function loadOverview(tx: Tx, request: FastifyRequest, caseView: CaseView) {
  const readsPlan = caseView.readable.has('plan')
  return {
    tier: readsPlan ? await currentTier(tx, caseView.id) : undefined,
    tiers: readsPlan ? await tierHistory(tx, caseView.id) : [],
    // Ending the place is the service's to do: allocation:manage in a team delivering it.
    mayClose: caseView.status === 'active' && request.principal!.capabilities.has('allocation:manage') && (await deliversService(tx, request.scope!, caseView.service_id)),
  }
}

export type Overview = Awaited<ReturnType<typeof loadOverview>>

/** Renders the overview; a failed tier form comes back here with its errors and what was typed. */
export function renderOverview(request: FastifyRequest, reply: FastifyReply, read: SectionRead<Overview>, shown: { status?: number; values?: Record<string, unknown>; errors?: unknown; fieldErrors?: Record<string, { text: string }> } = {}) {
  const { status = 200, values = {}, ...problems } = shown
  const { caseView, section } = read
  const mayRecordTier = caseView.status === 'active' && caseView.readable.has('plan') && request.principal!.capabilities.has('casework:write')
  return renderCaseSection(reply, 'casework/views/overview.njk', read, 'overview', { ...section, mayRecordTier, tierCodes: codeList('community_tier').codes, values, fieldErrors: {}, ...problems }, status)
}

/** The case overview: the place, the workers, the tier and, once closed, the closing summary. */
export async function showCase(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'case.view', categories: overviewCategories }, (tx, caseView) => loadOverview(tx, request, caseView))
  return renderOverview(request, reply, read)
}
