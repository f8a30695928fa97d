import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { findPossibleMatches, type PossibleMatches } from '../../person-matching/index.ts'
import type { NewPersonRecord } from '../person-fields.ts'
import { insertPersonRecords } from '../repository.ts'

export type Creation = { state: 'matches'; matches: PossibleMatches } | { state: 'created'; personId: string }

/**
 * Creates the person with an open involvement for `teamId` — unless possible matches exist
 * and the user has not yet said none of them is this person, in which case the matches
 * come back instead. Only matches in the caller's scope are named; of the others, only
 * that one exists. The check, the record, its history row and the audit row share one
 * transaction, so a record added meanwhile by someone else is matched, not duplicated.
 */
export async function createOrMatch(request: FastifyRequest, record: NewPersonRecord, teamId: string, confirmedNoMatch: boolean): Promise<Creation> {
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx) => {
    if (!confirmedNoMatch) {
      const matches = await findPossibleMatches(tx, scope, { givenName: record.givenName, familyName: record.familyName, dateOfBirth: record.dateOfBirth, identifiers: record.identifiers })
      if (matches.inScope.length > 0 || matches.elsewhere) {
        // Showing in-scope matches is a read of their records.
        await auditRequest(tx, request, { action: 'person.search', outcome: 'allowed', details: { purpose: 'duplicate_check', shown: matches.inScope.map((match) => match.personId), elsewhere: matches.elsewhere } })
        return { state: 'matches', matches }
      }
    }
    const [personId = ''] = await insertPersonRecords(tx, request.principal!.userId, [record], teamId)
    await auditRequest(tx, request, {
      action: 'person.change',
      outcome: 'allowed',
      personId,
      recordType: 'person',
      recordId: personId,
      details: { created: true, teamId, confirmedNoMatch, identifiers: record.identifiers.map((identifier) => identifier.kind) },
    })
    return { state: 'created', personId }
  })
}
