import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { CorruptedFileError, readVerifiedDocument, sendPrivateDocument } from '../../../platform/files/index.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { caseIdOf, findCaseView } from '../../casework/index.ts'
import { findAttachment } from '../repository.ts'
import { healthOnlyReadBy } from './read-notes.ts'

/**
 * A note's attachment, for those who may read the note (a health-only note's only for
 * clinical readers, decided in SQL): sent as an attachment of the type its bytes were found
 * to be, never cached, and only if its bytes still match the checksum taken at upload.
 */
export async function downloadNoteAttachment(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const noteId = idParam(request, 'noteId')
  const attachmentId = idParam(request, 'noteAttachmentId')
  const { db } = request.server.database
  const attachment = await inTransaction(db, async (tx) => {
    const caseView = await findCaseView(tx, request, allocationId)
    const found = caseView && (await findAttachment(tx, caseView.id, noteId, attachmentId, healthOnlyReadBy(caseView)))
    await auditRequest(tx, request, { action: 'case-note.attachment.download', outcome: found ? 'allowed' : 'denied', ...(caseView ? { personId: caseView.person_id } : {}), recordType: 'case_note', recordId: noteId, details: { attachmentId } })
    return found
  })
  if (!attachment) throw notFound()
  const bytes = await readVerifiedDocument(request.server.files.stores, db, attachment)
  if (!bytes) {
    request.log.error({ allocationId, attachmentId, storage: attachment.storage }, 'stored file is missing or does not match its checksum; not served')
    throw new CorruptedFileError(`case note attachment ${attachmentId} failed its checksum`)
  }
  return sendPrivateDocument(reply, attachment, bytes)
}
