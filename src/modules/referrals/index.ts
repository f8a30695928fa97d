export { applyReferralTransition, type TransitionAnswers, type TransitionOutcome } from './transition.ts'
export { findReferralInScope, notify, referralVisibleTo, type ReferralInScope } from './repository.ts'
export { availableTransitions, reasonCodes, referralStatuses, type ReferralStatus, type Side } from './rules.ts'
