export { findPossibleMatches, type MatchCandidate, type PossibleMatches, type InScopeMatch } from './repository.ts'
