import { z } from 'zod'
import { isId } from '../../platform/db/ids.ts'
import { readDate, type AuditFilters, type DateReading, type PageCursor } from './rules.ts'

const problem = (name: string) => `auditReview.filters.errors.${name}`

const id = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .toLowerCase()
    .refine((value) => isId(value), message)
    .optional()

const datePart = (message: string) => z.string({ error: message }).trim().max(4, message).optional()

/** The filter fields of the audit page, as the GET form sends them; an empty field means "any". */
export const filterFields = z.object({
  person: id(problem('personInvalid')),
  user: z.string({ error: problem('userInvalid') }).trim().toLowerCase().max(320, problem('userInvalid')).optional(),
  organisation: id(problem('organisationInvalid')),
  action: z.string({ error: problem('actionTooLong') }).trim().max(100, problem('actionTooLong')).optional(),
  outcome: z.enum(['allowed', 'denied', 'failed'], { error: problem('outcomeInvalid') }).optional(),
  'from-day': datePart(problem('fromImpossible')),
  'from-month': datePart(problem('fromImpossible')),
  'from-year': datePart(problem('fromImpossible')),
  'to-day': datePart(problem('toImpossible')),
  'to-month': datePart(problem('toImpossible')),
  'to-year': datePart(problem('toImpossible')),
})

/** Only the pagination links set these; a mangled value falls back to the newest page rather than an error no field can show. */
const sequence = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined)

/** A GET form sends every field, filled or not. */
function withoutBlanks(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return {}
  return Object.fromEntries(Object.entries(query).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')))
}

export interface AuditReviewQuery {
  filters: Omit<AuditFilters, 'userId'> & { userEmail?: string }
  cursor: PageCursor
}

type DateField = 'from' | 'to'

/** The two dates as typed; a part that failed its own check (a repeated field) counts as missing. */
function datesOf(query: Record<string, unknown>): Record<DateField, DateReading> {
  const part = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined)
  const reading = (field: DateField) => readDate({ day: part(`${field}-day`), month: part(`${field}-month`), year: part(`${field}-year`) })
  return { from: reading('from'), to: reading('to') }
}

export const auditReviewQuery = z.preprocess(
  withoutBlanks,
  filterFields
    .extend({ olderThan: sequence, newerThan: sequence })
    .superRefine(
      (query, context) => {
        const { from, to } = datesOf(query)
        // The summary links to the day field: GOV.UK's pattern for a date input with an error.
        const refuse = (field: DateField, name: string) => context.addIssue({ code: 'custom', path: [`${field}-day`], message: problem(name), input: query })
        if (from.state === 'incomplete' || from.state === 'impossible') refuse('from', from.state === 'incomplete' ? 'fromIncomplete' : 'fromImpossible')
        if (to.state === 'incomplete' || to.state === 'impossible') refuse('to', to.state === 'incomplete' ? 'toIncomplete' : 'toImpossible')
        if (from.state === 'date' && to.state === 'date' && to.date < from.date) refuse('to', 'toBeforeFrom')
      },
      // Checked even when another field is wrong, so the error summary lists every problem at once.
      { when: () => true },
    )
    .transform((query): AuditReviewQuery => {
      const { from, to } = datesOf(query)
      return {
        filters: {
          personId: query.person,
          userEmail: query.user,
          organisationId: query.organisation,
          action: query.action,
          outcome: query.outcome,
          from: from.state === 'date' ? from.date : undefined,
          to: to.state === 'date' ? to.date : undefined,
        },
        cursor: query.olderThan !== undefined ? { olderThan: query.olderThan } : query.newerThan !== undefined ? { newerThan: query.newerThan } : {},
      }
    }),
)
