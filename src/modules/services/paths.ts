import { path } from '../../platform/http/paths.ts'
import type { ServiceSetting } from './rules.ts'

export const servicesPaths = {
  // Public: the directory, a service's page and its files for referrers.
  list: path('/services'),
  service: path('/services/:slug'),
  download: path('/services/:slug/downloads/:downloadId/:fileName'),
  api: {
    services: path('/api/v1/services'),
    service: path('/api/v1/services/:slug'),
  },
  // Service managers: their own organisation's services (a system administrator's: all).
  manage: {
    list: path('/manage/services'),
    create: path('/manage/services/new'),
    service: path('/manage/services/:serviceId'),
    details: path('/manage/services/:serviceId/details'),
    elements: path('/manage/services/:serviceId/elements'),
    newElement: path('/manage/services/:serviceId/elements/new'),
    element: path('/manage/services/:serviceId/elements/:elementId'),
    removeElement: path('/manage/services/:serviceId/elements/:elementId/remove'),
    rules: path('/manage/services/:serviceId/eligibility'),
    newRule: path('/manage/services/:serviceId/eligibility/new'),
    removeRule: path('/manage/services/:serviceId/eligibility/:ruleId/remove'),
    referrers: path('/manage/services/:serviceId/referrers'),
    publish: path('/manage/services/:serviceId/publish'),
    unpublish: path('/manage/services/:serviceId/unpublish'),
    downloads: path('/manage/services/:serviceId/downloads'),
    newDownload: path('/manage/services/:serviceId/downloads/new'),
    removeDownload: path('/manage/services/:serviceId/downloads/:downloadId/remove'),
  },
}

/** The services list narrowed to the chosen settings (the same URL the filter form submits). */
export function filteredServicesPage(settings: readonly ServiceSetting[]): string {
  const query = new URLSearchParams(settings.map((setting) => ['setting', setting]))
  const search = query.toString()
  return search ? `${servicesPaths.list()}?${search}` : servicesPaths.list()
}

/** The routes that take an uploaded file (platform/files refuses files anywhere else). */
export const servicesUploadRoutes: readonly string[] = [servicesPaths.manage.downloads.pattern]
