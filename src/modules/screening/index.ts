export { screeningPaths } from './paths.ts'
export { screeningRoutes } from './routes.ts'
// For the referral's eligibility panel (only for a person already found in the caller's scope) and the demo seed.
export { findRuleSetInForce, latestScreeningOutcome, recordScreening, type NewScreening, type StoredRuleSet } from './repository.ts'
export { evaluateScreening, knownCriteria, populationOf, type Answer, type Population, type ScreeningAnswers, type ScreeningOutcome } from './rules.ts'
