import type { ServiceTable } from '../../platform/db/schema.ts'

export type ServiceSetting = ServiceTable['setting']

/** What a visitor can filter the directory by: where the service works. */
export const settingFilters = ['custody', 'community'] as const
export type SettingFilter = (typeof settingFilters)[number]

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const slugMaxLength = 100

/** A service slug: lower-case letters and digits in hyphen-separated words. Anything else never reaches SQL. */
export function isServiceSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= slugMaxLength && slugPattern.test(value)
}

/** The known filter values in a query's `setting` parameter (one value or many), in a stable order; unknown values are ignored. */
export function requestedSettings(query: unknown): SettingFilter[] {
  const raw = (query as Record<string, unknown> | undefined)?.setting
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string')
  return settingFilters.filter((setting) => values.includes(setting))
}

/**
 * The service settings that match a filter: a service working in custody and the community
 * matches either choice. No choice, or both, means every setting (null: no condition).
 */
export function settingsMatching(filter: readonly SettingFilter[]): ServiceSetting[] | null {
  if (filter.length === 0 || filter.length === settingFilters.length) return null
  return filter[0] === 'custody' ? ['custody', 'custody_and_community'] : ['community', 'custody_and_community']
}
