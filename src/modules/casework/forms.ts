import { z } from 'zod'
import { dataCategoryNames } from '../../platform/auth/scope.ts'
import { isCode } from '../../platform/content/code-lists.ts'
import { readDateField, type DateReading, type TypedFields } from '../people/index.ts'
import { caseSections } from './case.ts'
import { taskViews } from './rules.ts'

const problem = (name: string) => `casework.tiers.errors.${name}`

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The GOV.UK date input's three boxes, read together and put under the day box's name so the error summary links to it. */
function gatherStartDate(body: unknown): unknown {
  return { ...(body as object), 'startsOn-day': readDateField(typedFields(body), 'startsOn') }
}

/** Moving a case into a community-pathway tier from a date. */
export const tierForm = z.preprocess(
  gatherStartDate,
  z
    .object({
      tier: z.string({ error: problem('tierMissing') }).refine((code) => isCode('community_tier', code), problem('tierMissing')),
      'startsOn-day': z.custom<DateReading>().transform((reading, context) => {
        if (reading.state === 'date') return reading.date
        context.addIssue({ code: 'custom', message: problem(`startsOn.${reading.state}`), input: reading })
        return z.NEVER
      }),
    })
    .transform((form) => ({ tier: form.tier, startsOn: form['startsOn-day'] })),
)

export const taskListQuery = z.object({
  show: z.enum(taskViews).optional().catch(undefined).describe('mine (the default): assigned to the caller, and reminders for their own cases; teams: everything of the caller’s teams and of the services they deliver'),
})

const worker = z.object({ id: z.string(), name: z.string().nullable() }).nullable()

export const caseResponse = z.object({
  id: z.string().describe('The case: an allocation'),
  person: z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string().nullable() }),
  service: z.object({ id: z.string(), name: z.string() }),
  element: z.object({ id: z.string(), name: z.string() }),
  keyworker: worker,
  leadClinician: worker,
  status: z.enum(['active', 'ended']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endedReason: z.string().nullable(),
  closingSummary: z.string().nullable(),
  tier: z.object({ tier: z.string().describe('A code of the "community_tier" code list'), startedOn: z.string() }).nullable().describe('The community-pathway tier the case is in now; null when none, or when the caller may not read the plan'),
  readableSections: z.array(z.enum(caseSections.map((section) => section.key))).describe('The sections of the case page the caller may read'),
  readableCategories: z.array(z.enum(dataCategoryNames)).describe('The data categories of the person the caller may read'),
})


export const tasksResponse = z.object({
  show: z.enum(taskViews),
  tasks: z.array(
    z.object({
      id: z.string(),
      kind: z.string().describe('handover or forum_concern'),
      title: z.string(),
      detail: z.string().nullable(),
      dueOn: z.string().nullable(),
      createdAt: z.string(),
      caseId: z.string().nullable(),
      person: z.object({ id: z.string(), name: z.string().nullable().describe('null when the caller may not see the person') }).nullable().describe('null when the task is about no one'),
      assignedTo: z.object({ user: z.string().nullable(), team: z.string().nullable() }),
    }),
  ),
  reminders: z.array(
    z.object({
      kind: z.string().describe('plan_review, plan_action, risk_review, no_risk_plan, contact_upcoming or contact_without_outcome'),
      caseId: z.string(),
      person: z.object({ id: z.string(), name: z.string() }),
      what: z.string(),
      due: z.string().nullable().describe('YYYY-MM-DD, or the instant of a session'),
      overdue: z.boolean(),
    }),
  ),
})
