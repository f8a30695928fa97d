import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { parseForm, type FieldError } from '../../../platform/http/forms.ts'
import { pageCount } from '../../../platform/views/lists.ts'
import { caseIdOf, readCaseSection, type CaseView } from '../../casework/index.ts'
import { addNote, amendNote, type NoteOutcome, type NoteProblem } from '../commands.ts'
import { amendmentApiBody, noteApiBody, type noteApiResponse, type notesApiResponse } from '../forms.ts'
import { caseNotesPaths } from '../paths.ts'
import { findNote, withHistory, type NoteWithHistory } from '../repository.ts'
import { healthOnlyReadBy, noteCategories, notesPageSize, notesQuery, readNotesPage } from './read-notes.ts'

/*
 * Case notes for API clients, with the pages' scope, health-only rule and audit. Problems
 * with a body are 422 `{ errors: [{ field, message }] }`; a closed case is 409.
 */

function noteJson(allocationId: string, { note, amendments, attachments }: NoteWithHistory): z.infer<typeof noteApiResponse> {
  return {
    id: note.id,
    type: note.note_type,
    healthOnly: note.health_only,
    text: (amendments.at(-1) ?? note).text,
    originalText: note.text,
    author: { id: note.author_user_id, name: note.author_name },
    organisation: { id: note.author_organisation_id, name: note.organisation_name },
    createdAt: note.created_at,
    amendments: amendments.map((row) => ({ id: row.id, text: row.text, reason: row.amendment_reason ?? '', amendedBy: { id: row.author_user_id, name: row.author_name }, amendedAt: row.created_at })),
    attachments: attachments.map((row) => ({
      id: row.id,
      title: row.title,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      uploadedAt: row.uploaded_at,
      href: caseNotesPaths.attachment({ allocationId, noteId: note.id, noteAttachmentId: row.id }),
    })),
  }
}

function notShared(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(403).send({ error: 'not_shared', message: request.server.content.t('casework.notShared') })
}

export async function listNotesForApi(request: FastifyRequest, reply: FastifyReply) {
  const query = notesQuery(request)
  const read = await readCaseSection(request, { action: 'case-note.view', categories: noteCategories }, (tx, caseView) => readNotesPage(tx, caseView, query))
  if (!read.section) return notShared(request, reply)
  const pages = pageCount(read.section.total, notesPageSize)
  if (query.page > pages) throw notFound()
  const body: z.infer<typeof notesApiResponse> = { notes: read.section.notes.map((item) => noteJson(read.caseView.id, item)), page: query.page, pages, total: read.section.total }
  return reply.send(body)
}

/** A body's problems in the API's field names; a field the API does not take is a problem with the body. */
function bodyProblems(errors: readonly FieldError[]): NoteProblem[] {
  return errors.map((error) => ({ field: error.field === 'form' ? 'body' : error.field, text: error.text }))
}

/** The note as it is after this request's change (the change's audit row covers the answer). */
async function sendOutcome(request: FastifyRequest, reply: FastifyReply, outcome: NoteOutcome) {
  switch (outcome.state) {
    case 'written': {
      const caseView: CaseView = outcome.caseView
      const item = await inTransaction(request.server.database.db, async (tx) => {
        const note = await findNote(tx, caseView.id, outcome.noteId, healthOnlyReadBy(caseView))
        return note && (await withHistory(tx, caseView.id, [note], healthOnlyReadBy(caseView)))[0]
      })
      if (!item) throw notFound()
      return reply.code(201).send(noteJson(caseView.id, item))
    }
    case 'notFound':
      throw notFound()
    case 'notShared':
      return notShared(request, reply)
    case 'closed':
      return reply.code(409).send({ error: 'case_closed', message: request.server.content.t('caseNotes.errors.closed') })
    case 'invalid':
      return reply.code(422).send({ errors: outcome.problems.map((problem) => ({ field: problem.field, message: problem.text })) })
  }
}

export async function createNoteFromApi(request: FastifyRequest, reply: FastifyReply) {
  const form = parseForm(noteApiBody, request.body, request.server.content)
  const note = form.ok ? { type: form.value.type, text: form.value.text, healthOnly: form.value.healthOnly ?? false } : undefined
  return sendOutcome(request, reply, await addNote(request, caseIdOf(request), { note, problems: form.ok ? [] : bodyProblems(form.errors) }))
}

export async function amendNoteFromApi(request: FastifyRequest, reply: FastifyReply) {
  const form = parseForm(amendmentApiBody, request.body, request.server.content)
  const amendment = form.ok ? { value: form.value, problems: [] } : { value: undefined, problems: bodyProblems(form.errors) }
  return sendOutcome(request, reply, await amendNote(request, caseIdOf(request), idParam(request, 'noteId'), amendment))
}
