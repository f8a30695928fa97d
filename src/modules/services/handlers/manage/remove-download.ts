import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../../platform/db/database.ts'
import { notFound } from '../../../../platform/http/errors.ts'
import { servicesPaths } from '../../paths.ts'
import { removeDownload as markRemoved } from '../../repository.ts'
import { idParam, managedService, scopeOf } from './lookups.ts'
import { recordChange } from './service-change.ts'

/** Takes a file off the service's page; its row and bytes are kept, marked removed, for the history. */
export async function removeDownload(request: FastifyRequest, reply: FastifyReply) {
  const service = await managedService(request)
  const downloadId = idParam(request, 'downloadId')
  const download = service.downloads.find((candidate) => candidate.id === downloadId)
  if (!download) throw notFound()
  await inTransaction(request.server.database.db, async (tx) => {
    if (!(await markRemoved(tx, scopeOf(request), service.id, downloadId, { userId: request.principal!.userId, now: new Date() }))) return
    await recordChange(tx, request, service, { action: 'service.download.remove', history: { detail: `${download.title} (${download.fileName})` }, audit: { downloadId } })
  })
  return reply.redirect(servicesPaths.manage.service({ serviceId: service.id }), 303)
}
