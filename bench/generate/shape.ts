import type { ReferralStatus } from '../../src/modules/referrals/index.ts'
import type { Weighted } from '../../src/modules/demo/index.ts'

/*
 * The shape of the benchmark dataset: how many referrals a person has had, how far each got,
 * which services they went to, and how many staff hold the work. People themselves (names,
 * identifiers, aliases, equality answers, needs) come from the demo's person factory, whose
 * shares follow DOMAIN.md; the case work of each place from the demo's case-work seed.
 */

export const benchSizes = { '2k': 2_000, '25k': 25_000, '250k': 250_000 } as const
export type BenchSize = keyof typeof benchSizes

/** "2k", "25k", "250k", or a plain number of people (the tests make a few hundred). */
export function peopleOf(size: string): number {
  if (size in benchSizes) return benchSizes[size as BenchSize]
  const people = Number(size)
  if (!Number.isInteger(people) || people < 1) throw new RangeError(`size must be one of ${Object.keys(benchSizes).join(', ')} or a whole number of people, not "${size}"`)
  return people
}

/** A few referrals over the years: most people have one, many two, some three or four. */
export const referralsPerPerson: Weighted<'1' | '2' | '3' | '4'> = [['1', 66], ['2', 26], ['3', 6], ['4', 2]]

/** Years between one referral and the next, drawn from this range. */
export const yearsBetweenReferrals = { min: 1, max: 3 } as const

/** An earlier referral has run its course. */
export const earlierOutcomes: Weighted<ReferralStatus> = [['completed', 45], ['ended_early', 20], ['transferred', 5], ['declined', 18], ['withdrawn', 12]]

/**
 * The latest referral may still be under way: about 6% of people hold a place now (the
 * started ones get a year of case work), and one in ten is somewhere between referral and a place.
 */
export const latestOutcomes: Weighted<ReferralStatus> = [
  ['draft', 1],
  ['submitted', 2],
  ['in_review', 2],
  ['information_requested', 1],
  ['accepted', 1],
  ['waiting', 3],
  ['allocated', 1],
  ['started', 5],
  ['completed', 42],
  ['ended_early', 15],
  ['transferred', 3],
  ['declined', 14],
  ['withdrawn', 10],
]

/**
 * How often each service is referred to, by slug; eligibility (sex, age, custody) comes from
 * the demo's referral plans. Liaison and diversion, the community pathway and IOM see most people.
 */
export const serviceWeights: Readonly<Record<string, number>> = {
  'liaison-and-diversion': 22,
  'community-pathway': 22,
  'iom-clinical-review': 14,
  'distant-monitoring': 10,
  'brackenford-pathways': 6,
  'fallowmere-pipe': 6,
  'cinderbank-progression-unit': 5,
  'womens-case-management': 5,
  'volunteer-support': 4,
  'work-experience': 3,
  'womens-supported-housing': 3,
}

/** Places one worker holds at once, for sizing each service team's staff. */
export const placesPerWorker = 25

/** People written (with all their records) per transaction. */
export const peoplePerBatch = 5_000

/**
 * The audit trail of the last quarter: an event for each change made in that time (the app
 * writes one with every change) and a read per person (a record view, search or case page).
 * Older events would be there too in a real deployment; what the benchmarks feel is the
 * table's indexes and its last event, not its length, and the load time is kept in bounds.
 */
export const auditWindowDays = 91
export const auditReadsPerPerson = 1

/** Referrals the demo clinician has made to their own service and that wait for review: the benchmark moves them through review and back. */
export const reviewCycleReferrals = 64
