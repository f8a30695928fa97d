import { z } from 'zod'
import { readDateField, type DateReading } from '../people/index.ts'
import { scoreMeasure, type Instrument } from './rules.ts'

// Messages are content keys (content/outcomes.yml), so every word the user reads is in the content files.

export type MeasuredOnProblem = 'empty' | 'incomplete' | 'notReal' | 'future'

/** The date a measure was completed: a real date, today or earlier. */
export function readMeasuredOn(reading: DateReading, today: string): { ok: true; date: string } | { ok: false; problem: MeasuredOnProblem } {
  if (reading.state !== 'date') return { ok: false, problem: reading.state }
  return reading.date > today ? { ok: false, problem: 'future' } : { ok: true, date: reading.date }
}

/** Only the text a form posts; anything else (a repeated field) reads as empty. */
function typedFields(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The answers an item may take, as a radio posts them ("0" … "4"). */
function answerValues(instrument: Instrument): [string, ...string[]] {
  const values = []
  for (let answer = instrument.answerMin; answer <= instrument.answerMax; answer += 1) values.push(String(answer))
  return values as [string, ...string[]]
}

/**
 * The page form: the date (three boxes, read together and put under the day box's name so
 * the error summary links to the first box) and one radio group per item, each required
 * with its own message.
 */
export function measurementForm(instrument: Instrument, today: string) {
  const values = answerValues(instrument)
  const items = Object.fromEntries(instrument.items.map((item) => [item.key, z.enum(values, `outcomes.instruments.${instrument.key}.items.${item.key}.missing`)]))
  return z.preprocess(
    (body) => ({ ...(body as object), 'measuredOn-day': readDateField(typedFields(body), 'measuredOn') }),
    z
      .object({
        'measuredOn-day': z.custom<DateReading>().transform((reading, context) => {
          const measuredOn = readMeasuredOn(reading, today)
          if (measuredOn.ok) return measuredOn.date
          context.addIssue({ code: 'custom', message: `outcomes.record.errors.measuredOn.${measuredOn.problem}`, input: reading })
          return z.NEVER
        }),
        ...items,
      })
      .transform((form, context) => {
        const answers = Object.fromEntries(instrument.items.map((item) => [item.key, Number((form as Record<string, unknown>)[item.key])]))
        // Reverse scoring happens here, on the server, whatever the page sent.
        const scored = scoreMeasure(instrument, answers)
        if (scored.ok) return { measuredOn: form['measuredOn-day'], answers, total: scored.total }
        context.addIssue({ code: 'custom', path: [scored.item], message: `outcomes.instruments.${instrument.key}.items.${scored.item}.missing`, input: answers })
        return z.NEVER
      }),
  )
}

// The JSON API: the same checks, with the API's field names (documented from these schemas).

export const measurementApiBody = z.strictObject(
  {
    instrument: z.string('outcomes.api.errors.instrumentUnknown').describe('The key of an outcome measure, e.g. "core-10"'),
    measuredOn: z.string('outcomes.api.errors.measuredOn').describe('The date the measure was completed, YYYY-MM-DD; today or earlier'),
    answers: z
      .record(z.string(), z.number('outcomes.api.errors.answerOutOfRange'), 'outcomes.api.errors.answerMissing')
      .describe('Item key → the answer as given (before any reverse scoring), e.g. { "tense": 3, "someone_to_turn_to": 1, … }; every item answered'),
  },
  'outcomes.api.errors.unknownField',
)

const changeCategory = z.enum(['recovered', 'reliably_improved', 'no_reliable_change', 'reliably_deteriorated'])

export const measurementResponse = z.object({
  id: z.string(),
  instrument: z.string(),
  instrumentVersion: z.string(),
  measuredOn: z.string().describe('YYYY-MM-DD'),
  answers: z.record(z.string(), z.number().int()).describe('As given, before reverse scoring'),
  total: z.number().int(),
  band: z.string().describe('The key of the band the total falls in, e.g. "moderate_severe"'),
  recordedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  recordedAt: z.string(),
})

export const measurementsResponse = z.object({
  instruments: z.array(
    z.object({
      key: z.string(),
      version: z.string(),
      name: z.string(),
      clinicalCutOff: z.number(),
      higherIsWorse: z.boolean(),
      reliableChangeThreshold: z.number().describe('The smallest reliable change in total, 1.96 × √2 × SD × √(1 − reliability), to 2 decimals'),
      measurements: z.array(measurementResponse).describe('Oldest first'),
      change: z
        .object({
          first: z.object({ measuredOn: z.string(), total: z.number().int() }),
          latest: z.object({ measuredOn: z.string(), total: z.number().int() }),
          change: z.number().int(),
          reliableChangeIndex: z.number().describe('Jacobson–Truax RCI, to 2 decimals; beyond ±1.96 the change is reliable'),
          category: changeCategory.describe('recovered is a reliable improvement from the clinical range to outside it'),
          clinicallySignificant: z.boolean(),
          clinicalAtFirst: z.boolean(),
          clinicalAtLatest: z.boolean(),
        })
        .nullable()
        .describe('From the first to the latest measurement; null with fewer than two'),
    }),
  ),
})

export const caseClosedResponse = z.object({ error: z.literal('case_closed'), message: z.string() })
