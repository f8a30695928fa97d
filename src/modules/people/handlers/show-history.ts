import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { changesOf, findPerson } from '../repository.ts'
import { describeChange } from '../rules.ts'
import { wordingOf } from './show-person.ts'
import { personIdOf, type PersonRequest } from './sections.ts'

/** Every change to the record, newest first: who, when, and what changed, in words. */
export async function showHistory(request: PersonRequest, reply: FastifyReply) {
  const personId = personIdOf(request)
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const person = await findPerson(tx, request.scope!, personId)
    if (!person) {
      await auditRequest(tx, request, { action: 'person.view', outcome: 'denied', personId })
      return null
    }
    const changes = await changesOf(tx, personId)
    await auditRequest(tx, request, { action: 'person.view', outcome: 'allowed', personId, recordType: 'person_change', details: { changes: changes.length } })
    return { person, changes }
  })
  if (!found) throw notFound()
  const words = wordingOf(request)
  const changes = found.changes.map((row) => ({ at: row.changed_at, by: row.changed_by_name, ...describeChange(row.section, row.changes, words) }))
  return reply.view('people/views/history.njk', { person: found.person, changes })
}
