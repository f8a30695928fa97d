import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../../platform/audit/index.ts'
import { inTransaction } from '../../../../platform/db/database.ts'
import { parseForm } from '../../../../platform/http/forms.ts'
import { isUploadedFile, safeDownloadName, sha256Hex, sniffDocumentType, type DocumentType, type UploadedFile } from '../../../../platform/files/index.ts'
import { downloadForm } from '../../forms.ts'
import { servicesPaths } from '../../paths.ts'
import { addDownload as insertDownload, type ServiceDetail } from '../../repository.ts'
import { fieldProblem, managedService, type FormProblem } from './lookups.ts'
import { recordChange } from './service-change.ts'

function renderForm(request: FastifyRequest, reply: FastifyReply, service: ServiceDetail, values: unknown, problem?: FormProblem, status = 400) {
  const { file: _file, ...typed } = (values ?? {}) as Record<string, unknown>
  return reply.code(problem ? status : 200).view('services/views/manage/download.njk', { service, values: typed, maxMegabytes: request.server.files.maxMegabytes, ...problem })
}

export async function showNewDownload(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(request, reply, await managedService(request), {})
}

type FileCheck = { ok: true; file: UploadedFile; type: DocumentType } | { ok: false; key: string; status: number }

/** The file's problem, if any, in the order a person fixes them: none chosen, too big, not a document. */
function checkFile(value: unknown): FileCheck {
  if (!isUploadedFile(value) || value.bytes.byteLength === 0) return { ok: false, key: 'fileMissing', status: 400 }
  if (value.tooLarge) return { ok: false, key: 'fileTooLarge', status: 413 }
  const type = sniffDocumentType(value.bytes)
  return type ? { ok: true, file: value, type } : { ok: false, key: 'fileType', status: 400 }
}

/**
 * A file for referrers: refused unless its bytes are a PDF, Word or OpenDocument text,
 * and the scanner calls it clean; then stored under a generated key with its checksum.
 */
export async function addDownload(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const body = (request.body ?? {}) as Record<string, unknown>
  const form = parseForm(downloadForm, body, request.server.content)
  if (!form.ok) return renderForm(request, reply, service, body, form)
  const checked = checkFile(body.file)
  const problemWith = (key: string, status = 400) =>
    renderForm(request, reply, service, body, fieldProblem(request, 'file', `services.manage.download.errors.${key}`, { megabytes: request.server.files.maxMegabytes }), status)
  if (!checked.ok) return problemWith(checked.key, checked.status)

  const { db } = request.server.database
  const { stores, scanner } = request.server.files
  const verdict = await scanner.scan(checked.file.bytes)
  if (verdict !== 'clean') {
    request.log.warn({ serviceId: service.id, scanner: scanner.name, verdict }, 'upload refused by the file scanner')
    // A refused file is kept out, and the attempt kept in the trail.
    await inTransaction(db, (tx) =>
      auditRequest(tx, request, { action: 'service.download.add', outcome: 'denied', recordType: 'service', recordId: service.id, details: { serviceOrganisationId: service.organisationId, verdict } }),
    )
    return problemWith(verdict === 'infected' ? 'fileInfected' : 'scanFailed')
  }

  const store = stores.forNewFiles
  const fileName = safeDownloadName(checked.file.fileName, checked.type)
  let savedKey: string | undefined
  try {
    await inTransaction(db, async (tx) => {
      savedKey = await store.save(tx, checked.file.bytes)
      const download = { serviceId: service.id, title: form.value.title, fileName, documentType: checked.type, byteSize: checked.file.bytes.byteLength, sha256: sha256Hex(checked.file.bytes) }
      const downloadId = await insertDownload(tx, { ...download, storage: store.kind, storageKey: savedKey, uploadedBy: request.principal!.userId })
      await recordChange(tx, request, service, {
        action: 'service.download.add',
        history: { detail: `${form.value.title} (${fileName})`, sha256: download.sha256 },
        audit: { downloadId, documentType: checked.type, byteSize: download.byteSize, sha256: download.sha256, storage: store.kind },
      })
    })
  } catch (error) {
    // Bytes written outside the transaction (to disk) go with it.
    if (savedKey) await store.discard(db, savedKey).catch(() => undefined)
    throw error
  }
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
