import type { FastifyRequest } from 'fastify'
import { auditRequest, type AuditOutcome } from '../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { documentTypes, safeDownloadName, sha256Hex, type DocumentType, type UploadedFile } from '../../platform/files/index.ts'
import { addCaseEvent, findCaseView, type CaseView } from '../casework/index.ts'
import type { AmendmentInput, NoteInput } from './forms.ts'
import { findOriginalNote, insertAttachment, insertNote, type NoteRow } from './repository.ts'
import { decideHealthOnly, noteCategory, noteReadingOf, readableHealthOnly } from './rules.ts'

/*
 * Writing notes, for the pages and the API alike: the case is found in the caller's scope
 * first (a stranger learns nothing, not even what was wrong with the form), then the case
 * must be open, then the answers must hold; the note, its attachment, the case history line
 * and the audit row are written in one transaction.
 */

/** A problem with what was sent: the field it is about, and its message in the content's words. */
export interface NoteProblem {
  field: string
  text: string
}

export type NoteOutcome =
  | { state: 'written'; caseView: CaseView; noteId: string }
  | { state: 'notFound' }
  /** The caller may read neither kind of note of this person. */
  | { state: 'notShared'; caseView: CaseView }
  | { state: 'closed'; caseView: CaseView; note?: NoteRow }
  | { state: 'invalid'; caseView: CaseView; note?: NoteRow; problems: NoteProblem[] }

/** A file that passed its checks and the scanner, to keep with the note. */
export interface CheckedAttachment {
  file: UploadedFile
  type: DocumentType
  title: string | null
}

export interface NoteDraft {
  /** Undefined when the form's answers did not hold (see `problems`). */
  note: NoteInput | undefined
  problems: NoteProblem[]
  attachment?: CheckedAttachment | undefined
  /** The scanner refused the file: a denial, not a mistake. */
  scanRefused?: boolean
}

export function noteProblem(request: FastifyRequest, field: string, name: string): NoteProblem {
  return { field, text: request.server.content.t(`caseNotes.errors.${name}`, { megabytes: request.server.files.maxMegabytes }) }
}

type Audit = (outcome: AuditOutcome, record: { type: string; id: string }, details?: Record<string, unknown>) => Promise<void>

function auditorFor(tx: Tx, request: FastifyRequest, action: 'case-note.create' | 'case-note.amend', caseView: CaseView | undefined): Audit {
  return (outcome, record, details) => auditRequest(tx, request, { action, outcome, ...(caseView ? { personId: caseView.person_id } : {}), recordType: record.type, recordId: record.id, ...(details ? { details } : {}) })
}

export async function addNote(request: FastifyRequest, allocationId: string, draft: NoteDraft): Promise<NoteOutcome> {
  const { db } = request.server.database
  const store = request.server.files.stores.forNewFiles
  let savedKey: string | undefined
  try {
    return await inTransaction(db, async (tx): Promise<NoteOutcome> => {
      const caseView = await findCaseView(tx, request, allocationId)
      const audit = auditorFor(tx, request, 'case-note.create', caseView)
      const onCase = { type: 'allocation', id: allocationId }
      if (!caseView) {
        await audit('denied', onCase)
        return { state: 'notFound' }
      }
      const reading = noteReadingOf(caseView.readable)
      if (!reading.caseNotes && !reading.clinicalNotes) {
        await audit('denied', onCase, { problem: 'notShared' })
        return { state: 'notShared', caseView }
      }
      if (caseView.status !== 'active') {
        await audit('denied', onCase, { problem: 'closed' })
        return { state: 'closed', caseView }
      }
      const decision = draft.note && decideHealthOnly(draft.note.type, draft.note.healthOnly, reading)
      const problems = [...draft.problems, ...(decision && !decision.ok ? [noteProblem(request, decision.field, decision.problem)] : [])]
      if (!draft.note || !decision?.ok || problems.length > 0) {
        await audit(draft.scanRefused ? 'denied' : 'failed', onCase, { problems: problems.map((each) => each.field) })
        return { state: 'invalid', caseView, problems }
      }
      const { userId, organisationId } = request.principal!
      const noteId = await insertNote(tx, {
        allocation_id: caseView.id,
        person_id: caseView.person_id,
        note_type: draft.note.type,
        health_only: decision.healthOnly,
        text: draft.note.text,
        amends_note_id: null,
        amendment_reason: null,
        author_user_id: userId,
        author_organisation_id: organisationId,
        created_at: request.scope!.now,
      })
      let attachment: Record<string, unknown> = {}
      if (draft.attachment) {
        const { file, type, title } = draft.attachment
        savedKey = await store.save(tx, file.bytes)
        const fileName = safeDownloadName(file.fileName, type)
        const kept = { note_id: noteId, title: title ?? fileName, file_name: fileName, media_type: documentTypes[type].contentType, size_bytes: file.bytes.byteLength, sha256: sha256Hex(file.bytes), storage: store.kind, storage_key: savedKey, uploaded_by: userId, uploaded_at: request.scope!.now }
        const attachmentId = await insertAttachment(tx, kept)
        attachment = { attachmentId, documentType: type, byteSize: kept.size_bytes, sha256: kept.sha256, storage: store.kind }
      }
      const category = noteCategory(decision.healthOnly)
      await addCaseEvent(tx, { personId: caseView.person_id, allocationId: caseView.id, kind: 'case_note.added', category, organisationId, recordType: 'case_note', recordId: noteId, recordedBy: userId, at: request.scope!.now, details: { noteType: draft.note.type } })
      await audit('allowed', { type: 'case_note', id: noteId }, { noteType: draft.note.type, healthOnly: decision.healthOnly, ...attachment })
      return { state: 'written', caseView, noteId }
    })
  } catch (error) {
    // Bytes written outside the transaction (to disk) go with it.
    if (savedKey) await store.discard(db, savedKey).catch(() => undefined)
    throw error
  }
}

/**
 * An amendment: a new row with the original's type and health-only flag, naming the
 * original (never another amendment). Only a reader of the note finds it to amend.
 */
export async function amendNote(request: FastifyRequest, allocationId: string, noteId: string, amendment: { value: AmendmentInput | undefined; problems: NoteProblem[] }): Promise<NoteOutcome> {
  return inTransaction(request.server.database.db, async (tx): Promise<NoteOutcome> => {
    const caseView = await findCaseView(tx, request, allocationId)
    const audit = auditorFor(tx, request, 'case-note.amend', caseView)
    const note = caseView && (await findOriginalNote(tx, caseView.id, noteId, readableHealthOnly(noteReadingOf(caseView.readable))))
    const onNote = { type: 'case_note', id: note?.id ?? noteId }
    if (!caseView || !note) {
      await audit('denied', onNote)
      return { state: 'notFound' }
    }
    if (caseView.status !== 'active') {
      await audit('denied', onNote, { problem: 'closed' })
      return { state: 'closed', caseView, note }
    }
    if (!amendment.value) {
      await audit('failed', onNote, { problems: amendment.problems.map((each) => each.field) })
      return { state: 'invalid', caseView, note, problems: amendment.problems }
    }
    const { userId, organisationId } = request.principal!
    const amendmentId = await insertNote(tx, {
      allocation_id: caseView.id,
      person_id: caseView.person_id,
      note_type: note.note_type,
      health_only: note.health_only,
      text: amendment.value.text,
      amends_note_id: onNote.id,
      amendment_reason: amendment.value.reason,
      author_user_id: userId,
      author_organisation_id: organisationId,
      created_at: request.scope!.now,
    })
    await addCaseEvent(tx, { personId: caseView.person_id, allocationId: caseView.id, kind: 'case_note.amended', category: noteCategory(note.health_only), organisationId, recordType: 'case_note', recordId: onNote.id, recordedBy: userId, at: request.scope!.now, details: { amendmentId } })
    await audit('allowed', onNote, { amendmentId })
    return { state: 'written', caseView, noteId: onNote.id }
  })
}
