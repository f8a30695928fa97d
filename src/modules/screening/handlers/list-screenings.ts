import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { findPersonInScope, screeningsOf, type PersonInScope, type ScreeningView } from '../repository.ts'
import { personIdOf } from './screen-person.ts'

/** The person (in the caller's scope) and their screenings, newest first, with the read audited (a refused one too). */
export async function readScreeningsOf(request: FastifyRequest, personId: string): Promise<{ person: PersonInScope; screenings: ScreeningView[] } | null> {
  return inTransaction(request.server.database.db, async (tx) => {
    const person = await findPersonInScope(tx, request.scope!, personId)
    const screenings = person ? await screeningsOf(tx, personId) : []
    await auditRequest(tx, request, { action: 'screening.view', outcome: person ? 'allowed' : 'denied', personId, ...(person ? { recordType: 'person', recordId: personId, details: { screenings: screenings.length } } : {}) })
    return person ? { person, screenings } : null
  })
}

/** A person's screenings, each with the version that decided it and the outcome that stands. */
export async function listScreenings(request: FastifyRequest, reply: FastifyReply) {
  const found = await readScreeningsOf(request, personIdOf(request))
  if (!found) throw notFound()
  return reply.view('screening/views/screenings.njk', {
    ...found,
    // A merged record takes no new screenings: they belong on the record it was merged into.
    mayScreen: request.principal!.capabilities.has('screening:record') && found.person.merged_into_id === null,
  })
}
