import type { FastifyReply, FastifyRequest } from 'fastify'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { CorruptedFileError, documentTypes, readVerifiedDocument } from '../../../platform/files/index.ts'
import { findPublicDownload } from '../repository.ts'
import { isServiceSlug } from '../rules.ts'
import { matchesEtag } from './caching.ts'

type DownloadRequest = FastifyRequest<{ Params: { slug: string; downloadId: string; fileName: string } }>

/** A download's bytes never change (a new version is a new download); an hour lets a removal take effect in caches. */
const downloadMaxAgeSeconds = 3600

/**
 * A file a service offers referrers, as an attachment of the type its bytes were found to
 * be. The checksum taken at upload is the ETag, and the bytes are checked against it
 * before they are sent: a file changed or damaged in storage is refused, not served.
 */
export async function downloadFile(request: DownloadRequest, reply: FastifyReply) {
  const { slug, downloadId, fileName } = request.params
  if (!isServiceSlug(slug) || !isId(downloadId)) throw notFound()
  const { db } = request.server.database
  const download = await findPublicDownload(db, slug, downloadId)
  if (!download || download.fileName !== fileName) throw notFound()

  const etag = `"${download.sha256}"`
  const cacheControl = `public, max-age=${downloadMaxAgeSeconds}`
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).header('etag', etag).header('cache-control', cacheControl).send()

  const contentType = documentTypes[download.documentType].contentType
  const bytes = await readVerifiedDocument(request.server.files.stores, db, { storage: download.storage, storage_key: download.storageKey, sha256: download.sha256, media_type: contentType, file_name: download.fileName })
  if (!bytes) {
    request.log.error({ downloadId: download.id, storage: download.storage }, 'stored file is missing or does not match its checksum; not served')
    throw new CorruptedFileError(`download ${download.id} failed its checksum`)
  }
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${download.fileName}"`)
    .header('content-length', bytes.byteLength)
    .header('etag', etag)
    .header('cache-control', cacheControl)
    .send(bytes)
}
