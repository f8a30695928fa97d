import { z } from 'zod'
import { purposes } from '../../platform/auth/scope.ts'
import { uuidPattern } from '../../platform/db/ids.ts'
import { dataCategories, readDate, type DateReading } from './rules.ts'

/** A checkbox group posts nothing, one value, or several: always a list here (and when a failed form is shown again). */
export function checkedList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

const checked = <Item extends z.ZodType>(item: Item, missing: string) =>
  z.preprocess(checkedList, z.array(item).min(1, missing).max(100, missing)).transform((values) => [...new Set(values)])

const agreementProblem = (name: string) => `access.newAgreement.errors.${name}`

type DateField = 'startsOn' | 'endsOn'

/**
 * A GOV.UK date input posts three boxes. They are read together and the reading is put
 * under the day box's name, so the error summary links to the first box, as the
 * pattern asks, and the schema can check the date like any other field.
 */
function gatherDates(body: unknown): unknown {
  const fields = (body ?? {}) as Record<string, unknown>
  const reading = (name: DateField) => readDate({ day: fields[`${name}-day`], month: fields[`${name}-month`], year: fields[`${name}-year`] })
  return { ...fields, 'startsOn-day': reading('startsOn'), 'endsOn-day': reading('endsOn') }
}

/** The date read, or a problem on the field (the content key names the field and what is wrong). */
function dateRead(name: DateField, reading: DateReading, context: z.RefinementCtx): string {
  if (reading.state === 'date') return reading.date
  context.addIssue({ code: 'custom', message: agreementProblem(`${name}.${reading.state}`), input: reading })
  return z.NEVER
}

const startsOnField = z.custom<DateReading>().transform((reading, context) => dateRead('startsOn', reading, context))
/** Left empty, the agreement has no end date. */
const endsOnField = z.custom<DateReading>().transform((reading, context) => (reading.state === 'empty' ? null : dateRead('endsOn', reading, context)))

export const agreementForm = z.preprocess(
  gatherDates,
  z
    .object({
      name: z.string({ error: agreementProblem('nameMissing') }).trim().min(1, agreementProblem('nameMissing')).max(200, agreementProblem('nameTooLong')),
      parties: checked(z.string().max(100), agreementProblem('partiesMissing')),
      purposes: checked(z.enum(purposes, agreementProblem('purposesMissing')), agreementProblem('purposesMissing')),
      categories: checked(z.enum(dataCategories, agreementProblem('categoriesMissing')), agreementProblem('categoriesMissing')),
      'startsOn-day': startsOnField,
      'endsOn-day': endsOnField,
    })
    .superRefine(
      (form, context) => {
        const [startsOn, endsOn] = [form['startsOn-day'], form['endsOn-day']]
        if (endsOn !== null && endsOn <= startsOn) context.addIssue({ code: 'custom', path: ['endsOn-day'], message: agreementProblem('endsOn.notAfterStart'), input: endsOn })
      },
      // Checked as soon as both dates read, even while another field still needs fixing, so every problem shows at once.
      { when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === 'startsOn-day' || issue.path?.[0] === 'endsOn-day') },
    )
    .transform(({ 'startsOn-day': startsOn, 'endsOn-day': endsOn, ...rest }) => ({ ...rest, startsOn, endsOn })),
)

const reviewProblem = (name: string) => `access.review.errors.${name}`

export const breakGlassReviewForm = z
  .object({
    outcome: z.enum(['appropriate', 'inappropriate'], reviewProblem('outcomeMissing')),
    note: z
      .string({ error: reviewProblem('noteTooLong') })
      .trim()
      .max(2000, reviewProblem('noteTooLong'))
      .optional()
      .transform((note) => note || null),
  })
  // A use judged inappropriate is followed up, so the reviewer says why.
  .refine((review) => review.outcome === 'appropriate' || review.note !== null, { path: ['note'], message: reviewProblem('noteMissing') })

export const restrictionForm = z.object({
  restricted: z.enum(['yes', 'no'], 'access.restricted.errors.choiceMissing').transform((choice) => choice === 'yes'),
})

export const namedGrantForm = z.object({
  // Addresses are stored lower-case; the colleague is found whatever case was typed.
  email: z
    .string({ error: 'access.restricted.errors.emailMissing' })
    .trim()
    .toLowerCase()
    .min(1, 'access.restricted.errors.emailMissing')
    .max(320, 'access.restricted.errors.emailInvalid')
    .pipe(z.email('access.restricted.errors.emailInvalid')),
})

/** The person ID typed on the restricted-records page, to open that person's page. */
export const personLookupForm = z.object({
  personId: z
    .string({ error: 'access.findRestricted.errors.personIdMissing' })
    .trim()
    .toLowerCase()
    .min(1, 'access.findRestricted.errors.personIdMissing')
    .regex(uuidPattern, 'access.findRestricted.errors.personIdInvalid'),
})
