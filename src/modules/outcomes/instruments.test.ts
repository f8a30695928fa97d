import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../platform/app.ts'
import { loadContent } from '../../platform/content/content.ts'
import { InstrumentDefinitionError, instruments, loadInstruments, readInstruments } from './instruments.ts'

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })

/** A small valid definition: three items of 0–2 (totals 0–6), one reversed. */
const valid = () => ({
  key: 'tiny-3',
  version: '1',
  name: 'Tiny',
  items: [{ key: 'one' }, { key: 'two', reversed: true }, { key: 'three' }],
  answers: { min: 0, max: 2 },
  bands: [
    { key: 'low', min: 0, max: 2 },
    { key: 'high', min: 3, max: 6 },
  ],
  higherIsWorse: true,
  clinicalCutOff: 3,
  reliability: 0.8,
  referenceSd: 2,
})

const refused = (definition: unknown, message: RegExp) => assert.throws(() => readInstruments([definition], 'test.yml'), (error: Error) => error instanceof InstrumentDefinitionError && message.test(error.message))

describe('instrument definitions', () => {
  it('ships CORE-10 from content/instruments.yml, scored as published', () => {
    const core10 = instruments.find((instrument) => instrument.key === 'core-10')
    assert.ok(core10)
    assert.equal(core10.name, 'CORE-10')
    assert.equal(core10.items.length, 10)
    assert.deepEqual([core10.answerMin, core10.answerMax, core10.clinicalCutOff, core10.reliability, core10.referenceSd, core10.higherIsWorse], [0, 4, 11, 0.9, 6.85, true])
    assert.deepEqual(core10.bands.map((band) => `${band.key} ${band.min}-${band.max}`), ['healthy 0-5', 'low 6-10', 'mild 11-14', 'moderate 15-19', 'moderate_severe 20-24', 'severe 25-40'])
  })

  it('has the words of every instrument, item, answer and band in content/outcomes.yml', () => {
    for (const instrument of instruments) {
      const base = `outcomes.instruments.${instrument.key}`
      for (const key of [`${base}.prompt`, ...instrument.items.flatMap((item) => [`${base}.items.${item.key}.text`, `${base}.items.${item.key}.missing`])]) assert.ok(content.has(key), key)
      for (let answer = instrument.answerMin; answer <= instrument.answerMax; answer += 1) assert.ok(content.has(`${base}.answers.${answer}`), `${base}.answers.${answer}`)
      for (const band of instrument.bands) assert.ok(content.has(`outcomes.bands.${band.key}`), `outcomes.bands.${band.key}`)
    }
  })

  it('reads a valid definition, and works out the cut-off by criterion c from norms', () => {
    const { answers: _answers, ...rest } = valid()
    assert.deepEqual(readInstruments([valid()], 'test.yml'), [{ ...rest, answerMin: 0, answerMax: 2 }])
    const { clinicalCutOff: _given, ...withoutCutOff } = valid()
    // (2 × 1 + 1 × 4) / (2 + 1) = 2
    const [fromNorms] = readInstruments([{ ...withoutCutOff, norms: { clinical: { mean: 4, sd: 2 }, nonClinical: { mean: 1, sd: 1 } } }], 'test.yml')
    assert.equal(fromNorms?.clinicalCutOff, 2)
  })

  it('refuses a bad definition, naming the file, the instrument and the field', () => {
    refused({ ...valid(), reliability: 1 }, /^test\.yml: instrument 1 \(tiny-3\): reliability: /)
    refused({ ...valid(), referenceSd: 'wide' }, /referenceSd: /)
    refused({ ...valid(), items: [{ key: 'one' }, { key: 'two', reversed: 'yes' }] }, /items\[1\]\.reversed: /)
    refused({ ...valid(), items: [{ key: 'one' }, { key: 'one' }, { key: 'three' }] }, /items\[1\]\.key: "one" is used twice/)
    refused({ ...valid(), answers: { min: 2, max: 2 } }, /answers\.max: must be greater/)
    refused({ ...valid(), key: 'Tiny 3' }, /key: lower-case letters/)
    refused({ ...valid(), colour: 'blue' }, /colour/)
  })

  it('refuses bands that leave a gap, overlap or stop short of the highest total', () => {
    refused({ ...valid(), bands: [{ key: 'low', min: 0, max: 2 }, { key: 'high', min: 4, max: 6 }] }, /bands\[1\]\.min: must be 3/)
    refused({ ...valid(), bands: [{ key: 'low', min: 0, max: 3 }, { key: 'high', min: 3, max: 6 }] }, /bands\[1\]\.min: must be 4/)
    refused({ ...valid(), bands: [{ key: 'low', min: 0, max: 2 }, { key: 'high', min: 3, max: 5 }] }, /bands\[1\]\.max: the last band must end at 6/)
  })

  it('refuses a cut-off outside the totals, and both or neither of a cut-off and norms', () => {
    refused({ ...valid(), clinicalCutOff: 9 }, /clinicalCutOff: the cut-off \(9\) must lie within the totals 0–6/)
    const { clinicalCutOff: _given, ...withoutCutOff } = valid()
    refused(withoutCutOff, /clinicalCutOff: give either clinicalCutOff or norms/)
    refused({ ...valid(), norms: { clinical: { mean: 4, sd: 2 }, nonClinical: { mean: 1, sd: 1 } } }, /give either clinicalCutOff or norms/)
  })

  it('refuses two instruments with one key, and a file that is not a list', () => {
    assert.throws(() => readInstruments([valid(), valid()], 'test.yml'), /test\.yml: instrument 2: key "tiny-3" is used twice/)
    assert.throws(() => readInstruments({ key: 'tiny-3' }, 'test.yml'), /^InstrumentDefinitionError: test\.yml: /)
  })

  it('names the file when it cannot be read as YAML or holds a bad definition', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-instruments-'))
    const file = path.join(dir, 'instruments.yml')
    try {
      fs.writeFileSync(file, '- key: tiny-3\n  items: [unclosed\n')
      assert.throws(() => loadInstruments(file), (error: Error) => error instanceof InstrumentDefinitionError && error.message.startsWith(`${file}: `))
      fs.writeFileSync(file, '- key: tiny-3\n  version: 1\n  name: Tiny\n  items: [{ key: one }]\n  answers: { min: 0, max: 4 }\n  bands: [{ key: all, min: 0, max: 4 }]\n  higherIsWorse: true\n  clinicalCutOff: 2\n  reliability: 0.85\n')
      assert.throws(() => loadInstruments(file), (error: Error) => error instanceof InstrumentDefinitionError && error.message.startsWith(`${file}: instrument 1 (tiny-3): referenceSd: `))
    } finally {
      fs.rmSync(dir, { recursive: true })
    }
  })
})
