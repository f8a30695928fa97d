import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../../platform/http/errors.ts'
import type { ServiceDetail, ServiceElementRow } from '../../repository.ts'
import { idParam, type FormProblem } from './lookups.ts'

/** The form to add a part (`element` absent) or change one, shown again with what was typed when it fails. */
export function renderElementForm(reply: FastifyReply, service: ServiceDetail, element: ServiceElementRow | undefined, values: unknown, problem?: FormProblem) {
  return reply.code(problem ? 400 : 200).view('services/views/manage/element.njk', { service, element, values, ...problem })
}

/** The part in the path, of the service already found in scope. */
export function elementOf(request: FastifyRequest, service: ServiceDetail): ServiceElementRow {
  const elementId = idParam(request, 'elementId')
  const element = service.elements.find((candidate) => candidate.id === elementId)
  if (!element) throw notFound()
  return element
}

/** How places read in the history. */
export function placesWords(request: FastifyRequest, capacity: number | null): string {
  const { t } = request.server.content
  if (capacity === null) return t('services.service.noFixedPlaces')
  return capacity === 1 ? t('services.service.onePlace') : t('services.service.placesCount', { count: capacity })
}
