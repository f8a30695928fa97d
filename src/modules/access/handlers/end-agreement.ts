import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { accessPaths } from '../paths.ts'
import { endAgreement } from '../repository.ts'
import { lastDayWhenEndedOn } from '../rules.ts'
import { organisationOf, ownAgreement } from './lookups.ts'

/**
 * Ends an agreement with immediate effect: its last day becomes yesterday, by the same
 * calendar as the scope rule, so the parties lose access with this request.
 */
export async function endSharingAgreement(request: FastifyRequest, reply: FastifyReply) {
  const agreement = await ownAgreement(request)
  const lastDay = lastDayWhenEndedOn(request.scope!.today)
  await inTransaction(request.server.database.db, async (tx) => {
    if (!(await endAgreement(tx, organisationOf(request), agreement.id, lastDay))) return
    await auditRequest(tx, request, {
      action: 'access.agreement.end',
      outcome: 'allowed',
      recordType: 'sharing_agreement',
      recordId: agreement.id,
      details: { endsOn: lastDay, previousEndsOn: agreement.ends_on },
    })
  })
  return reply.redirect(accessPaths.agreement({ agreementId: agreement.id }), 303)
}
