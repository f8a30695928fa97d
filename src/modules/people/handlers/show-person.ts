import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { breakGlassInForce, findPerson, openInvolvements } from '../repository.ts'

/**
 * The person summary. Out of scope and nonexistent look the same (404), so the page never
 * confirms that someone is known to another agency; the refused attempt is audited.
 */
export async function showPerson(request: FastifyRequest<{ Params: { personId: string } }>, reply: FastifyReply) {
  const { personId } = request.params
  if (!isId(personId)) throw notFound()
  const scope = request.scope!
  const summary = await inTransaction(request.server.database.db, async (tx) => {
    const person = await findPerson(tx, scope, personId)
    if (!person) {
      await auditRequest(tx, request, { action: 'person.view', outcome: 'denied', personId })
      return null
    }
    const [involvements, breakGlass] = await Promise.all([openInvolvements(tx, personId), breakGlassInForce(tx, scope, personId)])
    await auditRequest(tx, request, { action: 'person.view', outcome: 'allowed', personId, recordType: 'person', recordId: personId })
    return { person, involvements, breakGlass }
  })
  if (!summary) throw notFound()
  return reply.view('people/views/person.njk', summary)
}
