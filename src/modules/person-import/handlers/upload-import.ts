import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { newId } from '../../../platform/db/ids.ts'
import { isUploadedFile } from '../../../platform/files/index.ts'
import { formError } from '../../../platform/http/forms.ts'
import { checkFile, insertPeople, type RejectedRow } from '../import-people.ts'
import { personImportPaths } from '../paths.ts'
import { deleteOldRejections, recordImport, recordRejections, teamsOf } from '../repository.ts'
import { importColumns } from '../rules.ts'

const template = 'person-import/views/import.njk'

async function renderForm(request: FastifyRequest, reply: FastifyReply, values: { team?: unknown }, problem?: ReturnType<typeof formError>) {
  const teams = await teamsOf(request.server.database.db, request.principal!.teamIds)
  // With one team there is nothing to choose.
  const team = typeof values.team === 'string' ? values.team : teams.length === 1 ? teams[0]?.id : undefined
  return reply.code(problem ? 400 : 200).view(template, { teams, columns: importColumns, values: { team }, maxMegabytes: request.server.files.maxMegabytes, ...problem })
}

export async function showImportForm(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, {})
}

/**
 * Checks the whole file, then imports everyone in one transaction, or no one: a file with
 * any rejected row writes no person, and its rejected rows are kept for the uploader to
 * page through and download. The audit row names the file by checksum, never its contents.
 */
export async function uploadImport(request: FastifyRequest, reply: FastifyReply) {
  const { content, database } = request.server
  const body = (request.body ?? {}) as Record<string, unknown>
  const principal = request.principal!
  const problems = (found: Array<[field: string, key: string, params?: Record<string, string | number>]>) => {
    const each = found.map(([field, key, params]) => formError(field, content.t(key, params)))
    return renderForm(request, reply, body, { errors: each.flatMap((one) => one.errors), fieldErrors: Object.assign({}, ...each.map((one) => one.fieldErrors)) })
  }

  const teamId = typeof body.team === 'string' && principal.teamIds.includes(body.team) ? body.team : null
  const file = isUploadedFile(body.file) ? body.file : null
  // With no file chosen, a browser still sends the field: no name and no bytes.
  const fileProblem: [string, string, Record<string, number>?] | null =
    file === null || (file.fileName === '' && file.bytes.length === 0)
      ? ['file', 'personImport.upload.errors.fileMissing']
      : file.bytes.length === 0
        ? ['file', 'personImport.upload.errors.fileEmpty']
        : file.tooLarge
          ? ['file', 'personImport.upload.errors.fileTooLarge', { megabytes: request.server.files.maxMegabytes }]
          : null
  const teamProblem: [string, string] | null = teamId === null ? ['team', 'personImport.upload.errors.teamMissing'] : null
  if (file === null || fileProblem || teamProblem || teamId === null) return problems([teamProblem, fileProblem].filter((found) => found !== null))

  const source = { open: () => [file.bytes] }
  const rejected: RejectedRow[] = []
  const checked = await checkFile(database.db, request.scope!, source, { onRejected: (row) => void rejected.push(row) })
  if (!checked.ok) return problems([['file', checked.problem.key, checked.problem.params]])

  const importId = newId()
  const record = { id: importId, requestedBy: principal.userId, teamId, status: 'imported' as const, checksum: checked.checksum, columns: checked.columns, rows: checked.rows, imported: 0, rejected: checked.rejected }
  const audit = { recordType: 'person_import', recordId: importId, details: { rows: checked.rows, rejected: checked.rejected, checksum: checked.checksum, teamId } }
  if (checked.rejected > 0) {
    await inTransaction(database.db, async (tx) => {
      await deleteOldRejections(tx, new Date())
      await recordImport(tx, { ...record, status: 'rejected' })
      await recordRejections(tx, importId, rejected)
      await auditRequest(tx, request, { action: 'person-import.import', outcome: 'failed', ...audit })
    })
  } else {
    await insertPeople(database.db, source, checked, {
      actorUserId: principal.userId,
      teamId,
      finish: async (tx, imported) => {
        await recordImport(tx, { ...record, imported })
        await auditRequest(tx, request, { action: 'person-import.import', outcome: 'allowed', ...audit, details: { ...audit.details, imported } })
      },
    })
  }
  return reply.redirect(personImportPaths.importResult({ importId }), 303)
}
