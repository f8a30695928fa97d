import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { findPublicService } from '../repository.ts'
import { isServiceSlug } from '../rules.ts'
import { answeredFromCache } from './caching.ts'
import { serviceView } from './service-view.ts'

type ServiceRequest = FastifyRequest<{ Params: { slug: string } }>

/** One public service; an unknown, malformed or non-public slug is the same 404. */
export async function showService(request: ServiceRequest, reply: FastifyReply) {
  const { slug } = request.params
  if (!isServiceSlug(slug)) throw notFound()
  const service = await findPublicService(request.server.database.db, slug)
  if (!service) throw notFound()
  if (answeredFromCache(request, reply, service, { personalised: true })) return reply
  return reply.view('services/views/service.njk', { service: serviceView(request, service) })
}
