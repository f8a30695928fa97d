import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { CorruptedFileError, readVerifiedDocument, sendPrivateDocument } from '../../../platform/files/index.ts'
import { findAttachment, findReferralInScope } from '../repository.ts'
import { idParam, type ReferralRequest } from './referral-form.ts'

/**
 * A supporting document, for either side of the referral: sent as an attachment of the type
 * its bytes were found to be, never cached (it is personal data), and only if its bytes
 * still match the checksum taken when it was uploaded. Reading it is audited.
 */
export async function downloadAttachment(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const attachmentId = idParam(request, 'attachmentId')
  const { db } = request.server.database
  const attachment = await inTransaction(db, async (tx) => {
    const referral = await findReferralInScope(tx, request.scope!, referralId)
    const found = referral && (await findAttachment(tx, referralId, attachmentId))
    const named = found !== undefined && found.file_name === request.params.fileName
    await auditRequest(tx, request, { action: 'referral.attachment.download', outcome: named ? 'allowed' : 'denied', personId: referral?.person_id, recordType: 'referral', recordId: referralId, details: { attachmentId } })
    return named ? found : undefined
  })
  if (!attachment) throw notFound()
  const bytes = await readVerifiedDocument(request.server.files.stores, db, attachment)
  if (!bytes) {
    request.log.error({ referralId, attachmentId, storage: attachment.storage }, 'stored file is missing or does not match its checksum; not served')
    throw new CorruptedFileError(`referral attachment ${attachmentId} failed its checksum`)
  }
  return sendPrivateDocument(reply, attachment, bytes)
}
