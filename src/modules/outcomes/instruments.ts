import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'
import { criterionC, totalRange, type Instrument } from './rules.ts'

/*
 * The outcome measures are data (content/instruments.yml), read and checked once when the
 * app starts: a definition that could score wrongly (a gap between bands, a reliability of
 * 1, a cut-off outside the totals) stops the app with a message naming the file and field.
 */

export class InstrumentDefinitionError extends Error {
  override name = 'InstrumentDefinitionError'
}

const shippedFile = fileURLToPath(new URL('../../../content/instruments.yml', import.meta.url))

const whole = z.number().int()
const norm = z.object({ mean: z.number(), sd: z.number().positive() }).strict()

const definition = z
  .object({
    // The key is part of URLs (/cases/…/outcomes/core-10/new).
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits joined by hyphens'),
    version: z.union([z.string().min(1), z.number()]).transform(String),
    name: z.string().min(1),
    items: z
      .array(z.object({ key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores'), reversed: z.boolean().optional() }).strict())
      .min(1),
    answers: z.object({ min: whole, max: whole }).strict(),
    bands: z.array(z.object({ key: z.string().regex(/^[a-z][a-z0-9_]*$/), min: whole, max: whole }).strict()).min(1),
    higherIsWorse: z.boolean(),
    clinicalCutOff: z.number().optional(),
    norms: z.object({ clinical: norm, nonClinical: norm }).strict().optional(),
    // A reliability of 1 would make every change reliable; 0 or less would make none.
    reliability: z.number().gt(0).lt(1),
    referenceSd: z.number().positive(),
  })
  .strict()
  .superRefine((instrument, context) => {
    const problem = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message })
    if (instrument.answers.min >= instrument.answers.max) problem(['answers', 'max'], 'must be greater than answers.min')
    instrument.items.forEach((item, index) => {
      if (instrument.items.findIndex((other) => other.key === item.key) !== index) problem(['items', index, 'key'], `"${item.key}" is used twice`)
    })
    // Every possible total falls in exactly one band: in order, each starting where the last ended.
    const range = totalRange({ items: instrument.items, answerMin: instrument.answers.min, answerMax: instrument.answers.max })
    let next = range.min
    instrument.bands.forEach((band, index) => {
      if (band.min !== next) problem(['bands', index, 'min'], `must be ${next}, the total after the band before`)
      if (band.max < band.min) problem(['bands', index, 'max'], 'must not be below min')
      next = band.max + 1
    })
    if (next !== range.max + 1) problem(['bands', instrument.bands.length - 1, 'max'], `the last band must end at ${range.max}, the highest total`)
    if ((instrument.clinicalCutOff === undefined) === (instrument.norms === undefined)) problem(['clinicalCutOff'], 'give either clinicalCutOff or norms (for criterion c), not both')
    const cutOff = instrument.clinicalCutOff ?? (instrument.norms && criterionC(instrument.norms))
    if (cutOff !== undefined && (cutOff <= range.min || cutOff > range.max)) problem([instrument.clinicalCutOff === undefined ? 'norms' : 'clinicalCutOff'], `the cut-off (${cutOff}) must lie within the totals ${range.min}–${range.max}`)
  })
  .transform(
    (instrument): Instrument => ({
      key: instrument.key,
      version: instrument.version,
      name: instrument.name,
      items: instrument.items,
      answerMin: instrument.answers.min,
      answerMax: instrument.answers.max,
      bands: instrument.bands,
      clinicalCutOff: instrument.clinicalCutOff ?? criterionC(instrument.norms!),
      higherIsWorse: instrument.higherIsWorse,
      reliability: instrument.reliability,
      referenceSd: instrument.referenceSd,
    }),
  )

const definitions = z.array(z.unknown()).min(1, 'the file must list at least one instrument')

/** `items[2].reversed` from zod's path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('') || '(the instrument)'
}

/** The instruments of a parsed definitions file; `source` names the file in any error. */
export function readInstruments(parsed: unknown, source: string): readonly Instrument[] {
  const list = definitions.safeParse(parsed)
  if (!list.success) throw new InstrumentDefinitionError(`${source}: ${list.error.issues[0]?.message ?? 'not a list of instruments'}`)
  const instruments = list.data.map((entry, index) => {
    const result = definition.safeParse(entry)
    if (result.success) return result.data
    const key = typeof (entry as { key?: unknown } | null)?.key === 'string' ? ` (${(entry as { key: string }).key})` : ''
    const problems = result.error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`)
    throw new InstrumentDefinitionError(`${source}: instrument ${index + 1}${key}: ${problems.join('; ')}`)
  })
  instruments.forEach((instrument, index) => {
    if (instruments.findIndex((other) => other.key === instrument.key) !== index) throw new InstrumentDefinitionError(`${source}: instrument ${index + 1}: key "${instrument.key}" is used twice`)
  })
  return instruments
}

/** Reads and checks a definitions file (YAML). */
export function loadInstruments(file: string): readonly Instrument[] {
  let parsed: unknown
  try {
    parsed = parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new InstrumentDefinitionError(`${file}: ${(error as Error).message}`)
  }
  return readInstruments(parsed, file)
}

/** The shipped instruments, loaded as the app starts. */
export const instruments: readonly Instrument[] = loadInstruments(shippedFile)

export function instrumentByKey(key: string): Instrument | undefined {
  return instruments.find((instrument) => instrument.key === key)
}
