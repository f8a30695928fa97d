import type { FastifyReply, FastifyRequest } from 'fastify'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { loadPlan } from '../sections.ts'

/** The pathway plan: the recommended pathway, the review date and the goals with their actions, overdue ones marked. */
export async function showPlan(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'plan.view', categories: ['plan'] }, (tx, caseView) => loadPlan(tx, caseView, request.scope!.today))
  const mayWrite = request.principal!.capabilities.has('casework:write') && read.caseView.status === 'active'
  return renderCaseSection(reply, 'formulation/views/plan.njk', read, 'plan', { planSection: read.section, mayWrite })
}
