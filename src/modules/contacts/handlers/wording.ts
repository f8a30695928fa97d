import type { Content } from '../../../platform/content/content.ts'
import { codeList } from '../../../platform/content/code-lists.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import { londonWallClock } from '../../../platform/time/london.ts'
import type { FoundProblem } from '../commands.ts'
import { outcomeFieldNames, outcomeProblemKeys } from '../forms.ts'
import { reasonListOf } from '../rules.ts'

/** What the page shows a form: its problems in the GOV.UK error summary and beside their fields. */
export interface PageProblems {
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/** The choices of the outcome fields (views/macros.njk outcomeFields). Before a contact has started it can only be cancelled. */
export function outcomeChoices(started: boolean) {
  return {
    outcomes: codeList('contact_outcome').codes.filter((code) => started || code.code === 'cancelled'),
    cancelledBy: codeList('cancelled_by').codes,
    didNotAttendReasons: codeList(reasonListOf.did_not_attend).codes,
    cancellationReasons: codeList(reasonListOf.cancelled).codes,
  }
}

/** The problems the rules found with outcomes, on their fields; `label` words each (e.g. to name the attendee it is about). */
export function outcomeErrors<Found extends FoundProblem & { suffix?: string }>(content: Content, problems: readonly Found[], label: (text: string, found: Found) => string = (text) => text): PageProblems {
  const errors: FieldError[] = []
  for (const found of problems) {
    const field = outcomeFieldNames(found.suffix)[found.part]
    if (errors.some((error) => error.field === field)) continue
    errors.push({ field, text: label(content.t(outcomeProblemKeys[found.problem]), found), href: `#${field}` })
  }
  return { errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}

/** The date boxes of a form filled with the UK date of `instant`. */
export function dateBoxes(instant: string): Record<string, string> {
  const [year, month, day] = londonWallClock(instant).date.split('-')
  return { 'occursOn-day': String(Number(day)), 'occursOn-month': String(Number(month)), 'occursOn-year': year ?? '' }
}

/** A listed person's name, or words for a restricted record the caller has no grant for. */
export function listedName(content: Content, person: { given_name: string | null; family_name: string | null }): string {
  return person.given_name === null || person.family_name === null ? content.t('contacts.group.restrictedPerson') : `${person.given_name} ${person.family_name}`
}
