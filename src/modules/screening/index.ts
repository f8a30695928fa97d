export { screeningPaths } from './paths.ts'
export { screeningRoutes } from './routes.ts'
// latestScreeningOutcome is for the referral's eligibility panel, which calls it only for a
// person already found in the caller's scope; findRuleSetInForce and recordScreening are for
// the demo seed (recordScreening writes the screening and its timeline entry, not the audit row).
export { findRuleSetInForce, latestScreeningOutcome, recordScreening, type NewScreening, type StoredRuleSet } from './repository.ts'
export { populationOf, type Answer, type Population, type ScreeningAnswers, type ScreeningOutcome } from './rules.ts'
