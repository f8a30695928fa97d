import type { FastifyReply, FastifyRequest } from 'fastify'
import { readCaseSection, renderCaseSection } from '../case.ts'
import { currentTier } from '../repository.ts'

/** The case overview: the place, the workers, the tier and, once closed, the closing summary. */
export async function showCase(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'case.view', categories: ['identity', 'referral', 'plan', 'contact', 'risk', 'case_note'] }, async (tx, caseView) => ({ tier: await currentTier(tx, caseView.id) }))
  return renderCaseSection(reply, 'casework/views/overview.njk', read, 'overview', { tier: read.section?.tier })
}
