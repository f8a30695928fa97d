// The referral status machine of DOMAIN.md "The core journey", as data: which moves exist,
// who may make each one, and which need a reason code or a note. Handlers ask
// `decideTransition` and act only on `allowed`; nothing else decides a status change.

export const referralStatuses = [
  'draft',
  'submitted',
  'in_review',
  'information_requested',
  'accepted',
  'declined',
  'withdrawn',
  'waiting',
  'allocated',
  'started',
  'completed',
  'ended_early',
  'transferred',
] as const
export type ReferralStatus = (typeof referralStatuses)[number]

/** Statuses after which nothing more happens to the referral. */
export const finalStatuses: readonly ReferralStatus[] = ['declined', 'withdrawn', 'completed', 'ended_early', 'transferred']

/**
 * Which side of a referral the person acting is on: the referrer's organisation, or a team
 * delivering the receiving service. A user may be on both (a trust referring to its own service).
 */
export type Side = 'referrer' | 'service'

/** Reason codes by the status they lead to; 'other' always needs a note saying what. */
export const reasonCodes = {
  declined: ['not_eligible', 'needs_met_elsewhere', 'insufficient_information', 'risk_not_manageable', 'person_declined', 'no_capacity_expected', 'other'],
  withdrawn: ['person_declined', 'circumstances_changed', 'referred_elsewhere', 'released_or_moved', 'duplicate_referral', 'other'],
  ended_early: ['disengaged', 'moved_establishment', 'released', 'recalled', 'risk_concerns', 'health', 'died', 'other'],
  transferred: ['progression_move', 'moved_establishment', 'released_to_community', 'other'],
} as const satisfies Partial<Record<ReferralStatus, readonly string[]>>

export type ReasonedStatus = keyof typeof reasonCodes
export type ReasonCode = (typeof reasonCodes)[ReasonedStatus][number]

export interface Transition {
  from: ReferralStatus
  to: ReferralStatus
  side: Side
  /** The built-in roles (content/roles.yml) that may make the move from that side. */
  by: readonly string[]
  /** A note is needed whatever the reason (asking for more information must say what). */
  note?: 'required'
}

const referrers = ['clinician', 'probation_officer', 'prison_keyworker', 'liaison_diversion_practitioner', 'charity_case_worker'] as const
const reviewers = ['clinician', 'service_manager'] as const
const allocators = ['clinician', 'service_manager'] as const
/** Staff who deliver the work once a place is allocated. */
const workers = ['clinician', 'service_manager', 'prison_keyworker', 'charity_case_worker'] as const

export const transitions: readonly Transition[] = [
  { from: 'draft', to: 'submitted', side: 'referrer', by: referrers },
  { from: 'draft', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'submitted', to: 'in_review', side: 'service', by: reviewers },
  { from: 'submitted', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'in_review', to: 'information_requested', side: 'service', by: reviewers, note: 'required' },
  { from: 'in_review', to: 'accepted', side: 'service', by: reviewers },
  { from: 'in_review', to: 'declined', side: 'service', by: reviewers },
  { from: 'in_review', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'information_requested', to: 'submitted', side: 'referrer', by: referrers },
  { from: 'information_requested', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'accepted', to: 'waiting', side: 'service', by: allocators },
  { from: 'accepted', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'waiting', to: 'allocated', side: 'service', by: allocators },
  { from: 'waiting', to: 'withdrawn', side: 'referrer', by: referrers },
  { from: 'waiting', to: 'withdrawn', side: 'service', by: allocators },
  { from: 'allocated', to: 'started', side: 'service', by: workers },
  { from: 'allocated', to: 'ended_early', side: 'service', by: allocators },
  { from: 'started', to: 'completed', side: 'service', by: workers },
  { from: 'started', to: 'ended_early', side: 'service', by: workers },
  { from: 'started', to: 'transferred', side: 'service', by: allocators },
]

export interface TransitionRequest {
  from: ReferralStatus
  to: ReferralStatus
  /** The actor's built-in roles. */
  roles: readonly string[]
  /** The sides of this referral the actor is on. */
  sides: readonly Side[]
  reason?: string | undefined
  note?: string | undefined
}

export type TransitionProblem =
  /** No such move from this status (including any move out of a final status). */
  | 'not_a_transition'
  /** The move exists, but not for this actor's roles on their side of the referral. */
  | 'not_permitted'
  | 'reason_required'
  /** A reason was given that is not in the code list for this move (or the move takes none). */
  | 'reason_unknown'
  | 'note_required'

export type TransitionDecision = { allowed: true; transition: Transition } | { allowed: false; problem: TransitionProblem }

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === 'string' && (referralStatuses as readonly string[]).includes(value)
}

export function needsReason(status: ReferralStatus): status is ReasonedStatus {
  return status in reasonCodes
}

/** The statuses this actor may move a referral to from `from`, for the buttons a page offers. */
export function availableTransitions(from: ReferralStatus, roles: readonly string[], sides: readonly Side[]): Transition[] {
  const seen = new Set<ReferralStatus>()
  return transitions.filter((transition) => {
    if (transition.from !== from || seen.has(transition.to) || !sides.includes(transition.side)) return false
    if (!transition.by.some((role) => roles.includes(role))) return false
    seen.add(transition.to)
    return true
  })
}

/** Whether the move may happen, and if not, the one problem to tell the user. */
export function decideTransition(request: TransitionRequest): TransitionDecision {
  const candidates = transitions.filter((transition) => transition.from === request.from && transition.to === request.to)
  if (candidates.length === 0) return { allowed: false, problem: 'not_a_transition' }
  const transition = candidates.find((candidate) => request.sides.includes(candidate.side) && candidate.by.some((role) => request.roles.includes(role)))
  if (!transition) return { allowed: false, problem: 'not_permitted' }
  const reason = request.reason?.trim() || undefined
  const note = request.note?.trim() || undefined
  if (needsReason(request.to)) {
    if (reason === undefined) return { allowed: false, problem: 'reason_required' }
    if (!(reasonCodes[request.to] as readonly string[]).includes(reason)) return { allowed: false, problem: 'reason_unknown' }
    if (reason === 'other' && note === undefined) return { allowed: false, problem: 'note_required' }
  } else if (reason !== undefined) {
    return { allowed: false, problem: 'reason_unknown' }
  }
  if (transition.note === 'required' && note === undefined) return { allowed: false, problem: 'note_required' }
  return { allowed: true, transition }
}

// Making and keeping referrals ---------------------------------------------------------------

/** Statuses in which the referrer may still change the answers and the supporting documents. */
export const editableStatuses: readonly ReferralStatus[] = ['draft', 'information_requested']

/**
 * Moves the allocations module makes, because each goes with a place: allocating one, or
 * ending it. The referral's own transition form and API refuse them and point there.
 */
export const allocationMoves: readonly ReferralStatus[] = ['allocated', 'completed', 'ended_early', 'transferred']

export const urgencies = ['urgent', 'routine'] as const
export type Urgency = (typeof urgencies)[number]

/** Waiting-list order: urgent referrals before routine ones. */
export function priorityOf(urgency: Urgency): number {
  return urgency === 'urgent' ? 1 : 2
}

/** The referrer-role code the form starts with, from the user's built-in roles. */
export function defaultReferrerRole(roles: readonly string[]): string {
  const byRole: Record<string, string> = {
    probation_officer: 'offender_manager',
    prison_keyworker: 'prison_staff',
    liaison_diversion_practitioner: 'liaison_diversion',
    charity_case_worker: 'charity',
    clinician: 'clinician',
  }
  return roles.map((role) => byRole[role]).find((code) => code !== undefined) ?? 'other'
}

/** Who a service takes referrals from: listed roles and organisation types; an empty list means any. */
export interface ServiceReferrers {
  roles: readonly string[]
  organisationTypes: readonly string[]
}

/** Whether a user with these roles, in an organisation of this type, may refer to the service. */
export function mayReferTo(referrers: ServiceReferrers, caller: { roles: readonly string[]; organisationType: string }): boolean {
  const roleFits = referrers.roles.length === 0 || referrers.roles.some((role) => caller.roles.includes(role))
  const organisationFits = referrers.organisationTypes.length === 0 || referrers.organisationTypes.includes(caller.organisationType)
  return roleFits && organisationFits
}
