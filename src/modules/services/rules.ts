import { z } from 'zod'
import type { Capability } from '../../platform/auth/capabilities.ts'
import type { RoleDefinition } from '../../platform/auth/roles.ts'
import { uuidPattern } from '../../platform/db/ids.ts'

// Where services work ---------------------------------------------------------------------------

/** The settings a service can work in (issue 5): a service may work in several. */
export const serviceSettings = ['prison', 'community', 'police_custody', 'court', 'housing'] as const
export type ServiceSetting = (typeof serviceSettings)[number]

export function isServiceSetting(value: unknown): value is ServiceSetting {
  return typeof value === 'string' && (serviceSettings as readonly string[]).includes(value)
}

/** The known settings in a query's `setting` parameter (one value or many), in a stable order; unknown values are ignored. */
export function requestedSettings(query: unknown): ServiceSetting[] {
  const raw = (query as Record<string, unknown> | undefined)?.setting
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string')
  return serviceSettings.filter((setting) => values.includes(setting))
}

// Slugs -----------------------------------------------------------------------------------------

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const slugMaxLength = 100

/** A service slug: lower-case letters and digits in hyphen-separated words. Anything else never reaches SQL. */
export function isServiceSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= slugMaxLength && slugPattern.test(value)
}

/**
 * The slug for a new service, from its name: the public address of its page, so it is
 * made once and kept. `attempt` 2, 3, … gives "-2", "-3", … when the plain one is taken.
 */
export function slugFor(name: string, attempt = 1): string {
  const suffix = attempt > 1 ? `-${attempt}` : ''
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const base = (words || 'service').slice(0, slugMaxLength - suffix.length).replace(/-+$/, '')
  return `${base}${suffix}`
}

// Who manages which services ----------------------------------------------------------------------

/** Which services a manager's queries may touch: their own organisation's, or every one for a system administrator. */
export interface ManagerScope {
  organisationId: string
  everyOrganisation: boolean
}

export function managerScope(principal: { organisationId: string; capabilities: ReadonlySet<Capability> }): ManagerScope {
  return { organisationId: principal.organisationId, everyOrganisation: principal.capabilities.has('system:administer') }
}

/** The roles a service can name as its referrers: those that may make referrals at all. */
export function referringRoles(roles: ReadonlyMap<string, RoleDefinition>): RoleDefinition[] {
  return [...roles.values()].filter((role) => role.capabilities.includes('referral:create'))
}

// Eligibility rules, as data ----------------------------------------------------------------------

export const eligibilityRuleKinds = ['age', 'sex', 'sentence_left', 'region', 'risk_level', 'opd_screened_in'] as const
export type EligibilityRuleKind = (typeof eligibilityRuleKinds)[number]

export function isEligibilityRuleKind(value: unknown): value is EligibilityRuleKind {
  return typeof value === 'string' && (eligibilityRuleKinds as readonly string[]).includes(value)
}

/** Codes of the sex code list (content/code-lists.yml) a rule can name. */
export const eligibleSexes = ['female', 'male'] as const
/** Risk of serious harm, as OASys grades it. */
export const riskLevels = ['low', 'medium', 'high', 'very_high'] as const

const problem = (name: string) => `services.eligibility.errors.${name}`

const wholeNumber = (field: string, min: number, max: number) =>
  z.number(problem(`${field}NotWhole`)).int(problem(`${field}NotWhole`)).min(min, problem(`${field}Range`)).max(max, problem(`${field}Range`))

/** A list of values, each once; with `missing`, at least one is needed. */
const listOf = <Item extends z.ZodType>(item: Item, options: { invalid: string; most: number; missing?: string }) =>
  z
    .array(item, options.invalid)
    .min(options.missing ? 1 : 0, options.missing)
    .max(options.most, options.invalid)
    .overwrite((values) => [...new Set(values)])

const ageRule = z
  .object({ kind: z.literal('age'), minAge: wholeNumber('age', 0, 120).nullable(), maxAge: wholeNumber('age', 0, 120).nullable() })
  .refine((rule) => rule.minAge !== null || rule.maxAge !== null, { path: ['minAge'], message: problem('ageMissing') })
  .refine((rule) => rule.minAge === null || rule.maxAge === null || rule.minAge <= rule.maxAge, { path: ['maxAge'], message: problem('ageOrder') })

const sexRule = z.object({ kind: z.literal('sex'), sexes: listOf(z.enum(eligibleSexes, problem('sexMissing')), { invalid: problem('sexMissing'), most: 10, missing: problem('sexMissing') }) })

const sentenceLeftRule = z.object({ kind: z.literal('sentence_left'), minMonths: wholeNumber('months', 1, 600) })

const regionRule = z
  .object({
    kind: z.literal('region'),
    areas: listOf(z.string(problem('areaTooLong')).trim().min(1, problem('areaTooLong')).max(100, problem('areaTooLong')), { invalid: problem('tooManyAreas'), most: 20 }),
    organisationIds: listOf(z.string(problem('organisationUnknown')).regex(uuidPattern, problem('organisationUnknown')), { invalid: problem('organisationUnknown'), most: 50 }),
  })
  .refine((rule) => rule.areas.length + rule.organisationIds.length > 0, { path: ['areas'], message: problem('regionMissing') })

const riskLevelRule = z.object({ kind: z.literal('risk_level'), riskLevels: listOf(z.enum(riskLevels, problem('riskMissing')), { invalid: problem('riskMissing'), most: 10, missing: problem('riskMissing') }) })

const opdRule = z.object({ kind: z.literal('opd_screened_in'), screenedIn: z.boolean(problem('screenedInMissing')) })

/** Each kind's rule, validated; messages are content keys and paths are the form's field names. */
export const eligibilityRuleSchemas = {
  age: ageRule,
  sex: sexRule,
  sentence_left: sentenceLeftRule,
  region: regionRule,
  risk_level: riskLevelRule,
  opd_screened_in: opdRule,
} as const satisfies Record<EligibilityRuleKind, z.ZodType>

export const eligibilityRuleSchema = z.discriminatedUnion('kind', [ageRule, sexRule, sentenceLeftRule, regionRule, riskLevelRule, opdRule])

/**
 * A service's condition on the people it takes. The referrals work evaluates these against
 * a person; here they are entered, stored (kind + parameters), validated and put in words.
 */
export type EligibilityRule =
  | { kind: 'age'; minAge: number | null; maxAge: number | null }
  | { kind: 'sex'; sexes: Array<(typeof eligibleSexes)[number]> }
  | { kind: 'sentence_left'; minMonths: number }
  | { kind: 'region'; areas: string[]; organisationIds: string[] }
  | { kind: 'risk_level'; riskLevels: Array<(typeof riskLevels)[number]> }
  | { kind: 'opd_screened_in'; screenedIn: boolean }

/** A stored rule read back, or null when the stored parameters are not a valid rule of that kind. */
export function storedEligibilityRule(kind: string, parameters: unknown): EligibilityRule | null {
  const parsed = eligibilityRuleSchema.safeParse({ ...(parameters as object), kind })
  return parsed.success ? (parsed.data satisfies EligibilityRule) : null
}

/** The parameters column of a rule: everything but its kind. */
export function ruleParameters(rule: EligibilityRule): Record<string, unknown> {
  const { kind: _kind, ...parameters } = rule
  return parameters
}

/** What describing a rule needs from outside: the words (content) and organisation names. */
export interface RuleWords {
  t(key: string, params?: Record<string, string | number>): string
  organisationName(id: string): string | undefined
}

/** "a", "a or b", "a, b or c". */
function alternatives(items: readonly string[], words: RuleWords): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${words.t('services.eligibility.describe.or')} ${items.at(-1)}`
}

const describeKey = (name: string) => `services.eligibility.describe.${name}`

/** A rule in plain words, as the public page shows it. */
export function describeEligibilityRule(rule: EligibilityRule, words: RuleWords): string {
  switch (rule.kind) {
    case 'age':
      if (rule.minAge !== null && rule.maxAge !== null) return words.t(describeKey('ageRange'), { min: rule.minAge, max: rule.maxAge })
      return rule.minAge !== null ? words.t(describeKey('ageFrom'), { min: rule.minAge }) : words.t(describeKey('ageUpTo'), { max: rule.maxAge ?? 0 })
    case 'sex':
      return words.t(describeKey(rule.sexes.length === 1 ? `sex.${rule.sexes[0]}` : 'sex.both'))
    case 'sentence_left':
      return rule.minMonths === 1 ? words.t(describeKey('sentenceLeftOne')) : words.t(describeKey('sentenceLeft'), { months: rule.minMonths })
    case 'region': {
      const areas = alternatives(rule.areas, words)
      const organisations = alternatives(
        rule.organisationIds.map((id) => words.organisationName(id) ?? words.t(describeKey('unknownOrganisation'))),
        words,
      )
      if (rule.areas.length > 0 && rule.organisationIds.length > 0) return words.t(describeKey('regionBoth'), { areas, organisations })
      return rule.areas.length > 0 ? words.t(describeKey('regionAreas'), { areas }) : words.t(describeKey('regionOrganisations'), { organisations })
    }
    case 'risk_level': {
      const levels = riskLevels.filter((level) => rule.riskLevels.includes(level)).map((level) => words.t(`services.eligibility.riskLevels.${level}`))
      return words.t(describeKey('riskLevel'), { levels: alternatives(levels, words) })
    }
    case 'opd_screened_in':
      return words.t(describeKey(rule.screenedIn ? 'screenedIn' : 'notScreenedIn'))
  }
}

// Files -----------------------------------------------------------------------------------------

/** A file size as people read it: "850 bytes", "120 KB", "2.4 MB" (1 KB = 1,024 bytes). */
export function fileSizeInWords(bytes: number, t: RuleWords['t']): string {
  if (bytes < 1024) return t('services.fileSize.bytes', { size: bytes })
  if (bytes < 1024 * 1024) return t('services.fileSize.kilobytes', { size: Math.round(bytes / 1024) })
  const megabytes = bytes / (1024 * 1024)
  return t('services.fileSize.megabytes', { size: megabytes < 10 ? megabytes.toFixed(1) : String(Math.round(megabytes)) })
}
