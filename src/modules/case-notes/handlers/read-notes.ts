import type { FastifyRequest } from 'fastify'
import type { Tx } from '../../../platform/db/database.ts'
import type { CaseView } from '../../casework/index.ts'
import { notesApiQuery } from '../forms.ts'
import { originalNoteCount, originalNotes, withHistory, type NoteWithHistory, type NotesFilter } from '../repository.ts'
import { noteReadingOf, readableHealthOnly, type NoteCategory } from '../rules.ts'

/** The notes section is shown to readers of either kind of note; each note needs its own kind. */
export const noteCategories: readonly NoteCategory[] = ['case_note', 'clinical_note']

export const notesPageSize = 20

/** What the caller may read of notes in this case, as the `health_only` values every query applies. */
export function healthOnlyReadBy(caseView: CaseView): boolean[] {
  return readableHealthOnly(noteReadingOf(caseView.readable))
}

/** The type filter and page asked for; anything not understood is dropped, so an old link still opens the list. */
export function notesQuery(request: FastifyRequest): NotesFilter & { page: number } {
  const query = notesApiQuery.parse(request.query ?? {})
  return { type: query.type, page: query.page ?? 1 }
}

export interface NotesPage {
  notes: NoteWithHistory[]
  total: number
}

export async function readNotesPage(tx: Tx, caseView: CaseView, query: NotesFilter & { page: number }): Promise<NotesPage> {
  const healthOnly = healthOnlyReadBy(caseView)
  const originals = await originalNotes(tx, caseView.id, healthOnly, query, { limit: notesPageSize, offset: (query.page - 1) * notesPageSize })
  return { notes: await withHistory(tx, caseView.id, originals, healthOnly), total: await originalNoteCount(tx, caseView.id, healthOnly, query) }
}
