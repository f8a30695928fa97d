/*
 * What makes a contact's record make sense: its kind, its length and its outcome against
 * the time it happens. Pure: the forms, the API and the commands all ask these.
 */

/** The codes of the contact_kind code list. */
export const contactKinds = ['one_to_one_therapy', 'keywork', 'group_session', 'consultation', 'co_working', 'offender_manager_visit', 'family_visit'] as const
export type ContactKind = (typeof contactKinds)[number]

/** Kinds recorded in one case; a group session is planned for several people from its service. */
export const caseContactKinds = ['one_to_one_therapy', 'keywork', 'consultation', 'co_working', 'offender_manager_visit', 'family_visit'] as const satisfies readonly ContactKind[]

/** The codes of the contact_outcome code list; no outcome means the contact is planned. */
export const contactOutcomes = ['attended', 'did_not_attend', 'cancelled'] as const
export type ContactOutcome = (typeof contactOutcomes)[number]

export const cancelledByCodes = ['person', 'service', 'other'] as const
export type CancelledBy = (typeof cancelledByCodes)[number]

/** The code list of the reasons each outcome may give (attending needs none). */
export const reasonListOf = { did_not_attend: 'did_not_attend_reason', cancelled: 'cancellation_reason' } as const satisfies Partial<Record<ContactOutcome, string>>

/**
 * Kinds that are the work of one community-pathway tier (the community_tier code list):
 * consultation with the offender manager is tier 2, co-working tier 3. Any other kind
 * belongs to no tier.
 */
export const tierOfKind: Readonly<Partial<Record<ContactKind, 'consultation' | 'co_working'>>> = { consultation: 'consultation', co_working: 'co_working' }

/** A tier's kind is recorded only while the case is in that tier; other kinds in any case. */
export function kindFitsTier(kind: ContactKind, currentTier: string | null): boolean {
  const tier = tierOfKind[kind]
  return tier === undefined || tier === currentTier
}

export const durationLimits = { min: 1, max: 600 } as const

/** Whole minutes, from one minute to ten hours. */
export function durationProblem(minutes: number): 'out_of_range' | null {
  return Number.isInteger(minutes) && minutes >= durationLimits.min && minutes <= durationLimits.max ? null : 'out_of_range'
}

export interface OutcomeAnswer {
  outcome: ContactOutcome | null
  cancelledBy: CancelledBy | null
  /** A code of the outcome's reason list (reasonListOf). */
  reason: string | null
}

export type OutcomeProblem =
  /** The route asks for an outcome and none was given. */
  | 'missing'
  /** The contact's time has passed, so it either happened or it did not. */
  | 'needed_for_past'
  /** Attended or not attended, for a contact that has not started yet (it can only be cancelled). */
  | 'not_yet'
  | 'cancelled_by_missing'
  | 'cancellation_reason_missing'

export interface OutcomeTiming {
  /** When the contact happens, an ISO instant; null when the form's date or time is not readable yet. */
  occursAt: string | null
  now: string
  /** True where recording the outcome is the point (the outcome and attendance forms). */
  required: boolean
}

export function isPast(occursAt: string, now: string): boolean {
  return Date.parse(occursAt) <= Date.parse(now)
}

/**
 * The problems with an outcome, each on the part it is about. A contact in the past needs
 * its outcome; one in the future may only be cancelled; a cancellation says by whom and why.
 */
export function outcomeProblems(answer: OutcomeAnswer, timing: OutcomeTiming): Array<{ part: 'outcome' | 'cancelledBy' | 'reason'; problem: OutcomeProblem }> {
  const past = timing.occursAt === null ? null : isPast(timing.occursAt, timing.now)
  if (answer.outcome === null) {
    if (timing.required) return [{ part: 'outcome', problem: 'missing' }]
    return past === true ? [{ part: 'outcome', problem: 'needed_for_past' }] : []
  }
  if (answer.outcome !== 'cancelled') return past === false ? [{ part: 'outcome', problem: 'not_yet' }] : []
  return [
    ...(answer.cancelledBy === null ? [{ part: 'cancelledBy' as const, problem: 'cancelled_by_missing' as const }] : []),
    ...(answer.reason === null ? [{ part: 'reason' as const, problem: 'cancellation_reason_missing' as const }] : []),
  ]
}

/** What is kept of an answer: by whom only for a cancellation, a reason only where the outcome takes one. */
export function keptOutcome(answer: OutcomeAnswer): OutcomeAnswer {
  return {
    outcome: answer.outcome,
    cancelledBy: answer.outcome === 'cancelled' ? answer.cancelledBy : null,
    reason: answer.outcome === 'did_not_attend' || answer.outcome === 'cancelled' ? answer.reason : null,
  }
}
