import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Content } from '../../../platform/content/content.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { csvRow } from '../../../platform/http/csv.ts'
import { recordReportRead } from '../audit.ts'
import { readPeopleByEthnicity, type PeopleByEthnicity, type ShownRow } from '../people-by-ethnicity.ts'
import { reportSettings } from '../settings.ts'

function* csvLines(content: Content, report: PeopleByEthnicity): Generator<string> {
  // The byte-order mark makes spreadsheets read the file as UTF-8; numbers are written without separators.
  yield `\uFEFF${csvRow([content.t('reports.peopleByEthnicity.ethnicity'), ...report.services.map((service) => service.name), content.t('reports.peopleByEthnicity.allServices')])}`
  const plain = (text: string) => text.replaceAll(',', '')
  for (const row of [...report.rows, report.totals] satisfies ShownRow[]) yield csvRow([row.label, ...row.cells.map((cell) => plain(cell.text)), plain(row.total.text)])
}

/** The same table as a CSV file, hidden numbers hidden the same way; recorded before it is sent. */
export async function downloadPeopleByEthnicity(request: FastifyRequest, reply: FastifyReply) {
  const { smallNumberThreshold } = reportSettings(request.server.content)
  const report = await inTransaction(request.server.database.db, async (tx) => {
    const read = await readPeopleByEthnicity(tx, request.server.content, smallNumberThreshold)
    await recordReportRead(tx, request, 'report.export', { report: 'people-by-ethnicity', threshold: smallNumberThreshold })
    return read
  })
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="people-by-ethnic-group-${new Date().toISOString().slice(0, 10)}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(csvLines(request.server.content, report)))
}
