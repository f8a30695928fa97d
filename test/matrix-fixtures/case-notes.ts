import { newId } from '../../src/platform/db/ids.ts'
import { sha256Hex } from '../../src/platform/files/index.ts'
import type { ModuleMatrixFixtures } from './index.ts'

/** A note of the home case written by the home user, with an attachment whose bytes (in the database) match their checksum. */
export const fixtures: ModuleMatrixFixtures = {
  recordParams: ['noteId', 'noteAttachmentId'],
  async create(db, base) {
    const [noteId, noteAttachmentId, key] = [newId(), newId(), newId()]
    const bytes = Buffer.from('%PDF-1.4 matrix case note attachment')
    await db
      .insertInto('case_note')
      .values({ id: noteId, allocation_id: base.allocationId, person_id: base.personId, note_type: 'general', health_only: false, text: 'Matrix fixture note', amends_note_id: null, amendment_reason: null, author_user_id: base.userId, author_organisation_id: base.homeOrganisationId })
      .execute()
    await db.insertInto('stored_file').values({ key, content: bytes }).execute()
    await db
      .insertInto('case_note_attachment')
      .values({ id: noteAttachmentId, note_id: noteId, title: 'Matrix note document', file_name: 'matrix-note.pdf', media_type: 'application/pdf', size_bytes: bytes.byteLength, sha256: sha256Hex(bytes), storage: 'database', storage_key: key, uploaded_by: base.userId })
      .execute()
    return { noteId, noteAttachmentId }
  },
}
