// OPD pathway screening (DOMAIN.md "Published rules to encode"). The criteria and the
// OASys-based score thresholds have changed over time and differ for men and women, so
// they are versioned data (content/screening-rule-sets.yml), and these functions only
// read a rule set: they never know which criteria exist.

export type Answer = 'yes' | 'no' | 'unknown'
export type ScreeningOutcome = 'screened_in' | 'screened_out' | 'consider'
export type Population = 'men' | 'women'

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
export function ruleSetInForce(ruleSets: readonly RuleSet[], population: Population, date: string): RuleSet | undefined {
  return ruleSets
    .filter((ruleSet) => ruleSet.population === population && ruleSet.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]
}

/** YYYY-MM-DD naming a day that exists (Date.parse alone accepts 30 February). */
function isCalendarDate(value: string): boolean {
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
