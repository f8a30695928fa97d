import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import type { StorageKind } from '../../platform/files/index.ts'
import { referralVisibleTo } from '../referrals/index.ts'
import { amendedNoteId } from './rules.ts'

/*
 * All SQL of case notes. Notes are only ever inserted: an amendment is a new row naming the
 * original. Every read takes the `health_only` values the caller may read (rules.ts
 * readableHealthOnly) and applies them in SQL, to notes, amendments and attachments alike.
 */

type Reader = Db | Tx

/** The health-only condition on `case_note`; an empty list reads nothing. */
function readable(healthOnly: readonly boolean[]) {
  return (eb: ExpressionBuilder<Database, 'case_note'>): Expression<SqlBool> => (healthOnly.length === 0 ? sql<boolean>`1 = 0` : eb('case_note.health_only', 'in', [...healthOnly]))
}

export interface NoteRow {
  id: string
  allocation_id: string
  person_id: string
  note_type: string
  health_only: boolean
  text: string
  amends_note_id: string | null
  amendment_reason: string | null
  author_user_id: string
  author_name: string
  author_organisation_id: string
  organisation_name: string
  created_at: string
}

function notes(tx: Reader) {
  return tx
    .selectFrom('case_note')
    .innerJoin('staff_user as author', 'author.id', 'case_note.author_user_id')
    .innerJoin('organisation', 'organisation.id', 'case_note.author_organisation_id')
    .select([
      'case_note.id',
      'case_note.allocation_id',
      'case_note.person_id',
      'case_note.note_type',
      'case_note.health_only',
      'case_note.text',
      'case_note.amends_note_id',
      'case_note.amendment_reason',
      'case_note.author_user_id',
      'author.display_name as author_name',
      'case_note.author_organisation_id',
      'organisation.name as organisation_name',
      'case_note.created_at',
    ])
}

export interface NotesFilter {
  type?: string | undefined
}

/** The case's notes as first written (amendments are listed with them), newest first. */
export function originalNotes(tx: Reader, allocationId: string, healthOnly: readonly boolean[], filter: NotesFilter, page: { limit: number; offset: number }): Promise<NoteRow[]> {
  let query = notes(tx).where('case_note.allocation_id', '=', allocationId).where('case_note.amends_note_id', 'is', null).where(readable(healthOnly))
  if (filter.type) query = query.where('case_note.note_type', '=', filter.type)
  return query.orderBy('case_note.created_at', 'desc').orderBy('case_note.id', 'desc').limit(page.limit).offset(page.offset).execute()
}

export async function originalNoteCount(tx: Reader, allocationId: string, healthOnly: readonly boolean[], filter: NotesFilter): Promise<number> {
  let query = tx.selectFrom('case_note').select((eb) => eb.fn.countAll<number | string>().as('count')).where('case_note.allocation_id', '=', allocationId).where('case_note.amends_note_id', 'is', null).where(readable(healthOnly))
  if (filter.type) query = query.where('case_note.note_type', '=', filter.type)
  return Number((await query.executeTakeFirstOrThrow()).count)
}

/** The amendments of these notes, oldest first. */
export function amendmentsOf(tx: Reader, noteIds: readonly string[], healthOnly: readonly boolean[]): Promise<NoteRow[]> {
  if (noteIds.length === 0) return Promise.resolve([])
  return notes(tx).where('case_note.amends_note_id', 'in', [...noteIds]).where(readable(healthOnly)).orderBy('case_note.created_at').orderBy('case_note.id').execute()
}

/** One note of the case, original or amendment, if the caller may read it. */
export function findNote(tx: Reader, allocationId: string, noteId: string, healthOnly: readonly boolean[]): Promise<NoteRow | undefined> {
  return notes(tx).where('case_note.allocation_id', '=', allocationId).where('case_note.id', '=', noteId).where(readable(healthOnly)).executeTakeFirst()
}

/** The original of a note (the note itself, or the one an amendment amends), if the caller may read it. */
export async function findOriginalNote(tx: Reader, allocationId: string, noteId: string, healthOnly: readonly boolean[]): Promise<NoteRow | undefined> {
  const named = await findNote(tx, allocationId, noteId, healthOnly)
  return named && named.amends_note_id !== null ? findNote(tx, allocationId, amendedNoteId(named), healthOnly) : named
}

export interface NewNote {
  allocation_id: string
  person_id: string
  note_type: string
  health_only: boolean
  text: string
  amends_note_id: string | null
  amendment_reason: string | null
  author_user_id: string
  author_organisation_id: string
  created_at: string
}

export async function insertNote(tx: Tx, note: NewNote): Promise<string> {
  const id = newId()
  await tx.insertInto('case_note').values({ id, ...note }).execute()
  return id
}

export interface AttachmentRow {
  id: string
  note_id: string
  title: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  storage: StorageKind
  storage_key: string
  uploaded_by_name: string
  uploaded_at: string
}

function attachments(tx: Reader, allocationId: string, healthOnly: readonly boolean[]) {
  return tx
    .selectFrom('case_note_attachment')
    .innerJoin('case_note', 'case_note.id', 'case_note_attachment.note_id')
    .innerJoin('staff_user as uploader', 'uploader.id', 'case_note_attachment.uploaded_by')
    .select([
      'case_note_attachment.id',
      'case_note_attachment.note_id',
      'case_note_attachment.title',
      'case_note_attachment.file_name',
      'case_note_attachment.media_type',
      'case_note_attachment.size_bytes',
      'case_note_attachment.sha256',
      'case_note_attachment.storage',
      'case_note_attachment.storage_key',
      'uploader.display_name as uploaded_by_name',
      'case_note_attachment.uploaded_at',
    ])
    .where('case_note.allocation_id', '=', allocationId)
    .where(readable(healthOnly))
}

/** Sizes as numbers whichever driver read them. */
const counted = <Row extends { size_bytes: number | string }>(row: Row): Row & { size_bytes: number } => ({ ...row, size_bytes: Number(row.size_bytes) })

/** The attachments of these notes of the case, oldest first. */
export async function attachmentsOf(tx: Reader, allocationId: string, noteIds: readonly string[], healthOnly: readonly boolean[]): Promise<AttachmentRow[]> {
  if (noteIds.length === 0) return []
  const rows = await attachments(tx, allocationId, healthOnly).where('case_note_attachment.note_id', 'in', [...noteIds]).orderBy('case_note_attachment.uploaded_at').orderBy('case_note_attachment.id').execute()
  return rows.map(counted)
}

/** Every attachment of the case's notes the caller may read, newest first, with its note's type. */
export async function caseAttachments(tx: Reader, allocationId: string, healthOnly: readonly boolean[]): Promise<Array<AttachmentRow & { note_type: string; health_only: boolean }>> {
  const rows = await attachments(tx, allocationId, healthOnly).select(['case_note.note_type', 'case_note.health_only']).orderBy('case_note_attachment.uploaded_at', 'desc').orderBy('case_note_attachment.id', 'desc').execute()
  return rows.map(counted)
}

export async function findAttachment(tx: Reader, allocationId: string, noteId: string, attachmentId: string, healthOnly: readonly boolean[]): Promise<AttachmentRow | undefined> {
  const row = await attachments(tx, allocationId, healthOnly).where('case_note_attachment.note_id', '=', noteId).where('case_note_attachment.id', '=', attachmentId).executeTakeFirst()
  return row && counted(row)
}

export async function insertAttachment(tx: Tx, attachment: Omit<AttachmentRow, 'id' | 'uploaded_by_name'> & { uploaded_by: string }): Promise<string> {
  const id = newId()
  await tx.insertInto('case_note_attachment').values({ id, ...attachment }).execute()
  return id
}

export interface ReferralDocumentRow {
  id: string
  referral_id: string
  title: string
  file_name: string
  size_bytes: number
  uploaded_by_name: string
  uploaded_at: string
}

/** The documents sent with the case's referral, for callers on either side of it (the referral's own rule, in SQL). */
export async function referralDocuments(tx: Reader, scope: Scope, referralId: string): Promise<ReferralDocumentRow[]> {
  const rows = await tx
    .selectFrom('referral_attachment')
    .innerJoin('referral', 'referral.id', 'referral_attachment.referral_id')
    .innerJoin('staff_user as uploader', 'uploader.id', 'referral_attachment.uploaded_by')
    .select(['referral_attachment.id', 'referral_attachment.referral_id', 'referral_attachment.title', 'referral_attachment.file_name', 'referral_attachment.size_bytes', 'uploader.display_name as uploaded_by_name', 'referral_attachment.uploaded_at'])
    .where('referral.id', '=', referralId)
    .where('referral_attachment.removed_at', 'is', null)
    .where(referralVisibleTo(scope))
    .orderBy('referral_attachment.uploaded_at', 'desc')
    .orderBy('referral_attachment.id', 'desc')
    .execute()
  return rows.map((row) => ({ ...row, size_bytes: Number(row.size_bytes) }))
}

export interface NoteWithHistory {
  note: NoteRow
  /** Oldest first; the last one is what the note says now. */
  amendments: NoteRow[]
  attachments: AttachmentRow[]
}

/** The notes with their amendments and attachments: three queries for a whole page, never one per note. */
export async function withHistory(tx: Reader, allocationId: string, originals: readonly NoteRow[], healthOnly: readonly boolean[]): Promise<NoteWithHistory[]> {
  const ids = originals.map((note) => note.id)
  const [amendments, attached] = [await amendmentsOf(tx, ids, healthOnly), await attachmentsOf(tx, allocationId, ids, healthOnly)]
  return originals.map((note) => ({ note, amendments: amendments.filter((row) => row.amends_note_id === note.id), attachments: attached.filter((row) => row.note_id === note.id) }))
}
