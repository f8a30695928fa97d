import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { checkUploadedDocument, documentTypes, safeDownloadName, sha256Hex } from '../../../platform/files/index.ts'
import { attachmentForm } from '../forms.ts'
import { referralsPaths } from '../paths.ts'
import { addAttachment, attachmentsOf, findReferralDetail, removeAttachment, type AttachmentRow, type ReferralDetail } from '../repository.ts'
import { editableStatuses } from '../rules.ts'
import { idParam, type PageProblems, type ReferralRequest } from './referral-form.ts'

/*
 * Supporting documents: added and removed by the referrer's side while the referral is a
 * draft or the service has asked for more information; read by both sides. A file is kept
 * only if its bytes are a PDF, Word or OpenDocument text and the scanner calls it clean; it
 * is stored under a generated key with its checksum.
 */

type Access = { state: 'notFound' } | { state: 'closed' } | { state: 'open'; referral: ReferralDetail }

/** The referral, if the caller is on its referrer's side and it still takes documents. */
async function documentsAccess(tx: Tx, request: FastifyRequest, referralId: string): Promise<Access> {
  const referral = await findReferralDetail(tx, request.scope!, referralId)
  if (!referral || !referral.sides.includes('referrer')) return { state: 'notFound' }
  return editableStatuses.includes(referral.status) ? { state: 'open', referral } : { state: 'closed' }
}

interface DocumentsPage {
  referral: ReferralDetail
  attachments: AttachmentRow[]
}

async function documentsPage(tx: Tx, referral: ReferralDetail): Promise<DocumentsPage> {
  return { referral, attachments: await attachmentsOf(tx, referral.id) }
}

function renderDocuments(request: FastifyRequest, reply: FastifyReply, page: DocumentsPage, form: { values?: Record<string, unknown>; problems?: PageProblems; status?: number } = {}) {
  const referralId = page.referral.id
  return reply.code(form.status ?? 200).view('referrals/views/attachments.njk', {
    referral: page.referral,
    attachments: page.attachments.map((attachment) => ({ ...attachment, href: referralsPaths.download({ referralId, attachmentId: attachment.id, fileName: attachment.file_name }) })),
    maxMegabytes: request.server.files.maxMegabytes,
    values: form.values ?? {},
    ...form.problems,
  })
}

/** Where a request that cannot touch the documents goes: nowhere (not found), or back to a referral that no longer takes them. */
function turnedAway(reply: FastifyReply, state: 'notFound' | 'closed', referralId: string) {
  if (state === 'notFound') throw notFound()
  return reply.redirect(referralsPaths.referral({ referralId }), 303)
}

export async function showAttachments(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const shown = await inTransaction(request.server.database.db, async (tx): Promise<DocumentsPage | 'notFound' | 'closed'> => {
    const access = await documentsAccess(tx, request, referralId)
    if (access.state !== 'open') {
      await auditRequest(tx, request, { action: 'referral.view', outcome: 'denied', recordType: 'referral', recordId: referralId })
      return access.state
    }
    const page = await documentsPage(tx, access.referral)
    await auditRequest(tx, request, { action: 'referral.view', outcome: 'allowed', personId: access.referral.person_id, recordType: 'referral', recordId: referralId })
    return page
  })
  return typeof shown === 'string' ? turnedAway(reply, shown, referralId) : renderDocuments(request, reply, shown)
}

function problemAt(request: FastifyRequest, field: string, key: string): PageProblems {
  const text = request.server.content.t(key, { megabytes: request.server.files.maxMegabytes })
  return { errors: [{ field, text, href: `#${field}` }], fieldErrors: { [field]: { text } } }
}

export async function uploadAttachment(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const body = (request.body ?? {}) as Record<string, unknown>
  const { file: _file, ...values } = body
  const { db } = request.server.database
  const { stores, scanner } = request.server.files
  const form = parseForm(attachmentForm, body, request.server.content)
  const checked = checkUploadedDocument(body.file)
  // Scanned before the transaction, which holds the database's write lock on SQLite.
  const verdict = checked.ok ? await scanner.scan(checked.file.bytes) : undefined
  const store = stores.forNewFiles
  let savedKey: string | undefined
  type Upload = { state: 'notFound' | 'closed' | 'added' } | { state: 'refused'; page: DocumentsPage; problems: PageProblems; status: number }
  let upload: Upload
  try {
    upload = await inTransaction(db, async (tx): Promise<Upload> => {
      const access = await documentsAccess(tx, request, referralId)
      const audit = (outcome: 'allowed' | 'denied' | 'failed', details?: Record<string, unknown>) =>
        auditRequest(tx, request, { action: 'referral.attachment.add', outcome, ...(access.state === 'open' ? { personId: access.referral.person_id } : {}), recordType: 'referral', recordId: referralId, ...(details ? { details } : {}) })
      if (access.state !== 'open') {
        await audit('denied')
        return { state: access.state }
      }
      const refuse = async (outcome: 'failed' | 'denied', problems: PageProblems, status: number, details: Record<string, unknown>): Promise<Upload> => {
        const page = await documentsPage(tx, access.referral)
        await audit(outcome, details)
        return { state: 'refused', page, problems, status }
      }
      if (!form.ok) return refuse('failed', form, 400, { problems: form.errors.map((error) => error.field) })
      if (!checked.ok) return refuse('failed', problemAt(request, 'file', `referrals.attachments.errors.${checked.problem}`), checked.status, { problem: checked.problem })
      if (verdict !== 'clean') {
        request.log.warn({ referralId, scanner: scanner.name, verdict }, 'upload refused by the file scanner')
        return refuse('denied', problemAt(request, 'file', `referrals.attachments.errors.${verdict === 'infected' ? 'fileInfected' : 'scanFailed'}`), 400, { verdict })
      }
      savedKey = await store.save(tx, checked.file.bytes)
      const attachment = {
        referral_id: referralId,
        title: form.value.title,
        file_name: safeDownloadName(checked.file.fileName, checked.type),
        media_type: documentTypes[checked.type].contentType,
        size_bytes: checked.file.bytes.byteLength,
        sha256: sha256Hex(checked.file.bytes),
        storage: store.kind,
        storage_key: savedKey,
        uploaded_by: request.principal!.userId,
        uploaded_at: request.scope!.now,
      }
      const attachmentId = await addAttachment(tx, attachment)
      await audit('allowed', { attachmentId, documentType: checked.type, byteSize: attachment.size_bytes, sha256: attachment.sha256, storage: store.kind })
      return { state: 'added' }
    })
  } catch (error) {
    // Bytes written outside the transaction (to disk) go with it.
    if (savedKey) await store.discard(db, savedKey).catch(() => undefined)
    throw error
  }
  if (upload.state === 'refused') return renderDocuments(request, reply, upload.page, { values, problems: upload.problems, status: upload.status })
  if (upload.state === 'added') return reply.redirect(referralsPaths.attachments({ referralId }), 303)
  return turnedAway(reply, upload.state, referralId)
}

export async function removeReferralAttachment(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const attachmentId = idParam(request, 'attachmentId')
  const state = await inTransaction(request.server.database.db, async (tx) => {
    const access = await documentsAccess(tx, request, referralId)
    const removed = access.state === 'open' && (await removeAttachment(tx, referralId, attachmentId, request.scope!.now))
    await auditRequest(tx, request, {
      action: 'referral.attachment.remove',
      outcome: removed ? 'allowed' : 'denied',
      ...(access.state === 'open' ? { personId: access.referral.person_id } : {}),
      recordType: 'referral',
      recordId: referralId,
      details: { attachmentId },
    })
    return removed ? 'removed' : access.state === 'closed' ? 'closed' : 'notFound'
  })
  return state === 'removed' ? reply.redirect(referralsPaths.attachments({ referralId }), 303) : turnedAway(reply, state, referralId)
}
