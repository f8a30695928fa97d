import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { caseIdOf, findCaseView, renderCaseSection, type CaseView } from '../../casework/index.ts'
import { amendNote, type NoteProblem } from '../commands.ts'
import { amendmentForm } from '../forms.ts'
import { caseNotesPaths } from '../paths.ts'
import { findOriginalNote, withHistory, type NoteRow, type NoteWithHistory } from '../repository.ts'
import { noteView } from './note-views.ts'
import { pageProblems } from './problems.ts'
import { healthOnlyReadBy } from './read-notes.ts'

/*
 * Amending a note: the form shows the note as it reads now (and its history); saving adds
 * an amendment and leaves every earlier version as it was. A note the caller may not read
 * (a health-only note, for a non-clinician) is "not found", as is a case out of scope.
 */

function renderForm(request: FastifyRequest, reply: FastifyReply, caseView: CaseView, item: NoteWithHistory, form: { values?: Record<string, unknown>; problems?: NoteProblem[]; status?: number } = {}) {
  const values = form.values ?? { text: (item.amendments.at(-1) ?? item.note).text }
  return renderCaseSection(reply, 'case-notes/views/amend-note.njk', { caseView, section: {} }, 'notes', { note: noteView(request, item), values, ...pageProblems(form.problems ?? []) }, form.status)
}

/** The note as it reads now, with its history, after a refused amendment (the refusal was audited). */
async function noteAgain(request: FastifyRequest, caseView: CaseView, note: NoteRow): Promise<NoteWithHistory> {
  const [item] = await inTransaction(request.server.database.db, (tx) => withHistory(tx, caseView.id, [note], healthOnlyReadBy(caseView)))
  return item!
}

export async function showAmendNote(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const noteId = idParam(request, 'noteId')
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const caseView = await findCaseView(tx, request, allocationId)
    const healthOnly = caseView ? healthOnlyReadBy(caseView) : []
    const original = caseView && (await findOriginalNote(tx, caseView.id, noteId, healthOnly))
    const [item] = caseView && original ? await withHistory(tx, caseView.id, [original], healthOnly) : []
    await auditRequest(tx, request, { action: 'case-note.view', outcome: item ? 'allowed' : 'denied', ...(caseView ? { personId: caseView.person_id } : {}), recordType: 'case_note', recordId: original?.id ?? noteId })
    return caseView && item ? { caseView, item } : undefined
  })
  if (!found) throw notFound()
  return renderForm(request, reply, found.caseView, found.item)
}

export async function saveAmendment(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const noteId = idParam(request, 'noteId')
  const body = (request.body ?? {}) as Record<string, unknown>
  const form = parseForm(amendmentForm, body, request.server.content)
  const outcome = await amendNote(request, allocationId, noteId, form.ok ? { value: form.value, problems: [] } : { value: undefined, problems: form.errors.map(({ field, text }) => ({ field, text })) })
  switch (outcome.state) {
    case 'written':
      return reply.redirect(`${caseNotesPaths.list({ allocationId })}#note-${outcome.noteId}`, 303)
    case 'notFound':
    case 'notShared':
      throw notFound()
    case 'closed':
      return renderForm(request, reply, outcome.caseView, await noteAgain(request, outcome.caseView, outcome.note!), { values: body, status: 409 })
    case 'invalid':
      return renderForm(request, reply, outcome.caseView, await noteAgain(request, outcome.caseView, outcome.note!), { values: body, problems: outcome.problems, status: 400 })
  }
}
