import type { RuleSet } from './rules.ts'

/**
 * The rule sets shipped with Pathways, from DOMAIN.md's summary of the published OPD
 * screening criteria. They are the first versions an authorised role can edit; the
 * questions' wording is in content/screening.yml under each criterion key.
 */
export const shippedRuleSets: readonly RuleSet[] = [
  {
    key: 'opd-men',
    version: '1',
    population: 'men',
    effectiveFrom: '2015-04-01',
    criteria: [{ key: 'high_risk_of_serious_harm' }, { key: 'likely_severe_personality_disorder' }, { key: 'link_between_disorder_and_risk' }, { key: 'managed_by_probation' }],
    score: { items: 10, itemThreshold: 7, indicators: 4, indicatorThreshold: 2 },
  },
  {
    key: 'opd-women',
    version: '1',
    population: 'women',
    effectiveFrom: '2015-04-01',
    criteria: [{ key: 'qualifying_current_offence' }, { key: 'high_risk_of_serious_harm' }, { key: 'likely_personality_disorder' }, { key: 'link_between_disorder_and_risk' }],
    score: { items: 15, itemThreshold: 10 },
  },
]
