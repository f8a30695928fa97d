// Pure rules of the person record: what counts as a change, how a change is kept in the
// record's history, and how the history is put into words. No I/O.

/** A value as history keeps it: text (codes included), a yes/no, or nothing. */
export type HistoryValue = string | boolean | null

export interface FieldChange {
  field: string
  from: HistoryValue
  to: HistoryValue
}

export const changeActions = ['created', 'updated', 'added', 'removed', 'ended', 'opened', 'closed', 'merged', 'merged_into', 'merge_reversed'] as const
export type ChangeAction = (typeof changeActions)[number]

/** What one person_change row holds in `changes`. */
export interface RecordedChange {
  action: ChangeAction
  values: FieldChange[]
}

/** The sections of the record, as person_change.section names them. */
export const changeSections = ['record', 'details', 'location', 'language', 'characteristic', 'alias', 'identifier', 'need', 'involvement', 'merge'] as const
export type ChangeSection = (typeof changeSections)[number]

/** The fields whose value differs between `before` and `after`, in the order `fields` lists them. */
export function changedFields<Field extends string>(fields: readonly Field[], before: Record<Field, HistoryValue>, after: Record<Field, HistoryValue>): FieldChange[] {
  return fields.filter((field) => before[field] !== after[field]).map((field) => ({ field, from: before[field], to: after[field] }))
}

/**
 * Whether an edit may go ahead: the form names the version of the record it was filled in
 * against, and anything but the current one means someone else changed the record since.
 */
export function isCurrentVersion(typed: unknown, current: number): boolean {
  const version = typeof typed === 'number' ? typed : typeof typed === 'string' && /^\d{1,9}$/.test(typed.trim()) ? Number(typed) : NaN
  return version === current
}

/** A reason a person may give for closing an involvement by hand; `referral_…` reasons are set only when a referral ends. */
export function isManualClosingReason(code: string): boolean {
  return !code.startsWith('referral_')
}

/** Fields whose values are codes, and the code list that labels them. */
export const codeListOfField: Readonly<Record<string, string>> = {
  sex: 'sex',
  gender_identity: 'gender_identity',
  preferred_language: 'language',
  location_kind: 'location_kind',
  alias_type: 'alias_type',
  kind: 'identifier_kind',
  ended_reason: 'identifier_end_reason',
  need: 'needs',
  source: 'need_source',
  closed_reason: 'involvement_closing_reason',
  ethnicity: 'ethnicity',
  religion: 'religion',
  sexual_orientation: 'sexual_orientation',
  disability: 'disability',
  marital_status: 'marital_status',
  pregnancy_maternity: 'pregnancy_maternity',
  gender_reassignment: 'gender_reassignment',
}

/** What the history page needs to turn codes and keys into words; given by the caller so this stays pure. */
export interface Wording {
  /** Content text by key. */
  t(key: string, params?: Record<string, string | number>): string
  /** Whether content has the key. */
  has(key: string): boolean
  labelOf(list: string, code: string): string
  /** A calendar date (YYYY-MM-DD) as people read it. */
  date(value: string): string
}

/** Fields whose values are calendar dates (typed in GOV.UK date inputs). */
export const dateFields: ReadonlySet<string> = new Set(['date_of_birth', 'started_on', 'ended_on'])

export interface DescribedLine {
  label: string
  text: string
}

export interface DescribedChange {
  heading: string
  lines: DescribedLine[]
}

function valueInWords(field: string, value: HistoryValue, words: Wording): string {
  if (value === null || value === '') return words.t('people.history.notRecorded')
  if (typeof value === 'boolean') return words.t(value ? 'people.history.yes' : 'people.history.no')
  const list = codeListOfField[field]
  if (list) return words.labelOf(list, value)
  return dateFields.has(field) ? words.date(value) : value
}

function fieldLabel(field: string, words: Wording): string {
  const key = `people.labels.${field}`
  return words.has(key) ? words.t(key) : field.replaceAll('_', ' ')
}

/**
 * One history row in words: a heading ("Details changed", "Identifier added") and a line per
 * value. A change shows "from … to …"; an addition or an ending shows the value itself.
 */
export function describeChange(section: string, recorded: RecordedChange, words: Wording): DescribedChange {
  const headingKey = `people.history.headings.${section}.${recorded.action}`
  const heading = words.has(headingKey) ? words.t(headingKey) : words.t('people.history.headings.other')
  const lines = recorded.values.map(({ field, from, to }) => ({
    label: fieldLabel(field, words),
    text:
      recorded.action === 'updated'
        ? words.t('people.history.fromTo', { from: valueInWords(field, from, words), to: valueInWords(field, to, words) })
        : valueInWords(field, to ?? from, words),
  }))
  return { heading, lines }
}

/** A timeline event's kind in words; kinds come from later modules, so an unnamed one is shown as it is. */
export function timelineKindInWords(kind: string, words: Pick<Wording, 't' | 'has'>): string {
  const key = `people.timeline.kinds.${kind}`
  if (words.has(key)) return words.t(key)
  const spaced = kind.replaceAll('_', ' ')
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/** The merge module (person-merge) notes a merge as `{ merged | mergedInto | mergeReversed: { personId, mergeId } }`. */
function mergeAction(stored: object): ChangeAction | null {
  if ('mergedInto' in stored) return 'merged_into'
  if ('mergeReversed' in stored) return 'merge_reversed'
  return 'merged' in stored ? 'merged' : null
}

const isHistoryValue = (value: unknown): value is HistoryValue => value === null || typeof value === 'string' || typeof value === 'boolean'

/**
 * A stored `changes` value read back. Other modules write history rows too (a merge), so
 * anything not in this shape is read as a change with no values rather than trusted.
 */
export function readRecordedChange(stored: unknown): RecordedChange {
  const value = (stored ?? {}) as { action?: unknown; values?: unknown }
  const action = (changeActions as readonly unknown[]).includes(value.action) ? (value.action as ChangeAction) : mergeAction(value) ?? 'updated'
  const values = Array.isArray(value.values)
    ? value.values.flatMap((item: { field?: unknown; from?: unknown; to?: unknown }) =>
        typeof item?.field === 'string' && isHistoryValue(item.from ?? null) && isHistoryValue(item.to ?? null) ? [{ field: item.field, from: item.from ?? null, to: item.to ?? null }] : [],
      )
    : []
  return { action, values: values as FieldChange[] }
}

/** The equality characteristics kept in person_characteristic, each answered from the code list of the same name. */
export const equalityCharacteristics = ['ethnicity', 'religion', 'sexual_orientation', 'disability', 'marital_status', 'pregnancy_maternity', 'gender_reassignment'] as const
