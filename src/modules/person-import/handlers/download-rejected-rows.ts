import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import type { Content } from '../../../platform/content/content.ts'
import { inTransaction, type Db } from '../../../platform/db/database.ts'
import { csvRow } from '../../../platform/http/csv.ts'
import { eachRejection } from '../repository.ts'
import { reasonInWords } from '../rules.ts'
import { ownImport, type ImportRequest } from './show-import-result.ts'

/** The file's own columns as uploaded, then the row number and what is wrong, so the rows can be fixed and uploaded again. */
async function* csvLines(db: Db, content: Content, importId: string, columns: readonly string[]): AsyncGenerator<string> {
  // The byte-order mark makes Excel read the file as UTF-8 (names such as Siân); the import ignores it.
  yield `\uFEFF${csvRow([...columns, 'row', 'reason'])}`
  for await (const rejection of eachRejection(db, importId)) yield csvRow([...rejection.cells, rejection.row_number, reasonInWords(rejection.problems, content)])
}

export async function downloadRejectedRows(request: ImportRequest, reply: FastifyReply) {
  const summary = await ownImport(request)
  const { db } = request.server.database
  // Recorded, and committed, before the first row leaves: an interrupted download is still on the record.
  await inTransaction(db, (tx) => auditRequest(tx, request, { action: 'person-import.download', outcome: 'allowed', recordType: 'person_import', recordId: summary.id, details: { rows: summary.rejected_count } }))
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="rejected-rows-${summary.created_at.slice(0, 10)}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(csvLines(db, request.server.content, summary.id, summary.columns)))
}
