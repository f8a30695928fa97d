// Outcome measures (DOMAIN.md "Outcome measures"): instruments are data — items, scoring,
// bands, clinical cut-off, reliability and norms — and these pure functions score a
// completed measure and compare two, by Jacobson and Truax (1991).

export interface InstrumentItem {
  key: string
  /** Positively worded items are scored in reverse (max − answer). */
  reversed?: boolean
}

export interface Band {
  key: string
  /** Inclusive bounds of the total. */
  min: number
  max: number
}

export interface Instrument {
  key: string
  version: string
  /** How staff know the measure (e.g. "CORE-10"). */
  name: string
  items: readonly InstrumentItem[]
  /** Each answer is a whole number in [answerMin, answerMax]. */
  answerMin: number
  answerMax: number
  bands: readonly Band[]
  /** Totals at or beyond the cut-off (above when higher is worse, else below) are in the clinical range. */
  clinicalCutOff: number
  /** Higher totals mean more distress, so a fall is an improvement. */
  higherIsWorse: boolean
  /** Internal consistency (e.g. Cronbach's alpha) used for the standard error of measurement. */
  reliability: number
  /** Standard deviation of the reference (clinical) sample's totals. */
  referenceSd: number
}

/** Clinical and non-clinical (functional) population norms, for Jacobson and Truax's criterion c. */
export interface PopulationNorms {
  clinical: { mean: number; sd: number }
  nonClinical: { mean: number; sd: number }
}

/**
 * Criterion c: the total a person is equally likely to belong to either population at,
 * (SD_clinical × mean_non-clinical + SD_non-clinical × mean_clinical) / (SD_clinical + SD_non-clinical).
 */
export function criterionC(norms: PopulationNorms): number {
  const { clinical, nonClinical } = norms
  return (clinical.sd * nonClinical.mean + nonClinical.sd * clinical.mean) / (clinical.sd + nonClinical.sd)
}

/** The lowest and highest totals the instrument can give. */
export function totalRange(instrument: Pick<Instrument, 'items' | 'answerMin' | 'answerMax'>): { min: number; max: number } {
  return { min: instrument.items.length * instrument.answerMin, max: instrument.items.length * instrument.answerMax }
}

export type ScoringProblem = 'missing_answer' | 'answer_out_of_range' | 'unknown_item'

export type Scored = { ok: true; total: number; band: string } | { ok: false; problem: ScoringProblem; item: string }

/** The total and band of a complete set of answers; every item must be answered with a whole number in range. */
export function scoreMeasure(instrument: Instrument, answers: Readonly<Record<string, number | undefined>>): Scored {
  for (const key of Object.keys(answers)) {
    if (!instrument.items.some((item) => item.key === key)) return { ok: false, problem: 'unknown_item', item: key }
  }
  let total = 0
  for (const item of instrument.items) {
    const answer = answers[item.key]
    if (answer === undefined) return { ok: false, problem: 'missing_answer', item: item.key }
    if (!Number.isInteger(answer) || answer < instrument.answerMin || answer > instrument.answerMax) return { ok: false, problem: 'answer_out_of_range', item: item.key }
    total += item.reversed ? instrument.answerMax + instrument.answerMin - answer : answer
  }
  return { ok: true, total, band: bandOf(instrument, total) }
}

export function bandOf(instrument: Instrument, total: number): string {
  const band = instrument.bands.find((candidate) => total >= candidate.min && total <= candidate.max)
  if (!band) throw new RangeError(`${instrument.key}: no band holds ${total}`)
  return band.key
}

/**
 * The smallest change in total that is reliable at the 95% level:
 * 1.96 × S_diff, where S_diff = √2 × SE and SE = SD × √(1 − r).
 */
export function reliableChangeThreshold(instrument: Instrument): number {
  const standardError = instrument.referenceSd * Math.sqrt(1 - instrument.reliability)
  return 1.96 * Math.SQRT2 * standardError
}

/** The reliable change index: the change divided by S_diff; beyond ±1.96 it is reliable. */
export function reliableChangeIndex(instrument: Instrument, first: number, latest: number): number {
  const standardError = instrument.referenceSd * Math.sqrt(1 - instrument.reliability)
  return (latest - first) / (Math.SQRT2 * standardError)
}

export type ChangeCategory = 'recovered' | 'reliably_improved' | 'no_reliable_change' | 'reliably_deteriorated'

export interface ChangeAssessment {
  change: number
  index: number
  category: ChangeCategory
  /** In the clinical range at the first and the latest measurement. */
  clinicalAtFirst: boolean
  clinicalAtLatest: boolean
}

/**
 * Reliable change, and clinically significant change: "recovered" is a reliable
 * improvement that also moves from the clinical range to below the cut-off.
 */
export function assessChange(instrument: Instrument, first: number, latest: number): ChangeAssessment {
  const index = reliableChangeIndex(instrument, first, latest)
  const improvement = instrument.higherIsWorse ? -index : index
  const clinicalAtFirst = isClinical(instrument, first)
  const clinicalAtLatest = isClinical(instrument, latest)
  let category: ChangeCategory
  if (improvement > 1.96) category = clinicalAtFirst && !clinicalAtLatest ? 'recovered' : 'reliably_improved'
  else if (improvement < -1.96) category = 'reliably_deteriorated'
  else category = 'no_reliable_change'
  return { change: latest - first, index, category, clinicalAtFirst, clinicalAtLatest }
}

export function isClinical(instrument: Pick<Instrument, 'higherIsWorse' | 'clinicalCutOff'>, total: number): boolean {
  return instrument.higherIsWorse ? total >= instrument.clinicalCutOff : total <= instrument.clinicalCutOff
}
