import { labelOf } from '../../platform/content/code-lists.ts'
import type { ScreeningOutcome } from '../screening/index.ts'
import type { EligibilityRule } from '../services/index.ts'

// A service's eligibility rules (the services module's data) weighed against what is known
// of the person and the referral. Pure: the handler gathers the facts, this decides. A rule
// is "unknown" when the fact it needs is not recorded: the reviewer decides, and accepting
// is not held up by a gap in the record; only a rule positively "not met" needs a reason.

export type EligibilityOutcome = 'met' | 'not_met' | 'unknown'

export interface EligibilityFacts {
  /** The day the rules are weighed on (YYYY-MM-DD). */
  today: string
  dateOfBirth: string | null
  /** A code of the "sex" code list. */
  sex: string | null
  /** Where the person lives or comes from, as recorded on the person (location area). */
  locationArea: string | null
  /** Organisations with an open involvement with the person: those managing them. */
  managingOrganisations: ReadonlyArray<{ id: string; name: string }>
  /** From the referral: the end of the sentence, for time left to serve. */
  sentenceEndOn: string | null
  /** From the referral: a code of the "risk_of_serious_harm" code list. */
  riskOfSeriousHarm: string | null
  /** The standing outcome of the person's latest OPD screening; undefined when never screened. */
  screening: ScreeningOutcome | undefined
}

/** Why, as a content key and its values: the fact the verdict rests on, or the one that is missing. */
export interface Because {
  key: string
  params?: Record<string, string | number>
}

export interface RuleVerdict {
  rule: EligibilityRule
  outcome: EligibilityOutcome
  reason: Because
}

/** Whole years from `from` to `to` (both YYYY-MM-DD): an age on a date. */
export function wholeYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0)
}

/** Whole months from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  const months = (ty - fy) * 12 + (tm - fm)
  if (months > 0 && td < fd) return months - 1
  if (months < 0 && td > fd) return months + 1
  return months
}

/** Sex codes that say nothing about the person's sex. */
const unstatedSexes = ['prefer_not_to_say', 'not_known']

type Verdict = Omit<RuleVerdict, 'rule'>

const because = (key: string, params?: Record<string, string | number>): Because => (params ? { key, params } : { key })

function age(rule: Extract<EligibilityRule, { kind: 'age' }>, facts: EligibilityFacts): Verdict {
  if (facts.dateOfBirth === null) return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.ageUnknown') }
  const years = wholeYears(facts.dateOfBirth, facts.today)
  if (rule.minAge !== null && years < rule.minAge) return { outcome: 'not_met', reason: because('referrals.eligibility.reasons.ageTooYoung', { age: years }) }
  if (rule.maxAge !== null && years > rule.maxAge) return { outcome: 'not_met', reason: because('referrals.eligibility.reasons.ageTooOld', { age: years }) }
  return { outcome: 'met', reason: because('referrals.eligibility.reasons.age', { age: years }) }
}

function sex(rule: Extract<EligibilityRule, { kind: 'sex' }>, facts: EligibilityFacts): Verdict {
  if (facts.sex === null || unstatedSexes.includes(facts.sex)) return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.sexUnknown') }
  const recorded = because('referrals.eligibility.reasons.sex', { sex: labelOf('sex', facts.sex) })
  return { outcome: (rule.sexes as readonly string[]).includes(facts.sex) ? 'met' : 'not_met', reason: recorded }
}

function sentenceLeft(rule: Extract<EligibilityRule, { kind: 'sentence_left' }>, facts: EligibilityFacts): Verdict {
  if (facts.sentenceEndOn === null) return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.sentenceUnknown') }
  const months = Math.max(0, wholeMonths(facts.today, facts.sentenceEndOn))
  return { outcome: months >= rule.minMonths ? 'met' : 'not_met', reason: because('referrals.eligibility.reasons.sentenceLeft', { months, date: facts.sentenceEndOn }) }
}

function region(rule: Extract<EligibilityRule, { kind: 'region' }>, facts: EligibilityFacts): Verdict {
  const manager = facts.managingOrganisations.find((organisation) => rule.organisationIds.includes(organisation.id))
  if (manager) return { outcome: 'met', reason: because('referrals.eligibility.reasons.managedBy', { organisation: manager.name }) }
  const area = facts.locationArea?.trim() ?? ''
  const sameArea = (wanted: string) => wanted.trim().toLocaleLowerCase('en-GB') === area.toLocaleLowerCase('en-GB')
  if (area !== '' && rule.areas.some(sameArea)) return { outcome: 'met', reason: because('referrals.eligibility.reasons.fromArea', { area }) }
  if (rule.areas.length === 0) return { outcome: 'not_met', reason: because('referrals.eligibility.reasons.notManaged') }
  // Without a recorded area an area rule cannot be decided (the organisations managing the person are known).
  return area === ''
    ? { outcome: 'unknown', reason: because('referrals.eligibility.reasons.areaUnknown') }
    : { outcome: 'not_met', reason: because('referrals.eligibility.reasons.elsewhere', { area }) }
}

function riskLevel(rule: Extract<EligibilityRule, { kind: 'risk_level' }>, facts: EligibilityFacts): Verdict {
  if (facts.riskOfSeriousHarm === null) return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.riskUnknown') }
  const assessed = because('referrals.eligibility.reasons.risk', { level: labelOf('risk_of_serious_harm', facts.riskOfSeriousHarm) })
  return { outcome: (rule.riskLevels as readonly string[]).includes(facts.riskOfSeriousHarm) ? 'met' : 'not_met', reason: assessed }
}

function screenedIn(rule: Extract<EligibilityRule, { kind: 'opd_screened_in' }>, facts: EligibilityFacts): Verdict {
  switch (facts.screening) {
    case undefined:
      return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.notScreened') }
    case 'consider':
      // "Consider" asks for a clinician's judgement: the rule cannot say yes or no by itself.
      return { outcome: 'unknown', reason: because('referrals.eligibility.reasons.screeningConsider') }
    case 'screened_in':
      return { outcome: rule.screenedIn ? 'met' : 'not_met', reason: because('referrals.eligibility.reasons.screenedIn') }
    case 'screened_out':
      return { outcome: rule.screenedIn ? 'not_met' : 'met', reason: because('referrals.eligibility.reasons.screenedOut') }
  }
}

function verdictOn(rule: EligibilityRule, facts: EligibilityFacts): Verdict {
  switch (rule.kind) {
    case 'age':
      return age(rule, facts)
    case 'sex':
      return sex(rule, facts)
    case 'sentence_left':
      return sentenceLeft(rule, facts)
    case 'region':
      return region(rule, facts)
    case 'risk_level':
      return riskLevel(rule, facts)
    case 'opd_screened_in':
      return screenedIn(rule, facts)
  }
}

/** Each rule, in the service's order, as met, not met or unknown, with the reason. */
export function evaluateEligibility(rules: readonly EligibilityRule[], facts: EligibilityFacts): RuleVerdict[] {
  return rules.map((rule) => ({ rule, ...verdictOn(rule, facts) }))
}

/** Accepting needs a reason when any rule is positively not met. */
export function needsOverrideReason(verdicts: readonly RuleVerdict[]): boolean {
  return verdicts.some((verdict) => verdict.outcome === 'not_met')
}
