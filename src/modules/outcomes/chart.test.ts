import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { plotArea, totalsChart } from './chart.ts'
import { instrumentByKey } from './instruments.ts'
import type { Instrument } from './rules.ts'

const core10 = instrumentByKey('core-10')!

// CORE-10 totals 0–40 over the plot's 240 units of height (256 at the bottom, 16 at the top): 6 units a point.
describe('the totals chart', () => {
  const chart = totalsChart(core10, [
    { measuredOn: '2026-03-03', total: 22 },
    { measuredOn: '2026-04-02', total: 14 },
    { measuredOn: '2026-05-02', total: 9 },
  ])

  it('puts higher totals higher: 22 at 256 − 22 × 6 = 124, 9 at 256 − 54 = 202', () => {
    assert.deepEqual(chart.points.map((point) => point.y), [124, 172, 202])
  })

  it('spreads the points by date across the plot: 30 of 60 days is half-way', () => {
    // 48 + (30 / 60) × (520 − 48) = 284
    assert.deepEqual(chart.points.map((point) => point.x), [48, 284, 520])
    assert.equal(chart.line, '48,124 284,172 520,202')
    assert.deepEqual(chart.xLabels, [
      { measuredOn: '2026-03-03', x: 48, anchor: 'start' },
      { measuredOn: '2026-05-02', x: 520, anchor: 'end' },
    ])
  })

  it('draws the cut-off of 11 between totals 10 and 11: at 10.5, y = 256 − 63 = 193', () => {
    assert.deepEqual(chart.cutOff, { value: 11, y: 193 })
  })

  it('shades each band to half a point beyond its totals, alternately', () => {
    // healthy 0–5: from 0 (clamped from −0.5, y 256) to 5.5 (y 223); severe 25–40: from 24.5 (y 109) to 40 (y 16).
    assert.deepEqual(chart.bands[0], { key: 'healthy', y: 223, height: 33, labelY: 239.5, shaded: true })
    assert.deepEqual(chart.bands[5], { key: 'severe', y: 16, height: 93, labelY: 62.5, shaded: false })
    assert.deepEqual(chart.bands.map((band) => band.shaded), [true, false, true, false, true, false])
    // Neighbouring bands meet: each band's top is the next one's bottom.
    for (let index = 1; index < chart.bands.length; index += 1) assert.equal(chart.bands[index]!.y + chart.bands[index]!.height, chart.bands[index - 1]!.y)
  })

  it('marks the totals every 5 points from 0 to 40', () => {
    assert.deepEqual(chart.yTicks.map((tick) => tick.value), [0, 5, 10, 15, 20, 25, 30, 35, 40])
    assert.equal(chart.yTicks[0]!.y, plotArea.bottom)
    assert.equal(chart.yTicks[8]!.y, plotArea.top)
  })

  it('centres a single measurement (or several on one day) and labels its date once', () => {
    const single = totalsChart(core10, [{ measuredOn: '2026-03-03', total: 20 }])
    assert.deepEqual(single.points, [{ measuredOn: '2026-03-03', total: 20, x: 284, y: 136 }])
    assert.deepEqual(single.xLabels, [{ measuredOn: '2026-03-03', x: 284, anchor: 'middle' }])
  })

  it('draws the cut-off on the other side where higher is better', () => {
    // Clinical at or below 10: the line sits between 10 and 11, at 10.5, as above.
    const wellbeing: Instrument = { ...core10, higherIsWorse: false, clinicalCutOff: 10 }
    assert.equal(totalsChart(wellbeing, []).cutOff.y, 193)
    // A criterion-c cut-off of 10.45 (higher is worse): 11 is the first clinical total, so again 10.5.
    assert.equal(totalsChart({ ...core10, clinicalCutOff: 10.45 }, []).cutOff.y, 193)
  })
})
