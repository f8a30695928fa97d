import { z } from 'zod'
import { codeList } from '../../platform/content/code-lists.ts'
import { uuidPattern } from '../../platform/db/ids.ts'
import { readDateField, type DateReading, type TypedFields } from '../people/index.ts'
import { actionOwner, formulationParts, type FormulationPart } from './rules.ts'

const problem = (key: string) => `formulation.${key}`

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
function typedFields(body: unknown): TypedFields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/**
 * A GOV.UK date input posts three boxes; they are read together and the reading is put
 * under the day box's name, so the error summary links to the first box.
 */
const withDateReading = (name: string) => (body: unknown) => ({ ...(body as object), [`${name}-day`]: readDateField(typedFields(body), name) })

/** A date the form may leave empty (null); a half-typed or impossible date is refused. */
const optionalDate = (errors: string) =>
  z.custom<DateReading>().transform((reading, context) => {
    if (reading.state === 'empty') return null
    if (reading.state === 'date') return reading.date
    context.addIssue({ code: 'custom', message: `${errors}.${reading.state}` })
    return z.NEVER
  })

/** Free text as typed, with Windows line ends made plain; empty is null. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string({ error: tooLong })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, tooLong))
    .optional()
    .transform((value) => value || null)

const requiredText = (max: number, missing: string, tooLong: string) =>
  z
    .string({ error: missing })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, missing).max(max, tooLong))

/** The version of the record a form was filled in against (a hidden field). */
const formVersion = z.coerce.number().int().min(0)

/** Checkboxes post nothing, one value or several. */
const chosenStaff = (unknown: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: unknown })
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((id) => id !== ''))
    .pipe(z.array(z.string().regex(uuidPattern, unknown)))

const formulationTextMax = 10_000

/**
 * A new version of the formulation. Only the parts the writer may write are read: a
 * clinical section posted by someone who may not write the clinical part is ignored.
 */
export function formulationForm(today: string, writable: readonly FormulationPart[]) {
  const sections = Object.fromEntries(
    writable.flatMap((part) => formulationParts[part].sections).map((section) => [section, section === 'presentingDifficulties' ? requiredText(formulationTextMax, problem('new.errors.presentingDifficultiesMissing'), problem('new.errors.tooLong')) : optionalText(formulationTextMax, problem('new.errors.tooLong'))]),
  )
  return z.preprocess(
    withDateReading('formulatedOn'),
    z.object({
      ...sections,
      'formulatedOn-day': z.custom<DateReading>().transform((reading, context) => {
        if (reading.state === 'date' && reading.date <= today) return reading.date
        context.addIssue({ code: 'custom', message: problem(`new.errors.formulatedOn.${reading.state === 'date' ? 'future' : reading.state}`) })
        return z.NEVER
      }),
      coAuthors: chosenStaff(problem('new.errors.coAuthorUnknown')),
      basedOnVersion: formVersion,
    }),
  ).transform((form) => ({
    sections: Object.fromEntries(Object.keys(sections).map((section) => [section, (form as Record<string, unknown>)[section] as string | null])),
    formulatedOn: form['formulatedOn-day'],
    coAuthors: form.coAuthors,
    basedOnVersion: form.basedOnVersion,
  }))
}

const pathwayTextMax = 5000

export const pathwayForm = z.preprocess(
  withDateReading('reviewOn'),
  z
    .object({
      custodyNextService: optionalText(pathwayTextMax, problem('pathway.errors.tooLong')),
      progressionMove: optionalText(pathwayTextMax, problem('pathway.errors.tooLong')),
      communityPathway: optionalText(pathwayTextMax, problem('pathway.errors.tooLong')),
      'reviewOn-day': optionalDate(problem('pathway.errors.reviewOn')),
      version: formVersion,
    })
    .transform((form) => ({ pathway: { custodyNextService: form.custodyNextService, progressionMove: form.progressionMove, communityPathway: form.communityPathway, reviewOn: form['reviewOn-day'] }, version: form.version })),
)

const goalDescription = requiredText(2000, problem('goal.errors.descriptionMissing'), problem('goal.errors.descriptionTooLong'))
const actionDescription = requiredText(2000, problem('action.errors.descriptionMissing'), problem('action.errors.descriptionTooLong'))
const ownerDescription = optionalText(200, problem('action.errors.ownerDescriptionTooLong'))

export const goalForm = z.object({ description: goalDescription, version: formVersion })

/** Who does an action: a worker chosen from the list, or someone described in words. */
function ownerOf(form: { ownerUser: string | null; ownerDescription: string | null }, context: z.RefinementCtx, field: string) {
  const owner = actionOwner(form.ownerUser, form.ownerDescription)
  if (typeof owner === 'object') return owner
  context.addIssue({ code: 'custom', path: [field], message: problem(owner === 'both' ? 'action.errors.ownerBoth' : 'action.errors.ownerMissing') })
  return z.NEVER
}

export const actionForm = z.preprocess(
  withDateReading('dueOn'),
  z
    .object({
      description: actionDescription,
      ownerUser: z
        .string({ error: problem('action.errors.ownerUnknown') })
        .refine((value) => value === '' || uuidPattern.test(value), problem('action.errors.ownerUnknown'))
        .optional()
        .transform((value) => value || null),
      ownerDescription,
      'dueOn-day': optionalDate(problem('action.errors.dueOn')),
      version: formVersion,
    })
    .transform((form, context) => ({ action: { description: form.description, owner: ownerOf(form, context, 'ownerUser'), dueOn: form['dueOn-day'] }, version: form.version })),
)

const codesOf = (list: string) => codeList(list).codes.map((code) => code.code) as [string, ...string[]]

export const goalStatusForm = z.object({ status: z.enum(codesOf('plan_goal_status'), problem('status.errors.statusMissing')), version: formVersion })
export const actionStatusForm = z.object({ status: z.enum(codesOf('plan_action_status'), problem('status.errors.statusMissing')), version: formVersion })

// JSON API bodies: the same checks, with the API's field names (documented from these schemas).

const planVersion = z.number(problem('api.errors.planVersionMissing')).int(problem('api.errors.planVersionMissing')).min(0, problem('api.errors.planVersionMissing')).describe('The version of the plan the change is based on (GET the plan); 0 when the case has no plan yet')

export const goalApiBody = z
  .strictObject({ description: goalDescription.describe('The goal, up to 2,000 characters'), planVersion }, problem('api.errors.unknownField'))
  .transform((body) => ({ description: body.description, version: body.planVersion }))

export const actionApiBody = z
  .strictObject(
    {
      description: actionDescription.describe('What needs to happen, up to 2,000 characters'),
      ownerUserId: z.string(problem('action.errors.ownerUnknown')).regex(uuidPattern, problem('action.errors.ownerUnknown')).nullable().optional().describe('A worker on the case: its keyworker or lead clinician, or staff of a team working with the person'),
      ownerDescription: ownerDescription.nullable().describe('Who does it, in words (for example, "the person"), up to 200 characters; give this or ownerUserId'),
      dueOn: z.iso.date(problem('api.errors.dueOnNotReal')).nullable().optional().describe('YYYY-MM-DD'),
      planVersion,
    },
    problem('api.errors.unknownField'),
  )
  .transform((body, context) => ({ action: { description: body.description, owner: ownerOf({ ownerUser: body.ownerUserId ?? null, ownerDescription: body.ownerDescription ?? null }, context, 'ownerUserId'), dueOn: body.dueOn ?? null }, version: body.planVersion }))

const nullableText = z.string().nullable()

export const formulationResponse = z.object({
  allocationId: z.string(),
  personId: z.string(),
  formulation: z
    .object({
      id: z.string(),
      version: z.number().int(),
      formulatedOn: z.string().describe('YYYY-MM-DD'),
      createdAt: z.string(),
      authors: z.array(z.object({ id: z.string(), name: z.string() })),
      shared: z.record(z.string(), z.string()).nullable().describe('Section → text: ' + formulationParts.shared.sections.join(', ') + '; null when not shared with the caller'),
      clinical: z.record(z.string(), z.string()).nullable().describe('Section → text: ' + formulationParts.clinical.sections.join(', ') + '; null unless the caller may read the clinical formulation (clinical staff of health organisations)'),
    })
    .nullable()
    .describe('The latest version; null when none has been written'),
})

export const planResponse = z.object({
  allocationId: z.string(),
  personId: z.string(),
  plan: z
    .object({
      id: z.string(),
      version: z.number().int().describe('Send as planVersion with a change'),
      reviewOn: nullableText.describe('YYYY-MM-DD'),
      reviewOverdue: z.boolean(),
      custodyNextService: nullableText,
      progressionMove: nullableText,
      communityPathway: nullableText,
      updatedAt: z.string(),
      goals: z.array(
        z.object({
          id: z.string(),
          description: z.string(),
          status: z.string().describe('A code of the "plan_goal_status" code list'),
          actions: z.array(
            z.object({
              id: z.string(),
              description: z.string(),
              owner: z.object({ userId: nullableText, name: nullableText, description: nullableText }),
              dueOn: nullableText.describe('YYYY-MM-DD'),
              status: z.string().describe('A code of the "plan_action_status" code list'),
              overdue: z.boolean(),
            }),
          ),
        }),
      ),
    })
    .nullable()
    .describe('null until the first change makes the plan'),
})
