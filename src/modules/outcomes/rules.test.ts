import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { instrumentByKey } from './instruments.ts'
import { assessChange, bandOf, criterionC, reliableChangeIndex, reliableChangeThreshold, scoreMeasure, type Instrument } from './rules.ts'

// The shipped definition (content/instruments.yml), so these figures are the ones the app uses.
const core10 = instrumentByKey('core-10')!

const itemKeys = core10.items.map((item) => item.key)
/** Answers for every CORE-10 item, the same answer each, with overrides. */
const answering = (answer: number, overrides: Record<string, number> = {}) => ({ ...Object.fromEntries(itemKeys.map((key) => [key, answer])), ...overrides })

describe('CORE-10 scoring', () => {
  it('has 10 items, two of them (someone to turn to, able to cope) reversed', () => {
    assert.equal(core10.items.length, 10)
    assert.deepEqual(core10.items.filter((item) => item.reversed).map((item) => item.key), ['someone_to_turn_to', 'able_to_cope'])
  })

  it('scores the positively worded items in reverse: all answers 0 total 8, all answers 4 total 32', () => {
    // Eight items at 0 and two reversed items at 4 − 0 = 4.
    assert.deepEqual(scoreMeasure(core10, answering(0)), { ok: true, total: 8, band: 'low' })
    assert.deepEqual(scoreMeasure(core10, answering(4)), { ok: true, total: 32, band: 'severe' })
  })

  it('reaches 0 and 40 only with the reversed items answered the other way', () => {
    assert.deepEqual(scoreMeasure(core10, answering(0, { someone_to_turn_to: 4, able_to_cope: 4 })), { ok: true, total: 0, band: 'healthy' })
    assert.deepEqual(scoreMeasure(core10, answering(4, { someone_to_turn_to: 0, able_to_cope: 0 })), { ok: true, total: 40, band: 'severe' })
  })

  it('adds a hand-worked mixed set', () => {
    // 3 + (4−1) + (4−2) + 2 + 1 + 0 + 3 + 2 + 3 + 1 = 20
    const answers = { tense: 3, someone_to_turn_to: 1, able_to_cope: 2, talking_too_much: 2, panic: 1, plans_to_end_life: 0, sleep: 3, despairing: 2, unhappy: 3, unwanted_images: 1 }
    assert.deepEqual(scoreMeasure(core10, answers), { ok: true, total: 20, band: 'moderate_severe' })
  })

  it('puts each total in its published band, the edges included', () => {
    const edges: [number, string][] = [[0, 'healthy'], [5, 'healthy'], [6, 'low'], [10, 'low'], [11, 'mild'], [14, 'mild'], [15, 'moderate'], [19, 'moderate'], [20, 'moderate_severe'], [24, 'moderate_severe'], [25, 'severe'], [40, 'severe']]
    for (const [total, band] of edges) assert.equal(bandOf(core10, total), band, String(total))
    assert.throws(() => bandOf(core10, 41), RangeError)
  })

  it('refuses a missing, out-of-range, fractional or unknown answer, naming the item', () => {
    const { panic: _left, ...missing } = answering(2)
    assert.deepEqual(scoreMeasure(core10, missing), { ok: false, problem: 'missing_answer', item: 'panic' })
    assert.deepEqual(scoreMeasure(core10, answering(2, { sleep: 5 })), { ok: false, problem: 'answer_out_of_range', item: 'sleep' })
    assert.deepEqual(scoreMeasure(core10, answering(2, { sleep: -1 })), { ok: false, problem: 'answer_out_of_range', item: 'sleep' })
    assert.deepEqual(scoreMeasure(core10, answering(2, { unhappy: 2.5 })), { ok: false, problem: 'answer_out_of_range', item: 'unhappy' })
    assert.deepEqual(scoreMeasure(core10, { ...answering(2), mood: 1 }), { ok: false, problem: 'unknown_item', item: 'mood' })
  })
})

describe('Jacobson–Truax reliable and clinically significant change', () => {
  // SE = 6.85 × √(1 − 0.9) = 2.16615; S_diff = √2 × SE = 3.06339; threshold = 1.96 × S_diff = 6.0042.
  it('computes the threshold from the configured reliability and reference SD (about 6 points for CORE-10)', () => {
    assert.ok(Math.abs(reliableChangeThreshold(core10) - 6.0042) < 0.001, String(reliableChangeThreshold(core10)))
    const stricter: Instrument = { ...core10, reliability: 0.8 }
    // SE = 6.85 × √0.2 = 3.06339; threshold = 1.96 × √2 × 3.06339 = 8.4912.
    assert.ok(Math.abs(reliableChangeThreshold(stricter) - 8.4912) < 0.001, String(reliableChangeThreshold(stricter)))
  })

  it('gives the reliable change index by hand: 20 → 13 is −7 / 3.06339 = −2.285', () => {
    assert.ok(Math.abs(reliableChangeIndex(core10, 20, 13) - -2.2851) < 0.001)
  })

  const cases: [number, number, string][] = [
    [20, 13, 'reliably_improved'], // reliable fall, still at or above the cut-off of 11
    [20, 9, 'recovered'], // reliable fall from the clinical range to below 11
    [12, 8, 'no_reliable_change'], // below the cut-off now, but a fall of 4 is within measurement error
    [18, 12, 'no_reliable_change'], // a fall of 6 is just short of 6.004
    [10, 17, 'reliably_deteriorated'],
    [14, 14, 'no_reliable_change'],
    [8, 1, 'reliably_improved'], // a reliable fall that was never clinical is not recovery
  ]
  for (const [first, latest, category] of cases) {
    it(`${first} → ${latest} is ${category.replaceAll('_', ' ')}`, () => {
      const assessment = assessChange(core10, first, latest)
      assert.equal(assessment.category, category)
      assert.equal(assessment.change, latest - first)
      assert.equal(assessment.clinicalAtFirst, first >= 11)
      assert.equal(assessment.clinicalAtLatest, latest >= 11)
    })
  }

  it('reads direction from the instrument: where higher is better, a rise is the improvement', () => {
    const wellbeing: Instrument = { ...core10, key: 'wellbeing', higherIsWorse: false, clinicalCutOff: 10 }
    assert.equal(assessChange(wellbeing, 5, 15).category, 'recovered')
    assert.equal(assessChange(wellbeing, 15, 5).category, 'reliably_deteriorated')
  })

  describe('hand-worked examples (reliability 0.9, SD 6.85, cut-off 11)', () => {
    // SE = 6.85 × √(1 − 0.9) = 6.85 × 0.316228 = 2.166; S_diff = √2 × 2.166 = 3.063;
    // reliable-change threshold = 1.96 × 3.063 = 6.004 points.
    it('22 → 9: change −13, RCI −13 / 3.063 = −4.24, a reliable improvement across the cut-off: recovered', () => {
      const assessment = assessChange(core10, 22, 9)
      assert.equal(assessment.change, -13)
      assert.equal(Number(assessment.index.toFixed(2)), -4.24)
      assert.equal(assessment.category, 'recovered')
      assert.equal(assessment.clinicalAtFirst, true) // 22 ≥ 11
      assert.equal(assessment.clinicalAtLatest, false) // 9 < 11
    })

    it('18 → 14: change −4, RCI −4 / 3.063 = −1.31, within ±1.96: no reliable change', () => {
      const assessment = assessChange(core10, 18, 14)
      assert.equal(assessment.change, -4)
      assert.equal(Number(assessment.index.toFixed(2)), -1.31)
      assert.equal(assessment.category, 'no_reliable_change')
    })

    it('10 → 17: change +7, RCI 7 / 3.063 = +2.29, beyond 1.96 the wrong way: reliably deteriorated', () => {
      const assessment = assessChange(core10, 10, 17)
      assert.equal(assessment.change, 7)
      assert.equal(Number(assessment.index.toFixed(2)), 2.29)
      assert.equal(assessment.category, 'reliably_deteriorated')
      assert.equal(assessment.clinicalAtLatest, true)
    })

    it('22 → 16: change −6 is just under the 6.004 threshold (RCI −1.96): no reliable change', () => {
      // −6 / 3.063 = −1.9587, not beyond −1.96.
      assert.equal(assessChange(core10, 22, 16).category, 'no_reliable_change')
      // −7 / 3.063 = −2.285: reliable, but 15 is still at or above 11, so improved, not recovered.
      assert.equal(assessChange(core10, 22, 15).category, 'reliably_improved')
    })
  })

  it("works out criterion c from the two populations' norms", () => {
    // Clinical mean 20, SD 7; non-clinical mean 5, SD 4: (7 × 5 + 4 × 20) / (7 + 4) = 115 / 11 = 10.4545.
    const cutOff = criterionC({ clinical: { mean: 20, sd: 7 }, nonClinical: { mean: 5, sd: 4 } })
    assert.ok(Math.abs(cutOff - 10.4545) < 0.0001, String(cutOff))
    // Equal SDs put it half-way between the means: (6 × 4 + 6 × 16) / 12 = 10.
    assert.equal(criterionC({ clinical: { mean: 16, sd: 6 }, nonClinical: { mean: 4, sd: 6 } }), 10)
  })
})
