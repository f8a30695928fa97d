// When two records may be merged, and when a merge may still be reversed. Pure: no I/O.

import type { Database } from '../../platform/db/schema.ts'

/**
 * Every table whose rows belong to a person through `person_id`: a merge re-points them all
 * to the survivor, and a reversal moves back exactly the rows it moved. A module that adds a
 * person-linked table adds it here.
 *
 * Left out on purpose: `break_glass` and `restricted_grant` (decisions about access to one
 * record, reviewed as such), `access_request` (a request about the record as it was found),
 * and `audit_event` (append-only: the trail keeps the ids as they were).
 */
export const personLinkedTables = [
  'person_alias',
  'person_identifier',
  'person_characteristic',
  'person_need',
  'person_change',
  'person_timeline_event',
  'involvement',
  'referral',
  'allocation',
  'screening',
] as const satisfies ReadonlyArray<keyof Database>

export type PersonLinkedTable = (typeof personLinkedTables)[number]

/** Rows moved by a merge, by table: what the reversal moves back. */
export type MovedRows = Partial<Record<PersonLinkedTable, string[]>>

/** How long a merge can be reversed: after that, other work will have built on the merged record. */
export const reversibleForDays = 30

export interface MergeCandidate {
  id: string
  merged_into_id: string | null
  is_restricted: boolean
}

export const mergeProblems = ['samePerson', 'survivorMerged', 'duplicateMerged', 'restrictedIntoUnrestricted'] as const
export type MergeProblem = (typeof mergeProblems)[number]

/**
 * Why `duplicate` may not be merged into `survivor`, or null. A restricted record's details
 * would become visible to everyone who sees an unrestricted survivor, so it may only be
 * merged into a record that is restricted too.
 */
export function mergeProblem(survivor: MergeCandidate, duplicate: MergeCandidate): MergeProblem | null {
  if (survivor.id === duplicate.id) return 'samePerson'
  if (survivor.merged_into_id !== null) return 'survivorMerged'
  if (duplicate.merged_into_id !== null) return 'duplicateMerged'
  if (duplicate.is_restricted && !survivor.is_restricted) return 'restrictedIntoUnrestricted'
  return null
}

/** The last moment a merge made at `mergedAt` can be reversed. */
export function reversibleUntil(mergedAt: string): string {
  return new Date(Date.parse(mergedAt) + reversibleForDays * 86_400_000).toISOString()
}

export interface MergeRecord {
  merged_at: string
  reversed_at: string | null
}

export const reversalProblems = ['alreadyReversed', 'tooLate', 'survivorMerged'] as const
export type ReversalProblem = (typeof reversalProblems)[number]

/** Why the merge can no longer be reversed at `now`, or null. A survivor merged since has passed the rows on. */
export function reversalProblem(merge: MergeRecord, survivor: Pick<MergeCandidate, 'merged_into_id'>, now: string): ReversalProblem | null {
  if (merge.reversed_at !== null) return 'alreadyReversed'
  if (now > reversibleUntil(merge.merged_at)) return 'tooLate'
  if (survivor.merged_into_id !== null) return 'survivorMerged'
  return null
}

/** Rows moved, as counts by table, for the audit trail and the history page (ids stay in person_merge). */
export function movedCounts(moved: MovedRows): Record<string, number> {
  return Object.fromEntries(Object.entries(moved).filter(([, ids]) => ids.length > 0).map(([table, ids]) => [table, ids.length]))
}
