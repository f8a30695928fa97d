import { defineRoutes } from '../../platform/http/routes.ts'
import { amendmentApiBody, apiProblemResponse, noteApiBody, noteApiResponse, notesApiQuery, notesApiResponse } from './forms.ts'
import { saveAmendment, showAmendNote } from './handlers/amend-note.ts'
import { amendNoteFromApi, createNoteFromApi, listNotesForApi } from './handlers/api-notes.ts'
import { downloadNoteAttachment } from './handlers/download-attachment.ts'
import { createNote, showNewNote } from './handlers/new-note.ts'
import { showDocuments } from './handlers/show-documents.ts'
import { showNotes } from './handlers/show-notes.ts'
import { caseNotesPaths as paths } from './paths.ts'

/**
 * A case's notes are read by those who see the case (casework/case.ts), each note only by
 * readers of its category: health-only notes by clinical staff of health organisations,
 * decided in SQL. Notes are never edited: an amendment is added beside the original.
 * The forms' pages are audited as reads; saving them as the change.
 */
export const caseNotesRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'casework:read', audit: 'case-note.view', handler: showNotes },
  { method: 'GET', path: paths.newNote.pattern, capability: 'casework:write', audit: 'case-note.view', handler: showNewNote },
  { method: 'POST', path: paths.newNote.pattern, capability: 'casework:write', audit: 'case-note.create', handler: createNote },
  { method: 'GET', path: paths.amend.pattern, capability: 'casework:write', audit: 'case-note.view', handler: showAmendNote },
  { method: 'POST', path: paths.amend.pattern, capability: 'casework:write', audit: 'case-note.amend', handler: saveAmendment },
  { method: 'GET', path: paths.attachment.pattern, capability: 'casework:read', audit: 'case-note.attachment.download', handler: downloadNoteAttachment },
  { method: 'GET', path: paths.documents.pattern, capability: 'casework:read', audit: 'case.documents.view', handler: showDocuments },

  {
    method: 'GET',
    path: paths.api.notes.pattern,
    capability: 'casework:read',
    audit: 'case-note.view',
    handler: listNotesForApi,
    api: {
      summary: 'A case\'s notes, newest first, each with its amendments and attachments; health-only notes only for clinical staff of health organisations',
      tag: 'Case notes',
      query: notesApiQuery,
      responses: {
        200: { description: 'One page of the notes the caller may read', body: notesApiResponse },
        403: { description: 'The caller may read no notes of this person', body: apiProblemResponse },
        404: { description: 'No case in the caller\'s scope has this id, or no such page' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.notes.pattern,
    capability: 'casework:write',
    audit: 'case-note.create',
    handler: createNoteFromApi,
    api: {
      summary: 'Add a note to an open case; health-only when its type is clinical or a clinical author marks it so',
      tag: 'Case notes',
      body: noteApiBody,
      responses: {
        201: { description: 'The note', body: noteApiResponse },
        404: { description: 'No case in the caller\'s scope has this id' },
        409: { description: 'The case is closed (error "case_closed")', body: apiProblemResponse },
        422: { description: 'A field is missing or wrong, or the caller may not write health-only notes: { errors: [{ field, message }] }' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.amendments.pattern,
    capability: 'casework:write',
    audit: 'case-note.amend',
    handler: amendNoteFromApi,
    api: {
      summary: 'Amend a note: the original stays as written, the amendment is added with its reason',
      tag: 'Case notes',
      body: amendmentApiBody,
      responses: {
        201: { description: 'The note with all its amendments', body: noteApiResponse },
        404: { description: 'No case in the caller\'s scope has this id, or it has no note with this id the caller may read' },
        409: { description: 'The case is closed (error "case_closed")', body: apiProblemResponse },
        422: { description: 'The text or reason is missing or too long: { errors: [{ field, message }] }' },
      },
    },
  },
])
