export { findPossibleMatches, findPossibleMatchesForMany, type InScopeMatch, type MatchCandidate, type PossibleMatches } from './repository.ts'
export { foldName } from './rules.ts'
export { personMatchingPaths } from './paths.ts'
export { personMatchingRoutes } from './routes.ts'
