import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { breakGlassInForce, findPerson, openInvolvements } from '../repository.ts'

type PersonRequest = FastifyRequest<{ Params: { personId: string } }>

/**
 * Reads the person summary in scope, with its audit row in the same transaction. Out of
 * scope and nonexistent look the same (404), so neither the page nor the API confirms
 * that someone is known to another agency; the refused attempt is audited.
 */
async function readPersonSummary(request: PersonRequest) {
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
  return summary
}

export async function showPerson(request: PersonRequest, reply: FastifyReply) {
  return reply.view('people/views/person.njk', await readPersonSummary(request))
}

/** The same summary for API clients (bearer tokens), with the same scope and audit. */
export async function personForApi(request: PersonRequest, reply: FastifyReply) {
  const { person, involvements, breakGlass } = await readPersonSummary(request)
  return reply.send({
    id: person.id,
    givenName: person.given_name,
    familyName: person.family_name,
    dateOfBirth: person.date_of_birth,
    restricted: person.is_restricted,
    involvements: involvements.map((involvement) => ({ team: involvement.team_name, organisation: involvement.organisation_name, startedOn: involvement.started_on })),
    breakGlassUntil: breakGlass?.expires_at ?? null,
  })
}
