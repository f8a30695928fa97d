import { z } from 'zod'
import { organisationTypes } from '../../platform/db/schema.ts'
import { documentTypes } from '../../platform/files/index.ts'
import { eligibilityRuleKinds, eligibilityRuleSchema, serviceSettings, type EligibilityRuleKind } from './rules.ts'

/** A checkbox group posts nothing, one value, or several: always a list here (and when a failed form is shown again). */
export function checkedList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

const detailsProblem = (name: string) => `services.manage.details.errors.${name}`

/** Required text; a missing field reads as an empty one. */
const requiredText = (name: string, maximum: number) =>
  z.preprocess((value) => value ?? '', z.string(detailsProblem(`${name}Missing`)).trim().min(1, detailsProblem(`${name}Missing`)).max(maximum, detailsProblem(`${name}TooLong`)))

/** Optional text: left empty, it is null. */
const optionalText = <Output extends z.ZodType<string>>(check: Output) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null), check.nullable())

/** UK numbers as people write them: digits with spaces, brackets, hyphens and an optional leading +. */
const phonePattern = /^\+?[0-9][0-9 ()-]{8,22}[0-9]$/

/** The details a service manager writes: the public page shows them as they are. Keys in the order of the form. */
export const serviceDetailsForm = z.object({
  name: requiredText('name', 200),
  summary: requiredText('summary', 300),
  settings: z
    .preprocess(checkedList, z.array(z.enum(serviceSettings, detailsProblem('settingsMissing')), detailsProblem('settingsMissing')).min(1, detailsProblem('settingsMissing')).max(5, detailsProblem('settingsMissing')))
    .transform((settings) => serviceSettings.filter((setting) => settings.includes(setting))),
  description: requiredText('description', 5000),
  audience: requiredText('audience', 5000),
  howToRefer: requiredText('howToRefer', 5000),
  contactName: optionalText(z.string().max(200, detailsProblem('contactNameTooLong'))),
  contactEmail: optionalText(z.email(detailsProblem('contactEmailInvalid')).max(320, detailsProblem('contactEmailInvalid'))),
  contactPhone: optionalText(z.string().regex(phonePattern, detailsProblem('contactPhoneInvalid'))),
})
export type ServiceDetails = z.infer<typeof serviceDetailsForm>

/** A system administrator also says which organisation provides a new service (a service manager's own otherwise). */
export const newServiceForm = serviceDetailsForm.extend({
  organisationId: z.preprocess((value) => (value === '' ? undefined : value), z.string(detailsProblem('organisationMissing')).max(100, detailsProblem('organisationMissing')).optional()),
})

const elementProblem = (name: string) => `services.manage.element.errors.${name}`

/** "20" → 20, "" → null (e.g. no fixed number of places); anything else is left for the schema to refuse. */
function wholeNumberTyped(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  if (trimmed === '') return null
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed
}

export const elementForm = z.object({
  name: z.preprocess((value) => value ?? '', z.string(elementProblem('nameMissing')).trim().min(1, elementProblem('nameMissing')).max(200, elementProblem('nameTooLong'))),
  capacity: z.preprocess(
    wholeNumberTyped,
    z.number(elementProblem('capacityNotWhole')).int(elementProblem('capacityNotWhole')).min(0, elementProblem('capacityNegative')).max(10_000, elementProblem('capacityTooLarge')).nullable(),
  ),
})

export const ruleKindForm = z.object({ kind: z.enum(eligibilityRuleKinds, 'services.eligibility.errors.kindMissing') })

/**
 * The posted fields of one kind of rule as the rule's parameters (rules.ts validates them):
 * numbers from their boxes, lists from checkboxes, areas one per line, yes/no as a boolean.
 */
export function eligibilityRuleInput(kind: EligibilityRuleKind, body: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'age':
      return { kind, minAge: wholeNumberTyped(body.minAge), maxAge: wholeNumberTyped(body.maxAge) }
    case 'sex':
      return { kind, sexes: checkedList(body.sexes) }
    case 'sentence_left':
      return { kind, minMonths: wholeNumberTyped(body.minMonths) ?? undefined }
    case 'region':
      return {
        kind,
        areas: typeof body.areas === 'string' ? body.areas.split(/\r?\n/).map((area) => area.trim()).filter((area) => area !== '') : [],
        organisationIds: checkedList(body.organisationIds),
      }
    case 'risk_level':
      return { kind, riskLevels: checkedList(body.riskLevels) }
    case 'opd_screened_in':
      return { kind, screenedIn: body.screenedIn === 'yes' ? true : body.screenedIn === 'no' ? false : undefined }
  }
}

export const referrersForm = z.object({
  // Checked against the roles that may refer by the handler: roles are data (content/roles.yml).
  roles: z.preprocess(checkedList, z.array(z.string().max(100), 'services.manage.referrers.errors.roleUnknown').max(50, 'services.manage.referrers.errors.roleUnknown')),
  organisationTypes: z.preprocess(checkedList, z.array(z.enum(organisationTypes, 'services.manage.referrers.errors.typeUnknown'))),
})

export const downloadForm = z.object({
  title: z.preprocess((value) => value ?? '', z.string('services.manage.download.errors.titleMissing').trim().min(1, 'services.manage.download.errors.titleMissing').max(200, 'services.manage.download.errors.titleTooLong')),
})

// The JSON API (public data only): the OpenAPI document is built from these schemas.

export const servicesQuery = z.object({
  setting: z.union([z.enum(serviceSettings), z.array(z.enum(serviceSettings))]).optional().describe('Only services that work in one of these settings'),
})

export const serviceSummaryResponse = z.object({
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  provider: z.string(),
  settings: z.array(z.enum(serviceSettings)),
  /** The service's public page. */
  url: z.string(),
})

export const servicesListResponse = z.object({ services: z.array(serviceSummaryResponse) })

export const serviceResponse = serviceSummaryResponse.extend({
  description: z.string(),
  audience: z.string(),
  howToRefer: z.string(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  elements: z.array(z.object({ name: z.string(), capacity: z.number().int().nullable() })),
  eligibility: z.array(z.object({ rule: eligibilityRuleSchema, description: z.string() })),
  referrers: z.object({
    roles: z.array(z.object({ key: z.string(), name: z.string() })),
    organisationTypes: z.array(z.object({ key: z.enum(organisationTypes), name: z.string() })),
  }),
  downloads: z.array(
    z.object({
      title: z.string(),
      fileName: z.string(),
      contentType: z.enum(Object.values(documentTypes).map((type) => type.contentType) as [string, ...string[]]),
      byteSize: z.number().int(),
      sha256: z.string(),
      url: z.string(),
    }),
  ),
})
