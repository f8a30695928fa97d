import type { FastifyReply, FastifyRequest } from 'fastify'
import { fileSizeInWords } from '../../services/index.ts'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { caseAttachments, referralDocuments } from '../repository.ts'
import { attachmentView } from './note-views.ts'
import { healthOnlyReadBy, noteCategories } from './read-notes.ts'

/**
 * The documents section: every attachment of the case's notes the caller may read, and the
 * documents sent with the case's referral when the caller reads referrals and is on either
 * side of it (where the referral's own download lets them in).
 */
export async function showDocuments(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'case.documents.view', categories: noteCategories }, async (tx, caseView) => ({
    noteDocuments: await caseAttachments(tx, caseView.id, healthOnlyReadBy(caseView)),
    referralDocuments: caseView.readable.has('referral') ? await referralDocuments(tx, request.scope!, caseView.referral_id) : [],
  }))
  const { t } = request.server.content
  return renderCaseSection(reply, 'case-notes/views/documents.njk', read, 'documents', {
    noteDocuments: (read.section?.noteDocuments ?? []).map((row) => ({ ...attachmentView(request, row), noteType: row.note_type, healthOnly: row.health_only })),
    referralDocuments: (read.section?.referralDocuments ?? []).map((row) => ({ ...row, size: fileSizeInWords(row.size_bytes, t) })),
  })
}
