import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { notFound } from '../../../../platform/http/errors.ts'
import { servicesPaths } from '../../paths.ts'
import { removeRule as deleteRule } from '../../repository.ts'
import { describeEligibilityRule } from '../../rules.ts'
import { idParam, managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

/** Removes a condition; the history keeps it in words. */
export async function removeRule(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const ruleId = idParam(request, 'ruleId')
  const found = service.rules.find((candidate) => candidate.id === ruleId)
  if (!found) throw notFound()
  const description = describeEligibilityRule(found.rule, { t: request.server.content.t, organisationName: (id) => service.organisationNames[id] })
  await inTransaction(request.server.database.db, async (tx) => {
    if (!(await deleteRule(tx, scopeOf(request), service.id, ruleId))) return
    await recordChange(tx, request, service, { action: 'service.rule.remove', history: { detail: description, kind: found.rule.kind }, audit: { ruleId, kind: found.rule.kind } })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
