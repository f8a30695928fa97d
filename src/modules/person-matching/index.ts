export { findPossibleMatches, type MatchCandidate, type PossibleMatches, type InScopeMatch } from './repository.ts'
export { personMatchingPaths } from './paths.ts'
