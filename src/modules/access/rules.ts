import { healthOnlyCategories, type DataCategory } from '../../platform/auth/scope.ts'

/** Every data category an agreement can open, in the order the forms offer them. */
export const dataCategories = [
  'identity',
  'risk',
  'plan',
  'formulation',
  'contact',
  'referral',
  'case_note',
  'clinical_note',
  'diagnosis',
  'clinical_formulation',
  'outcome_measure',
] as const satisfies readonly DataCategory[]

/** Health-only categories reach only clinical staff of health organisations, whatever an agreement says. */
export function isHealthOnly(category: string): boolean {
  return (healthOnlyCategories as readonly string[]).includes(category)
}

export type AgreementStatus = 'not_started' | 'current' | 'ended'

/**
 * Where an agreement stands on `today`. Both dates are inclusive, as in the scope rule
 * (platform/auth/scope.ts), so the status says exactly whether the agreement opens records.
 */
export function agreementStatus(agreement: { starts_on: string; ends_on: string | null }, today: string): AgreementStatus {
  if (agreement.ends_on !== null && agreement.ends_on < today) return 'ended'
  return agreement.starts_on > today ? 'not_started' : 'current'
}

/**
 * The last day an agreement ended today is in force: yesterday. The end date is inclusive,
 * so ending "on today" would leave the records open until midnight.
 */
export function lastDayWhenEndedOn(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10)
}

/** The three boxes of a GOV.UK date input, as posted. */
export interface DateParts {
  day?: unknown
  month?: unknown
  year?: unknown
}

export type DateReading = { state: 'empty' } | { state: 'incomplete' } | { state: 'impossible' } | { state: 'date'; date: string }

/** Reads a typed date; impossible dates (31 2 2026) and two-digit years are refused, never rolled over. */
export function readDate(parts: DateParts): DateReading {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => (typeof part === 'string' ? part.trim() : ''))
  const given = [day, month, year].filter((part) => part !== '')
  if (given.length === 0) return { state: 'empty' }
  if (given.length < 3) return { state: 'incomplete' }
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) return { state: 'impossible' }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  const sameDay = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
  return sameDay ? { state: 'date', date: date.toISOString().slice(0, 10) } : { state: 'impossible' }
}

export type BreakGlassReviewOutcome = 'appropriate' | 'inappropriate'

/**
 * Why a reviewer may not record a review of this use, or null when they may. Nobody marks
 * their own emergency access: the review exists to check the person who used it.
 */
export function reviewRefusal(use: { user_id: string; reviewed_at: string | null }, reviewerId: string): 'own_use' | 'already_reviewed' | null {
  if (use.reviewed_at !== null) return 'already_reviewed'
  return use.user_id === reviewerId ? 'own_use' : null
}
