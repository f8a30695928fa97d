import type { FastifyReply } from 'fastify'
import type { Db } from '../db/database.ts'
import { sniffDocumentType, type DocumentType } from './documents.ts'
import { sha256Hex, type FileStores, type StorageKind } from './store.ts'
import { isUploadedFile, type UploadedFile } from './uploads.ts'

/*
 * What every route that keeps or serves a person's document does, in one place: an upload is
 * kept only if its bytes are a PDF, Word or OpenDocument text; a stored file is served only
 * if its bytes still match the checksum taken at upload, as an attachment that is never cached.
 */

export type DocumentProblem = 'fileMissing' | 'fileTooLarge' | 'fileType'

export type DocumentCheck = { ok: true; file: UploadedFile; type: DocumentType } | { ok: false; problem: DocumentProblem; status: 400 | 413 }

/** Whether the form carried a file at all (a browser sends an empty part when none was chosen). */
export function hasUpload(value: unknown): boolean {
  return isUploadedFile(value) && value.bytes.byteLength > 0
}

/** The file's problem, if any, in the order a person fixes them: none chosen, too big, not a document. */
export function checkUploadedDocument(value: unknown): DocumentCheck {
  if (!isUploadedFile(value) || value.bytes.byteLength === 0) return { ok: false, problem: 'fileMissing', status: 400 }
  if (value.tooLarge) return { ok: false, problem: 'fileTooLarge', status: 413 }
  const type = sniffDocumentType(value.bytes)
  return type ? { ok: true, file: value, type } : { ok: false, problem: 'fileType', status: 400 }
}

/** A stored file that is missing or fails its checksum: a server fault (500), never served. */
export class CorruptedFileError extends Error {
  override name = 'CorruptedFileError'
}

export interface StoredDocument {
  storage: StorageKind
  storage_key: string
  sha256: string
  media_type: string
  file_name: string
}

/** The stored bytes, or undefined when they are missing or no longer match their checksum. */
export async function readVerifiedDocument(stores: FileStores, db: Db, stored: StoredDocument): Promise<Buffer | undefined> {
  const bytes = await stores.of(stored.storage).read(db, stored.storage_key)
  return bytes && sha256Hex(bytes) === stored.sha256 ? bytes : undefined
}

/** Sends personal data as a download: the type its bytes were found to be, its safe name, never cached. */
export function sendPrivateDocument(reply: FastifyReply, stored: StoredDocument, bytes: Buffer) {
  return reply
    .header('content-type', stored.media_type)
    .header('content-disposition', `attachment; filename="${stored.file_name}"`)
    .header('content-length', bytes.byteLength)
    .header('cache-control', 'private, no-store')
    .send(bytes)
}
