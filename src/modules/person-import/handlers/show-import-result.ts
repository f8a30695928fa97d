import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { importResultPage, personImportPaths } from '../paths.ts'
import { findOwnImport, rejectionsKeptDays, rejectionsPage, type ImportSummary } from '../repository.ts'
import { problemInWords } from '../rules.ts'

export type ImportRequest = FastifyRequest<{ Params: { importId: string }; Querystring: { page?: string } }>

export const rowsPerPage = 50

/** The caller's own import; anyone else's (and a made-up id) is not found. */
export async function ownImport(request: ImportRequest): Promise<ImportSummary> {
  const { importId } = request.params
  const found = isId(importId) ? await findOwnImport(request.server.database.db, request.principal!.userId, importId) : undefined
  if (!found) throw notFound()
  return found
}

/** "N people imported", or the rejected rows a page at a time with what is wrong with each. Rows are what was typed about people, so reading them is audited. */
export async function showImportResult(request: ImportRequest, reply: FastifyReply) {
  const summary = await ownImport(request)
  const requested = request.query.page
  const page = typeof requested === 'string' && /^[1-9]\d{0,5}$/.test(requested) ? Number(requested) : 1
  const rows = await inTransaction(request.server.database.db, async (tx) => {
    const found = summary.status === 'rejected' ? await rejectionsPage(tx, summary.id, { limit: rowsPerPage, offset: (page - 1) * rowsPerPage }) : []
    await auditRequest(tx, request, { action: 'person-import.view', outcome: 'allowed', recordType: 'person_import', recordId: summary.id, details: { page, shown: found.length } })
    return found
  })
  const { content } = request.server
  const pages = Math.max(1, Math.ceil(summary.rejected_count / rowsPerPage))
  return reply.view('person-import/views/result.njk', {
    summary,
    rows: rows.map((row) => ({ row: row.row_number, problems: row.problems.map((problem) => problemInWords(problem, content)) })),
    range: { from: (page - 1) * rowsPerPage + 1, to: (page - 1) * rowsPerPage + rows.length, total: summary.rejected_count },
    previous: page > 1 ? { href: importResultPage(summary.id, page - 1) } : undefined,
    next: page < pages ? { href: importResultPage(summary.id, page + 1) } : undefined,
    downloadHref: personImportPaths.rejectedRows({ importId: summary.id }),
    keptDays: rejectionsKeptDays,
    // Deleted after a week (repository.ts): the page says so rather than showing an empty list.
    rowsGone: summary.status === 'rejected' && page === 1 && rows.length === 0,
  })
}
