// OPD pathway screening (DOMAIN.md "Published rules to encode"). The criteria and the
// OASys-based score thresholds have changed over time and differ for men and women, so
// they are versioned data (the screening_rule_set table, first filled by
// migrations/0008-referrals.ts), and these functions only read a rule set: they never
// know which criteria a version uses.

export const answers = ['yes', 'no', 'unknown'] as const
export type Answer = (typeof answers)[number]
export const screeningOutcomes = ['screened_in', 'screened_out', 'consider'] as const
export type ScreeningOutcome = (typeof screeningOutcomes)[number]
/** A clinician's override decides: it never leaves the outcome at "consider". */
export const overrideOutcomes = ['screened_in', 'screened_out'] as const
export type OverrideOutcome = (typeof overrideOutcomes)[number]
export const populations = ['men', 'women'] as const
export type Population = (typeof populations)[number]

/**
 * Every criterion a rule set may ask about, in the order forms ask them. A version picks
 * some of these; the question each asks is in content/screening.yml under its key.
 */
export const knownCriteria = [
  'qualifying_current_offence',
  'high_risk_of_serious_harm',
  'likely_severe_personality_disorder',
  'likely_personality_disorder',
  'link_between_disorder_and_risk',
  'managed_by_probation',
] as const
export type CriterionKey = (typeof knownCriteria)[number]

export function isKnownCriterion(key: string): key is CriterionKey {
  return (knownCriteria as readonly string[]).includes(key)
}

export interface ScoreRule {
  /** OASys personality-disorder screening items: the count answered yes out of `items`. */
  items: number
  itemThreshold: number
  /** Optional second route in: the count of indicators present out of `indicators`. */
  indicators?: number
  indicatorThreshold?: number
}

export interface RuleSet {
  key: string
  version: string
  population: Population
  /** The first day screenings use this version (YYYY-MM-DD). */
  effectiveFrom: string
  /** All must be met for the person to be screened in. */
  criteria: readonly { key: string }[]
  score: ScoreRule
}

export interface ScreeningAnswers {
  criteria: Readonly<Record<string, Answer | undefined>>
  /** Items answered yes; undefined when the OASys items are not available. */
  itemsPresent?: number | undefined
  indicatorsPresent?: number | undefined
}

export type ScoreResult = 'met' | 'not_met' | 'unknown'

export interface ScreeningResult {
  outcome: ScreeningOutcome
  criteria: { key: string; answer: Answer }[]
  score: ScoreResult
}

/** The score condition: items at or over their threshold, or (where the rule set has them) indicators at or over theirs. */
export function scoreResult(rule: ScoreRule, answers: ScreeningAnswers): ScoreResult {
  const itemsMet = answers.itemsPresent === undefined ? undefined : answers.itemsPresent >= rule.itemThreshold
  const indicatorsMet =
    rule.indicatorThreshold === undefined ? false : answers.indicatorsPresent === undefined ? undefined : answers.indicatorsPresent >= rule.indicatorThreshold
  if (itemsMet === true || indicatorsMet === true) return 'met'
  if (itemsMet === undefined || indicatorsMet === undefined) return 'unknown'
  return 'not_met'
}

/**
 * Screened out when any criterion is not met; screened in when every criterion and the score
 * are met; otherwise (something unknown, or the criteria met without the score) "consider",
 * for a clinician to decide — the computed outcome never overrides their judgement, and
 * their override is recorded separately with a reason.
 */
export function evaluateScreening(ruleSet: RuleSet, answers: ScreeningAnswers): ScreeningResult {
  const criteria = ruleSet.criteria.map((criterion) => ({ key: criterion.key, answer: answers.criteria[criterion.key] ?? ('unknown' as Answer) }))
  const score = scoreResult(ruleSet.score, answers)
  let outcome: ScreeningOutcome
  if (criteria.some((criterion) => criterion.answer === 'no')) outcome = 'screened_out'
  else if (criteria.every((criterion) => criterion.answer === 'yes') && score === 'met') outcome = 'screened_in'
  else outcome = 'consider'
  return { outcome, criteria, score }
}

/** The version in force on `date` for a population: the latest whose effective date is on or before it. */
export function ruleSetInForce<Version extends RuleSet>(ruleSets: readonly Version[], population: Population, date: string): Version | undefined {
  return ruleSets
    .filter((ruleSet) => ruleSet.population === population && ruleSet.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]
}

export type VersionStatus = 'in_force' | 'scheduled' | 'superseded'

/** Whether a version decides screenings dated `today`, takes effect later, or has been followed by another. */
export function versionStatus(ruleSets: readonly RuleSet[], ruleSet: RuleSet, today: string): VersionStatus {
  if (ruleSet.effectiveFrom > today) return 'scheduled'
  return ruleSetInForce(ruleSets, ruleSet.population, today) === ruleSet ? 'in_force' : 'superseded'
}

/** YYYY-MM-DD naming a day that exists (Date.parse alone accepts 30 February). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export type RuleSetProblem = 'no_criteria' | 'duplicate_criterion' | 'threshold_out_of_range' | 'indicator_rule_incomplete' | 'bad_effective_date'

/** What is wrong with an edited rule set, or null; an authorised role edits them, so they are checked before saving. */
export function ruleSetProblem(ruleSet: RuleSet): RuleSetProblem | null {
  if (!isCalendarDate(ruleSet.effectiveFrom)) return 'bad_effective_date'
  if (ruleSet.criteria.length === 0) return 'no_criteria'
  if (new Set(ruleSet.criteria.map((criterion) => criterion.key)).size !== ruleSet.criteria.length) return 'duplicate_criterion'
  const { items, itemThreshold, indicators, indicatorThreshold } = ruleSet.score
  const inRange = (threshold: number, count: number) => Number.isInteger(threshold) && Number.isInteger(count) && threshold >= 1 && threshold <= count
  if (!inRange(itemThreshold, items)) return 'threshold_out_of_range'
  if ((indicators === undefined) !== (indicatorThreshold === undefined)) return 'indicator_rule_incomplete'
  if (indicators !== undefined && indicatorThreshold !== undefined && !inRange(indicatorThreshold, indicators)) return 'threshold_out_of_range'
  return null
}

export type NewVersionProblem = RuleSetProblem | 'unknown_criterion' | 'effective_in_past' | 'effective_not_after_latest'

/**
 * What is wrong with a new version of a rule set, or null. Besides being a valid rule set
 * it asks only known questions, and starts after every earlier version of its key and not
 * before today: a screening already recorded keeps the version that decided it, and a
 * back-dated version would change which version decides a screening dated in the past.
 */
export function newVersionProblem(proposed: RuleSet, latest: RuleSet | undefined, today: string): NewVersionProblem | null {
  const problem = ruleSetProblem(proposed)
  if (problem) return problem
  if (!proposed.criteria.every((criterion) => isKnownCriterion(criterion.key))) return 'unknown_criterion'
  if (proposed.effectiveFrom < today) return 'effective_in_past'
  if (latest && proposed.effectiveFrom <= latest.effectiveFrom) return 'effective_not_after_latest'
  return null
}

/** The version number after the highest of `versions` (versions are whole numbers kept as text). */
export function nextVersion(versions: readonly string[]): string {
  return String(versions.reduce((highest, version) => Math.max(highest, Number.parseInt(version, 10) || 0), 0) + 1)
}

/** The rule set a person's recorded sex points to; for anyone else the screener chooses. */
export function populationOf(sex: string | null): Population | undefined {
  return sex === 'female' ? 'women' : sex === 'male' ? 'men' : undefined
}

/** The outcome that stands: a clinician's override where there is one, else the computed one. */
export function standingOutcome(screening: { computed_outcome: string; override_outcome: string | null }): ScreeningOutcome {
  return (screening.override_outcome ?? screening.computed_outcome) as ScreeningOutcome
}

export type OverrideProblem = 'already_overridden' | 'same_as_computed'

/**
 * Whether a clinician may override this screening with `outcome`. One override per
 * screening, so the record shows exactly who decided against the rule set and why; a
 * later change of mind is a new screening. Overriding with the computed outcome changes nothing.
 */
export function overrideProblem(screening: { computed_outcome: string; override_outcome: string | null }, outcome: OverrideOutcome): OverrideProblem | null {
  if (screening.override_outcome !== null) return 'already_overridden'
  if (screening.computed_outcome === outcome) return 'same_as_computed'
  return null
}
