// Pure rules of waiting lists, places and caseloads (DOMAIN.md "The core journey"): no I/O.

/** Referral statuses from which a place can be allocated; an accepted referral passes through the waiting list on the way. */
export const allocatableStatuses = ['accepted', 'waiting'] as const
export type AllocatableStatus = (typeof allocatableStatuses)[number]

export function isAllocatable(status: string): status is AllocatableStatus {
  return (allocatableStatuses as readonly string[]).includes(status)
}

/**
 * The status moves that take a referral to `allocated`, in order. An accepted referral goes
 * through `waiting` even when a place is free at once, so its history follows the status
 * machine and its waiting time (none) is on record.
 */
export function stepsToAllocated(status: AllocatableStatus): Array<'waiting' | 'allocated'> {
  return status === 'accepted' ? ['waiting', 'allocated'] : ['allocated']
}

/** The referral statuses that end the work, and with it the place. */
export const endingStatuses = ['completed', 'ended_early', 'transferred'] as const
export type EndingStatus = (typeof endingStatuses)[number]

export function isEndingStatus(value: unknown): value is EndingStatus {
  return typeof value === 'string' && (endingStatuses as readonly string[]).includes(value)
}

/** Why an allocation ended: the referral's ending status, or a move to another element. */
export type EndedReason = EndingStatus | 'moved'

/** Built-in roles (content/roles.yml) that may be named as a person's keyworker. */
export const keyworkerRoles: readonly string[] = ['prison_keyworker', 'charity_case_worker', 'clinician', 'liaison_diversion_practitioner']
/** Built-in roles that may be named as a person's lead clinician. */
export const leadClinicianRoles: readonly string[] = ['clinician']

export interface CapacityQuestion {
  /** Places in the element; null when it is not limited by places. */
  capacity: number | null
  /** Active allocations in the element now, counted inside the allocating transaction. */
  active: number
  /** The caller holds allocation:override. */
  mayOverride: boolean
  overCapacityReason: string | null
}

export type CapacityDecision =
  | { allowed: true; overCapacity: boolean }
  /** `full`: no free place and no override possible; `reason_required`: the caller may override, but gave no reason. */
  | { allowed: false; problem: 'full' | 'reason_required' }

/** Whether one more place may be taken: always while places are free; when full, only by an override with a reason. */
export function decideCapacity({ capacity, active, mayOverride, overCapacityReason }: CapacityQuestion): CapacityDecision {
  if (capacity === null || active < capacity) return { allowed: true, overCapacity: false }
  if (!mayOverride) return { allowed: false, problem: 'full' }
  if ((overCapacityReason ?? '').trim() === '') return { allowed: false, problem: 'reason_required' }
  return { allowed: true, overCapacity: true }
}

/** Places still free (never below zero, even after overrides); null when the element is not limited by places. */
export function freePlaces(capacity: number | null, active: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - active)
}

const millisPerDay = 86_400_000

/** Whole days from `since` (an instant) to `now`; never negative. */
export function daysSince(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / millisPerDay))
}

/** How long someone has waited, as people say it: days for the first two weeks, then whole weeks. */
export function waitingTime(days: number): { unit: 'day' | 'week'; count: number } {
  return days < 14 ? { unit: 'day', count: days } : { unit: 'week', count: Math.floor(days / 7) }
}

/** How far ahead a start date may be: a place is held for someone arriving soon, not reserved for next year. */
export const latestStartDays = 90

export type StartDateProblem = 'before_referral' | 'too_far_ahead'

/** A start date is on or after the day the person was referred, and at most `latestStartDays` from today. */
export function startDateProblem(startsOn: string, referredOn: string | null, today: string): StartDateProblem | null {
  if (referredOn !== null && startsOn < referredOn) return 'before_referral'
  const latest = new Date(Date.parse(`${today}T00:00:00.000Z`) + latestStartDays * millisPerDay).toISOString().slice(0, 10)
  return startsOn > latest ? 'too_far_ahead' : null
}

/** The role a worker holds on an allocation, for caseload lists. */
export function workerRole(allocation: { keyworker_user_id: string | null; lead_clinician_user_id: string | null }, userId: string): 'keyworker' | 'lead_clinician' | 'both' | null {
  const keyworker = allocation.keyworker_user_id === userId
  const lead = allocation.lead_clinician_user_id === userId
  if (keyworker && lead) return 'both'
  return keyworker ? 'keyworker' : lead ? 'lead_clinician' : null
}
