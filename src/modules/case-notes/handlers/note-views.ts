import type { FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import type { CaseView } from '../../casework/index.ts'
import { fileSizeInWords } from '../../services/index.ts'
import type { AttachmentRow, NoteRow, NoteWithHistory } from '../repository.ts'
import { healthOnlyNoteTypes, noteReadingOf, noteTypesFor, paragraphsOf } from '../rules.ts'

/** One version of a note as a page shows it: who wrote it, when, why (an amendment), and its text as paragraphs of lines. */
function versionView(row: NoteRow) {
  return { id: row.id, authorName: row.author_name, organisationName: row.organisation_name, at: row.created_at, reason: row.amendment_reason, paragraphs: paragraphsOf(row.text) }
}

export function attachmentView(request: FastifyRequest, row: AttachmentRow) {
  return { id: row.id, noteId: row.note_id, title: row.title, fileName: row.file_name, size: fileSizeInWords(row.size_bytes, request.server.content.t), uploadedBy: row.uploaded_by_name, uploadedAt: row.uploaded_at }
}

/**
 * A note as the pages show it: what it says now (its latest amendment, if any), who amended
 * it last and why, and — once amended — the original and every amendment in order.
 */
export function noteView(request: FastifyRequest, item: NoteWithHistory) {
  const latest = item.amendments.at(-1)
  return {
    ...versionView(item.note),
    type: item.note.note_type,
    healthOnly: item.note.health_only,
    paragraphs: paragraphsOf((latest ?? item.note).text),
    latest: latest ? versionView(latest) : null,
    versions: latest ? [item.note, ...item.amendments].map(versionView) : [],
    attachments: item.attachments.map((row) => attachmentView(request, row)),
  }
}

/** What a note form offers the caller: the types they may write, and the health-only box only to clinical readers. */
export function noteFormChoices(caseView: CaseView) {
  const reading = noteReadingOf(caseView.readable)
  return { noteTypes: noteTypesFor(codeList('case_note_type').codes, reading), alwaysHealthOnly: healthOnlyNoteTypes, offersHealthOnly: reading.clinicalNotes }
}
