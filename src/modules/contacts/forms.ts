import { z } from 'zod'
import { isCode } from '../../platform/content/code-lists.ts'
import { uuidPattern } from '../../platform/db/ids.ts'
import { readDateField, type DateReading, type TypedFields } from '../people/index.ts'
import { londonInstant } from '../../platform/time/london.ts'
import { readTime } from './clock.ts'
import { cancelledByCodes, caseContactKinds, contactOutcomes, durationLimits, keptOutcome, outcomeProblems, reasonListOf, type ContactOutcome, type OutcomeAnswer, type OutcomeProblem } from './rules.ts'

/** A message's content key (content/contacts.yml). */
export const problem = (name: string) => `contacts.errors.${name}`

export const outcomeProblemKeys: Record<OutcomeProblem, string> = {
  missing: problem('outcomeMissing'),
  needed_for_past: problem('outcomeNeededForPast'),
  not_yet: problem('outcomeNotYet'),
  cancelled_by_missing: problem('cancelledByMissing'),
  cancellation_reason_missing: problem('cancellationReasonMissing'),
}

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The GOV.UK date input's three boxes read together, under the day box's name so the error summary links to the first box. */
function gatherDate(body: unknown): unknown {
  return { ...(body as object), 'occursOn-day': readDateField(typedFields(body), 'occursOn') }
}

const dateField = z.custom<DateReading>().transform((reading, context) => {
  if (reading.state === 'date') return reading.date
  context.addIssue({ code: 'custom', message: problem(`occursOn.${reading.state}`), input: reading })
  return z.NEVER
})

const timeField = z
  .string()
  .optional()
  .transform((typed, context) => {
    const reading = readTime(typed ?? '')
    if (reading.state === 'time') return reading.time
    context.addIssue({ code: 'custom', message: problem(reading.state === 'empty' ? 'timeMissing' : 'timeNotReal'), input: typed })
    return z.NEVER
  })

const durationField = z
  .string()
  .optional()
  .transform((typed, context) => {
    const text = (typed ?? '').trim()
    if (text === '') context.addIssue({ code: 'custom', message: problem('durationMissing'), input: typed })
    else if (!/^\d{1,4}$/.test(text) || Number(text) < durationLimits.min || Number(text) > durationLimits.max) context.addIssue({ code: 'custom', message: problem('durationRange'), input: typed })
    else return Number(text)
    return z.NEVER
  })

const optionalText = (max: number, tooLong: string) =>
  z
    .string({ error: problem(tooLong) })
    .trim()
    .max(max, problem(tooLong))
    .optional()
    .transform((value) => value || null)

const locationField = optionalText(200, 'locationTooLong')
const followUpField = optionalText(2000, 'followUpTooLong')

// The outcome's fields never fail on their own: a choice that is not on the list reads as
// no choice, and the rules (rules.ts) then say what is missing, on its field.
const outcomeFields = {
  outcome: z.enum(contactOutcomes).nullable().catch(null),
  cancelledBy: z.enum(cancelledByCodes).nullable().catch(null),
  cancellationReason: z.string().refine((code) => isCode(reasonListOf.cancelled, code)).nullable().catch(null),
  didNotAttendReason: z.string().refine((code) => isCode(reasonListOf.did_not_attend, code)).nullable().catch(null),
}

type OutcomeFields = { outcome: ContactOutcome | null; cancelledBy: OutcomeAnswer['cancelledBy']; cancellationReason: string | null; didNotAttendReason: string | null }

/** The answer the outcome fields give: the reason asked beside the chosen outcome counts, the others not. */
function answerOf(fields: OutcomeFields): OutcomeAnswer {
  return keptOutcome({ outcome: fields.outcome, cancelledBy: fields.cancelledBy, reason: fields.outcome === 'cancelled' ? fields.cancellationReason : fields.didNotAttendReason })
}

/** The form names of the outcome's parts, for the problems the rules find. */
export function outcomeFieldNames(suffix = ''): Record<'outcome' | 'cancelledBy' | 'reason', string> {
  return { outcome: `outcome${suffix}`, cancelledBy: `cancelledBy${suffix}`, reason: `cancellationReason${suffix}` }
}

/** The instant the typed date and time name, when both were readable. */
function occursAtOf(form: Record<string, unknown>): string | null {
  const date = form['occursOn-day']
  const time = form.time
  return typeof date === 'string' && typeof time === 'string' ? londonInstant(date, time) : null
}

const contactFields = {
  'occursOn-day': dateField,
  time: timeField,
  duration: durationField,
  location: locationField,
  followUp: followUpField,
}

/**
 * Recording a contact of one case. The outcome is checked against the typed time with the
 * rest of the form (even when another field is wrong), so every problem shows at once.
 */
export function contactForm(now: string) {
  return z.preprocess(
    gatherDate,
    z
      .object({ kind: z.enum(caseContactKinds, problem('kindMissing')), ...contactFields, ...outcomeFields })
      .superRefine(
        (form, context) => {
          const names = outcomeFieldNames()
          for (const found of outcomeProblems(answerOf(form), { occursAt: occursAtOf(form), now, required: false })) {
            context.addIssue({ code: 'custom', path: [names[found.part]], message: outcomeProblemKeys[found.problem] })
          }
        },
        { when: () => true },
      )
      .transform((form) => ({
        kind: form.kind,
        occursAt: londonInstant(form['occursOn-day'], form.time),
        durationMinutes: form.duration,
        location: form.location,
        followUp: form.followUp,
        outcome: answerOf(form),
      })),
  )
}

export type ContactAnswers = z.infer<ReturnType<typeof contactForm>>

/** The outcome of one planned contact; checked against its time by the command, which knows it. */
export const outcomeForm = z.preprocess((body) => (typeof body === 'object' && body !== null ? body : {}), z.object(outcomeFields).transform(answerOf))

/** Each listed attendee's outcome from the attendance form, whose fields carry the attendee's allocation id. */
export function readAttendanceForm(body: unknown, allocationIds: readonly string[]): Map<string, OutcomeAnswer> {
  const fields = typedFields(body)
  const outcomeOf = z.object(outcomeFields)
  return new Map(
    allocationIds.map((id) => {
      const row = outcomeOf.parse({ outcome: fields[`outcome-${id}`], cancelledBy: fields[`cancelledBy-${id}`], cancellationReason: fields[`cancellationReason-${id}`], didNotAttendReason: fields[`didNotAttendReason-${id}`] })
      return [id, answerOf(row)]
    }),
  )
}

/** GET `?element=`: which element's people the group form lists. */
export const groupElementQuery = z.object({ element: z.string().regex(uuidPattern).optional().catch(undefined) })

/** Planning a group session in one element of a service, for people holding places in it. */
export const groupForm = z.preprocess(
  gatherDate,
  z
    .object({
      element: z.string({ error: problem('elementMissing') }).regex(uuidPattern, problem('elementMissing')),
      title: z.string({ error: problem('titleMissing') }).trim().min(1, problem('titleMissing')).max(200, problem('titleTooLong')),
      ...contactFields,
      attendees: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().regex(uuidPattern, problem('attendeesMissing'))).min(1, problem('attendeesMissing'))),
    })
    .transform((form) => ({
      elementId: form.element,
      title: form.title,
      occursAt: londonInstant(form['occursOn-day'], form.time),
      durationMinutes: form.duration,
      location: form.location,
      followUp: form.followUp,
      attendeeAllocationIds: [...new Set(form.attendees)],
    })),
)

export type GroupAnswers = z.infer<typeof groupForm>

// JSON API: the same checks, with the API's field names (documented from these schemas).

const apiReason = z.string(problem('reasonUnknown')).nullable().optional().describe('A code of did_not_attend_reason (did not attend) or cancellation_reason (cancelled)')

/** A reason must come from the chosen outcome's list; attending takes none. */
function checkApiReason(answer: { outcome?: ContactOutcome | null | undefined; reason?: string | null | undefined }, context: z.RefinementCtx, path: Array<string | number>) {
  if (answer.reason === undefined || answer.reason === null) return
  const list = answer.outcome === 'did_not_attend' || answer.outcome === 'cancelled' ? reasonListOf[answer.outcome] : null
  if (list === null || !isCode(list, answer.reason)) context.addIssue({ code: 'custom', path: [...path, 'reason'], message: problem('reasonUnknown') })
}

/** The outcome as the API takes it, into the rules' shape. */
export function apiOutcome(answer: { outcome?: ContactOutcome | null | undefined; cancelledBy?: OutcomeAnswer['cancelledBy'] | undefined; reason?: string | null | undefined }): OutcomeAnswer {
  return keptOutcome({ outcome: answer.outcome ?? null, cancelledBy: answer.cancelledBy ?? null, reason: answer.reason ?? null })
}

const apiOutcomeFields = {
  outcome: z.enum(contactOutcomes, problem('outcomeUnknown')).nullable().optional().describe('attended, did_not_attend or cancelled; left out while the contact is planned (needed once its time has passed)'),
  cancelledBy: z.enum(cancelledByCodes, problem('cancelledByMissing')).nullable().optional().describe('For a cancellation: person, service or other'),
  reason: apiReason,
}

export const contactApiBody = z
  .strictObject(
    {
      kind: z.enum(caseContactKinds, problem('kindMissing')).describe('A code of the contact_kind code list; a group session is planned from its service'),
      occursAt: z.iso.datetime({ offset: true, error: problem('occursAtNotReal') }).describe('When the contact happens or happened: an ISO 8601 date-time with its offset'),
      durationMinutes: z.int(problem('durationRange')).min(durationLimits.min, problem('durationRange')).max(durationLimits.max, problem('durationRange')).describe('Whole minutes, 1 to 600'),
      location: z.string(problem('locationTooLong')).trim().max(200, problem('locationTooLong')).nullable().optional(),
      followUp: z.string(problem('followUpTooLong')).trim().max(2000, problem('followUpTooLong')).nullable().optional().describe('What is to happen next'),
      ...apiOutcomeFields,
    },
    problem('unknownField'),
  )
  .superRefine((body, context) => checkApiReason(body, context, []))

export const attendanceApiBody = z
  .strictObject(
    {
      attendance: z
        .array(
          z.strictObject(
            {
              allocationId: z.string(problem('attendeeUnknown')).regex(uuidPattern, problem('attendeeUnknown')).describe('The case (allocation) of an attendee of the contact'),
              ...apiOutcomeFields,
              outcome: z.enum(contactOutcomes, problem('outcomeMissing')).describe('attended, did_not_attend or cancelled'),
            },
            problem('unknownField'),
          ),
          problem('attendanceMissing'),
        )
        .min(1, problem('attendanceMissing'))
        .describe('One entry per attendee whose outcome is recorded now; attendees left out stay as they are'),
    },
    problem('unknownField'),
  )
  .superRefine((body, context) => body.attendance.forEach((entry, index) => checkApiReason(entry, context, ['attendance', index])))

export const contactListQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).describe('Page number, from 1') })

const outcomeJson = {
  outcome: z.enum(contactOutcomes).nullable().describe('null while planned'),
  cancelledBy: z.enum(cancelledByCodes).nullable(),
  reason: z.string().nullable(),
}

const contactJson = z.object({
  id: z.string(),
  kind: z.string().describe('A code of the contact_kind code list'),
  title: z.string().nullable().describe("A group session's title"),
  elementId: z.string(),
  occursAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  location: z.string().nullable(),
  followUp: z.string().nullable(),
})

export const caseContactResponse = contactJson.extend({
  ...outcomeJson,
  attendees: z.object({ total: z.number().int(), attended: z.number().int() }).describe('How many people the contact is for, and how many attended (a group session has several); never who'),
})

export const caseContactsResponse = z.object({ contacts: z.array(caseContactResponse), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })

export const attendanceResponse = z.object({
  contact: contactJson,
  attendance: z.array(z.object({ allocationId: z.string(), personId: z.string(), ...outcomeJson })),
})

export const refusedResponse = z.object({ error: z.enum(['already_recorded', 'case_closed']), message: z.string() })
