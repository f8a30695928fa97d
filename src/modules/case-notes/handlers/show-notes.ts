import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { pageCount, paginationLinks } from '../../../platform/views/lists.ts'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { notesListPage } from '../paths.ts'
import { noteView } from './note-views.ts'
import { noteCategories, notesPageSize, notesQuery, readNotesPage } from './read-notes.ts'

/** The case's notes, newest first, a page at a time, of one type or all: only those the caller may read, chosen in SQL. */
export async function showNotes(request: FastifyRequest, reply: FastifyReply) {
  const query = notesQuery(request)
  const read = await readCaseSection(request, { action: 'case-note.view', categories: noteCategories }, (tx, caseView) => readNotesPage(tx, caseView, query))
  const pages = pageCount(read.section?.total ?? 0, notesPageSize)
  if (query.page > pages) throw notFound()
  const allocationId = read.caseView.id
  return renderCaseSection(reply, 'case-notes/views/notes.njk', read, 'notes', {
    notes: (read.section?.notes ?? []).map((item) => noteView(request, item)),
    total: read.section?.total ?? 0,
    filter: query,
    noteTypes: codeList('case_note_type').codes,
    mayWrite: read.caseView.status === 'active' && request.principal!.capabilities.has('casework:write'),
    pagination: paginationLinks(query.page, pages, (page) => notesListPage(allocationId, { type: query.type, page })),
  })
}
