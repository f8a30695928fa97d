import { path } from '../../platform/http/paths.ts'

export const caseNotesPaths = {
  list: path('/cases/:allocationId/notes'),
  /** GET the form; POST adds the note (with an attachment, as a multipart form). */
  newNote: path('/cases/:allocationId/notes/new'),
  /** GET the form; POST adds an amendment: the note itself is never changed. */
  amend: path('/cases/:allocationId/notes/:noteId/amend'),
  attachment: path('/cases/:allocationId/notes/:noteId/attachments/:noteAttachmentId'),
  /** Every document of the case: the notes' attachments and the referral's. */
  documents: path('/cases/:allocationId/documents'),
  api: {
    notes: path('/api/v1/cases/:allocationId/notes'),
    amendments: path('/api/v1/cases/:allocationId/notes/:noteId/amendments'),
  },
}

/** The notes list of one type, at a page; "every type" and the first page leave the query out. */
export function notesListPage(allocationId: string, filter: { type?: string | undefined; page?: number }): string {
  const query = new URLSearchParams()
  if (filter.type) query.set('type', filter.type)
  if (filter.page !== undefined && filter.page > 1) query.set('page', String(filter.page))
  const list = caseNotesPaths.list({ allocationId })
  return query.size > 0 ? `${list}?${query.toString()}` : list
}
