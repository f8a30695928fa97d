import { path } from '../../platform/http/paths.ts'
import type { SettingFilter } from './rules.ts'

export const servicesPaths = {
  list: path('/services'),
  service: path('/services/:slug'),
}

/** The services list narrowed to the chosen settings (the same URL the filter form submits). */
export function filteredServicesPage(settings: readonly SettingFilter[]): string {
  const query = new URLSearchParams(settings.map((setting) => ['setting', setting]))
  const search = query.toString()
  return search ? `${servicesPaths.list()}?${search}` : servicesPaths.list()
}
