import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { recordReportRead } from '../audit.ts'
import { readPeopleByEthnicity } from '../people-by-ethnicity.ts'
import { reportSettings } from '../settings.ts'

/** The page: the table with small numbers hidden, and a link to download it. */
export async function showPeopleByEthnicity(request: FastifyRequest, reply: FastifyReply) {
  const { smallNumberThreshold } = reportSettings(request.server.content)
  const report = await inTransaction(request.server.database.db, async (tx) => {
    const read = await readPeopleByEthnicity(tx, request.server.content, smallNumberThreshold)
    await recordReportRead(tx, request, 'report.view', { report: 'people-by-ethnicity', threshold: smallNumberThreshold })
    return read
  })
  return reply.view('reports/views/people-by-ethnicity.njk', { report, asOf: new Date().toISOString() })
}
