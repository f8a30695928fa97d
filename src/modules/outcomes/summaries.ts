import { instruments } from './instruments.ts'
import type { MeasurementRow } from './repository.ts'
import { assessChange, bandOf, reliableChangeThreshold, type ChangeAssessment, type Instrument } from './rules.ts'

/*
 * What the outcomes page and the API show of a case: for each instrument, every
 * measurement with its band, and the change from the first to the latest.
 */

export interface BandedMeasurement extends MeasurementRow {
  band: string
}

export interface InstrumentOutcomes {
  instrument: Instrument
  measurements: BandedMeasurement[]
  /** From the first to the latest measurement; undefined with fewer than two. */
  change: (ChangeAssessment & { first: BandedMeasurement; latest: BandedMeasurement }) | undefined
  /** The smallest reliable change in total. */
  threshold: number
}

/**
 * One entry per configured instrument, in the order of content/instruments.yml, from the
 * case's measurements (oldest first). Measurements of an instrument no longer configured
 * are not shown: an instrument with measurements stays in the file.
 */
export function outcomesByInstrument(rows: readonly MeasurementRow[]): InstrumentOutcomes[] {
  return instruments.map((instrument) => {
    const measurements = rows.filter((row) => row.instrument_key === instrument.key).map((row) => ({ ...row, band: bandOf(instrument, row.total) }))
    const first = measurements[0]
    const latest = measurements[measurements.length - 1]
    return {
      instrument,
      measurements,
      change: first && latest && measurements.length > 1 ? { ...assessChange(instrument, first.total, latest.total), first, latest } : undefined,
      threshold: reliableChangeThreshold(instrument),
    }
  })
}
