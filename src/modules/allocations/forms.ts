import { z } from 'zod'
import { isCode } from '../../platform/content/code-lists.ts'
import { uuidPattern } from '../../platform/db/ids.ts'
import { readDateField, type DateReading, type TypedFields } from '../people/index.ts'
import { endingStatuses } from './rules.ts'

// Lists: a filter or sort that is not understood is dropped, never an error page, so an
// old bookmark still opens the list.
const listedId = z.string().regex(uuidPattern).optional().catch(undefined)
const pageNumber = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).describe('Page number, from 1')

export const waitingListQuery = z.object({
  element: listedId.describe('Only referrals asking for this element of the service'),
  urgency: z.string().refine((code) => isCode('urgency', code)).optional().catch(undefined).describe('Only referrals of this urgency (a code of the "urgency" code list)'),
  sort: z.enum(['position', 'waiting']).optional().catch(undefined).describe('position (the default): by element, then place in its list; waiting: longest wait first'),
  page: pageNumber,
})

export const caseloadQuery = z.object({
  element: listedId.describe('Only places in this element'),
  worker: listedId.describe('Only places where this member of staff is keyworker or lead clinician'),
  status: z.enum(['active', 'ended', 'all']).optional().catch(undefined).describe('active (the default), ended or all'),
  sort: z.enum(['person', 'started', 'element']).optional().catch(undefined).describe('started (the default), person or element'),
  order: z.enum(['asc', 'desc']).optional().catch(undefined).describe('asc or desc; newest first by default'),
  page: pageNumber,
})

/** The caller's own caseload takes the same query, without the worker: it is theirs. */
export const ownCaseloadQuery = caseloadQuery.omit({ worker: true })

const problem = (form: string, name: string) => `allocations.${form}.errors.${name}`

/** An optional choice from a list of staff: empty means nobody. */
const optionalStaff = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((value) => value === '' || uuidPattern.test(value), message)
    .optional()
    .transform((value) => value || null)

const overCapacityReason = (form: string) =>
  z
    .string({ error: problem(form, 'reasonTooLong') })
    .trim()
    .max(2000, problem(form, 'reasonTooLong'))
    .optional()
    .transform((value) => value || null)

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/**
 * A GOV.UK date input posts three boxes. They are read together (as the person record reads
 * its dates) and the reading is put under the day box's name, so the error summary links to the first box.
 */
function gatherStartDate(body: unknown): unknown {
  return { ...(body as object), 'startsOn-day': readDateField(typedFields(body), 'startsOn') }
}

const startsOnField = z.custom<DateReading>().transform((reading, context) => {
  if (reading.state === 'date') return reading.date
  context.addIssue({ code: 'custom', message: problem('allocate', `startsOn.${reading.state}`), input: reading })
  return z.NEVER
})

export const allocationForm = z.preprocess(
  gatherStartDate,
  z
    .object({
      element: z.string({ error: problem('allocate', 'elementMissing') }).regex(uuidPattern, problem('allocate', 'elementMissing')),
      keyworker: optionalStaff(problem('allocate', 'keyworkerUnknown')),
      leadClinician: optionalStaff(problem('allocate', 'leadClinicianUnknown')),
      'startsOn-day': startsOnField,
      overCapacityReason: overCapacityReason('allocate'),
    })
    .refine((form) => form.keyworker !== null || form.leadClinician !== null, { path: ['keyworker'], message: problem('allocate', 'workerMissing') })
    .transform((form) => ({ elementId: form.element, keyworkerId: form.keyworker, leadClinicianId: form.leadClinician, startsOn: form['startsOn-day'], overCapacityReason: form.overCapacityReason })),
)

export const moveForm = z
  .object({
    element: z.string({ error: problem('move', 'elementMissing') }).regex(uuidPattern, problem('move', 'elementMissing')),
    overCapacityReason: overCapacityReason('move'),
  })
  .transform((form) => ({ elementId: form.element, overCapacityReason: form.overCapacityReason }))

/**
 * The reason for an ending is asked beside each outcome that needs one; only the chosen
 * outcome's reason counts. A transfer also names the team that takes the case on. Every
 * ending closes the case, so it needs a closing summary.
 */
export const endForm = z
  .object({
    outcome: z.enum(endingStatuses, problem('end', 'outcomeMissing')),
    ended_earlyReason: z.string().optional(),
    transferredReason: z.string().optional(),
    transferredTeam: z.string().optional(),
    closingSummary: z.string({ error: problem('end', 'summaryMissing') }).trim().min(1, problem('end', 'summaryMissing')).max(4000, problem('end', 'summaryTooLong')),
    note: z.string({ error: problem('end', 'noteTooLong') }).trim().max(2000, problem('end', 'noteTooLong')).optional(),
  })
  // Checked even when another field is wrong, so the error summary lists every problem at once.
  .refine((form) => form.outcome !== 'transferred' || uuidPattern.test(form.transferredTeam ?? ''), { path: ['transferredTeam'], message: problem('end', 'teamMissing'), when: () => true })
  .transform((form) => ({
    to: form.outcome,
    reason: form.outcome === 'ended_early' ? form.ended_earlyReason : form.outcome === 'transferred' ? form.transferredReason : undefined,
    note: form.note || undefined,
    closingSummary: form.closingSummary,
    receivingTeamId: form.outcome === 'transferred' ? (form.transferredTeam ?? null) : null,
  }))

// JSON API bodies: the same checks, with API field names (documented from these schemas).

const apiId = (message: string) => z.string(message).regex(uuidPattern, message)

export const allocationApiBody = z
  .strictObject(
    {
      elementId: apiId(problem('allocate', 'elementMissing')).describe('An element of the referral’s service'),
      keyworkerId: apiId(problem('allocate', 'keyworkerUnknown')).nullable().optional().describe('A member of a team delivering the service, in a keyworker role'),
      leadClinicianId: apiId(problem('allocate', 'leadClinicianUnknown')).nullable().optional().describe('A clinician in a team delivering the service'),
      startsOn: z.iso.date(problem('allocate', 'startsOn.notReal')).optional().describe('YYYY-MM-DD; today when left out'),
      overCapacityReason: z.string(problem('allocate', 'reasonTooLong')).trim().max(2000, problem('allocate', 'reasonTooLong')).nullable().optional().describe('Needed, with allocation:override, to allocate when no place is free'),
    },
    problem('api', 'unknownField'),
  )
  .refine((body) => (body.keyworkerId ?? null) !== null || (body.leadClinicianId ?? null) !== null, { path: ['keyworkerId'], message: problem('allocate', 'workerMissing') })

export const moveApiBody = z.strictObject(
  {
    elementId: apiId(problem('move', 'elementMissing')).describe('Another element of the same service'),
    overCapacityReason: z.string(problem('move', 'reasonTooLong')).trim().max(2000, problem('move', 'reasonTooLong')).nullable().optional().describe('Needed, with allocation:override, to move into an element with no free place'),
  },
  problem('api', 'unknownField'),
)

const allocationJson = z.object({
  id: z.string(),
  referralId: z.string(),
  personId: z.string(),
  elementId: z.string(),
  elementName: z.string(),
  keyworkerId: z.string().nullable(),
  leadClinicianId: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  startedAt: z.string(),
  overCapacity: z.boolean(),
})

export const allocationResponse = allocationJson

export const waitingListResponse = z.object({
  service: z.object({ id: z.string(), name: z.string() }),
  entries: z.array(
    z.object({
      referralId: z.string(),
      position: z.number().int().describe("Place in the element's list (or in the list of referrals asking for no element)"),
      of: z.number().int(),
      elementId: z.string().nullable(),
      person: z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }).nullable().describe('null for a restricted record the caller holds no grant for'),
      referredAt: z.string().nullable(),
      waitingDays: z.number().int(),
      urgency: z.string(),
      priority: z.number().int(),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
})

export const caseloadResponse = z.object({
  allocations: z.array(
    allocationJson.extend({
      person: z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }).nullable(),
      serviceName: z.string(),
      role: z.enum(['keyworker', 'lead_clinician', 'both']),
      endedAt: z.string().nullable(),
    }),
  ),
  elements: z.array(z.object({ id: z.string(), name: z.string(), serviceName: z.string(), capacity: z.number().int().nullable(), taken: z.number().int(), free: z.number().int().nullable(), inCaseload: z.number().int() })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
})

export const noFreePlaceResponse = z.object({ error: z.literal('no_free_places'), message: z.string(), elementId: z.string() })
