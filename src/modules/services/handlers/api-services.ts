import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { notFound } from '../../../platform/http/errors.ts'
import type { serviceResponse, servicesListResponse } from '../forms.ts'
import { servicesPaths } from '../paths.ts'
import { findPublicService, listPublicServices, type ServiceSummary } from '../repository.ts'
import { isServiceSlug, requestedSettings } from '../rules.ts'
import { answeredFromCache } from './caching.ts'
import { serviceView } from './service-view.ts'

function summaryOf(service: ServiceSummary) {
  return { slug: service.slug, name: service.name, summary: service.summary, provider: service.provider, settings: service.settings, url: servicesPaths.service({ slug: service.slug }) }
}

/** The public directory as JSON: the same services as the list page, with the same filter. */
export async function listServicesForApi(request: FastifyRequest, reply: FastifyReply) {
  const services = await listPublicServices(request.server.database.db, requestedSettings(request.query))
  const body: z.infer<typeof servicesListResponse> = { services: services.map(summaryOf) }
  if (answeredFromCache(request, reply, body, { personalised: false })) return reply
  return reply.send(body)
}

/** One public service as JSON: what its page shows, with the rules both as data and in words. */
export async function serviceForApi(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) {
  const { slug } = request.params
  if (!isServiceSlug(slug)) throw notFound()
  const service = await findPublicService(request.server.database.db, slug)
  if (!service) throw notFound()
  const view = serviceView(request, service)
  const body: z.infer<typeof serviceResponse> = {
    ...summaryOf(service),
    description: service.description,
    audience: service.audience,
    howToRefer: service.howToRefer,
    contact: service.contact,
    elements: service.elements.map((element) => ({ name: element.name, capacity: element.capacity })),
    eligibility: view.eligibility.map((entry) => ({ rule: entry.rule, description: entry.description })),
    referrers: { roles: view.referrerRoles, organisationTypes: view.referrerOrganisationTypes },
    downloads: view.downloads.map((download) => ({
      title: download.title,
      fileName: download.fileName,
      contentType: download.contentType,
      byteSize: download.byteSize,
      sha256: download.sha256,
      url: download.url,
    })),
  }
  if (answeredFromCache(request, reply, body, { personalised: false })) return reply
  return reply.send(body)
}
