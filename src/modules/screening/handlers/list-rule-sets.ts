import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { allRuleSets, screeningCountsByRuleSet } from '../repository.ts'
import { versionStatus } from '../rules.ts'

/** Every version of the screening criteria: configuration, not personal data, so the page is not audited. */
export async function listRuleSets(request: FastifyRequest, reply: FastifyReply) {
  const { ruleSets, counts } = await inTransaction(request.server.database.db, async (tx) => ({ ruleSets: await allRuleSets(tx), counts: await screeningCountsByRuleSet(tx) }))
  const today = request.scope!.today
  return reply.view('screening/views/rule-sets.njk', {
    ruleSets: ruleSets.map((ruleSet) => ({ ...ruleSet, status: versionStatus(ruleSets, ruleSet, today), screenings: counts.get(ruleSet.id) ?? 0 })),
  })
}
