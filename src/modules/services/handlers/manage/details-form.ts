import type { FastifyReply } from 'fastify'
import { checkedList, type ServiceDetails } from '../../forms.ts'
import type { ServiceDetail } from '../../repository.ts'
import { serviceSettings } from '../../rules.ts'
import type { FormProblem } from './lookups.ts'

/** The details form, to add a service (`service` absent) or change one; shown again with what was typed when it fails. */
export function renderDetailsForm(
  reply: FastifyReply,
  page: { service?: ServiceDetail; providers?: Array<{ id: string; name: string }>; chooseProvider?: boolean },
  values: unknown,
  problem?: FormProblem,
) {
  const typed = (values ?? {}) as Record<string, unknown>
  return reply
    .code(problem ? 400 : 200)
    .view('services/views/manage/details.njk', { ...page, creating: !page.service, serviceSettings, values: { ...typed, settings: checkedList(typed.settings) }, ...problem })
}

/** The form's values as the service holds them now. */
export function currentDetails(service: ServiceDetail): Record<keyof ServiceDetails, unknown> {
  return {
    name: service.name,
    summary: service.summary,
    settings: service.settings,
    description: service.description,
    audience: service.audience,
    howToRefer: service.howToRefer,
    contactName: service.contact.name ?? '',
    contactEmail: service.contact.email ?? '',
    contactPhone: service.contact.phone ?? '',
  }
}
