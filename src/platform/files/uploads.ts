import type { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import '../auth/principal.ts'
import { forbidden, HttpError, unauthenticated } from '../http/errors.ts'
import { unscanned, type FileScanner } from './scanner.ts'
import { fileStores, type FileStores, type StorageKind } from './store.ts'

/** A file as a form handler receives it (in `request.body`, under the file field's name). */
export interface UploadedFile {
  /** The name the uploader's browser sent: to derive a safe name from, never a path. */
  fileName: string
  bytes: Buffer
  /** The file was larger than the limit; `bytes` holds only its beginning. */
  tooLarge: boolean
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).bytes)
}

/** What handlers need to keep an upload: the stores, the scanner and the size limit. */
export interface Files {
  stores: FileStores
  scanner: FileScanner
  maxMegabytes: number
}

declare module 'fastify' {
  interface FastifyInstance {
    files: Files
  }
}

export interface UploadOptions {
  storage: StorageKind
  directory: string
  maxMegabytes: number
  scanner: FileScanner
  /** Route patterns that take a file; a file sent to any other route is refused. */
  acceptsFilesAt: ReadonlySet<string>
}

async function discard(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // Read to the end and dropped, so the rest of the request can be parsed and answered.
  }
}

/**
 * Multipart forms (`enctype="multipart/form-data"`), parsed before the CSRF check so that
 * the form's `_csrf` field is in `request.body` like any other form's. A file is read into
 * memory only at a route that takes files, and only for a caller holding the route's
 * capability; past the size limit it is cut short and marked `tooLarge`, so the form can
 * say so beside the field.
 */
export async function registerUploads(app: FastifyInstance, options: UploadOptions): Promise<void> {
  const maxBytes = options.maxMegabytes * 1024 * 1024
  app.decorate('files', { stores: fileStores(options.storage, options.directory), scanner: options.scanner, maxMegabytes: options.maxMegabytes })
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 21 },
    async onFile(this: FastifyRequest, part) {
      const route = this.routeOptions.config.declaration
      if (!route || !options.acceptsFilesAt.has(route.path)) {
        await discard(part.file)
        throw new HttpError(415, 'this route takes no files')
      }
      if (route.capability !== 'public' && !this.principal?.capabilities.has(route.capability)) {
        await discard(part.file)
        throw this.principal ? forbidden(`missing capability ${route.capability}`) : unauthenticated()
      }
      const bytes = await part.toBuffer()
      part.value = { fileName: part.filename, bytes, tooLarge: part.file.truncated } satisfies UploadedFile
    },
  })
  if (options.scanner === unscanned) {
    app.log.warn('uploaded files are not scanned for viruses: no file scanner is configured')
  } else {
    app.log.info({ scanner: options.scanner.name }, 'uploaded files are scanned before they are stored')
  }
}
