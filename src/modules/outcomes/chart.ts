import { totalRange, type Instrument } from './rules.ts'

/*
 * The geometry of the totals chart (outcomes/views/chart.njk draws it): totals over time
 * on a fixed viewBox, higher totals at the top, with the bands shaded and the clinical
 * cut-off drawn between the last non-clinical total and the first clinical one.
 */

export const chartBox = { width: 680, height: 300 }
/** The plotting area inside the box: room on the left for the totals, on the right for the band names, below for the dates. */
export const plotArea = { left: 48, right: 520, top: 16, bottom: 256 }

export interface ChartPoint {
  measuredOn: string
  total: number
  x: number
  y: number
}

export interface ChartGeometry {
  width: number
  height: number
  plot: typeof plotArea
  /** One shaded rectangle per band, lowest totals first; `shaded` alternates so neighbours differ. */
  bands: Array<{ key: string; y: number; height: number; labelY: number; shaded: boolean }>
  cutOff: { value: number; y: number }
  yTicks: Array<{ value: number; y: number }>
  points: ChartPoint[]
  /** The `points` attribute of the line through the totals. */
  line: string
  /** The first and latest dates, under the ends of the line. */
  xLabels: Array<{ measuredOn: string; x: number; anchor: 'start' | 'middle' | 'end' }>
}

const round = (value: number) => Math.round(value * 10) / 10
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

/** A tick step of 1, 2 or 5 × 10ⁿ giving at most eight intervals. */
function tickStep(span: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5].map((factor) => factor * magnitude)) if (span / step <= 8) return step
  }
}

/** Geometry for `measurements`, oldest first. */
export function totalsChart(instrument: Instrument, measurements: ReadonlyArray<{ measuredOn: string; total: number }>): ChartGeometry {
  const range = totalRange(instrument)
  const plotHeight = plotArea.bottom - plotArea.top
  const yOf = (total: number) => round(plotArea.bottom - ((Math.min(Math.max(total, range.min), range.max) - range.min) / (range.max - range.min)) * plotHeight)
  const first = measurements[0] ? dayNumber(measurements[0].measuredOn) : 0
  const span = measurements.length > 0 ? dayNumber(measurements[measurements.length - 1]!.measuredOn) - first : 0
  const xOf = (measuredOn: string) => round(span === 0 ? (plotArea.left + plotArea.right) / 2 : plotArea.left + ((dayNumber(measuredOn) - first) / span) * (plotArea.right - plotArea.left))

  // Totals are whole numbers, so each band (and the cut-off) is drawn half a point beyond its last total.
  const bands = instrument.bands.map((band, index) => {
    const top = yOf(band.max + 0.5)
    const bottom = yOf(band.min - 0.5)
    return { key: band.key, y: top, height: round(bottom - top), labelY: round((top + bottom) / 2), shaded: index % 2 === 0 }
  })
  const boundary = instrument.higherIsWorse ? Math.ceil(instrument.clinicalCutOff) - 0.5 : Math.floor(instrument.clinicalCutOff) + 0.5
  const step = tickStep(range.max - range.min)
  const yTicks = []
  for (let value = Math.ceil(range.min / step) * step; value <= range.max; value += step) yTicks.push({ value, y: yOf(value) })
  const points = measurements.map((measurement) => ({ measuredOn: measurement.measuredOn, total: measurement.total, x: xOf(measurement.measuredOn), y: yOf(measurement.total) }))
  const ends = points.length === 0 ? [] : span === 0 ? [{ measuredOn: points[0]!.measuredOn, x: points[0]!.x, anchor: 'middle' as const }] : [
    { measuredOn: points[0]!.measuredOn, x: points[0]!.x, anchor: 'start' as const },
    { measuredOn: points[points.length - 1]!.measuredOn, x: points[points.length - 1]!.x, anchor: 'end' as const },
  ]
  return {
    ...chartBox,
    plot: plotArea,
    bands,
    cutOff: { value: instrument.clinicalCutOff, y: yOf(boundary) },
    yTicks,
    points,
    line: points.map((point) => `${point.x},${point.y}`).join(' '),
    xLabels: ends,
  }
}
