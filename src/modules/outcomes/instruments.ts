import type { Instrument } from './rules.ts'

/**
 * CORE-10 (CORE System Trust; free to reproduce unchanged). Item wording and answer labels
 * are in content/outcomes.yml. The reliability and reference SD are configuration: these
 * values give a reliable-change threshold of 6.0 points, the figure commonly quoted for
 * primary-care samples; a service with its own norms changes them here.
 */
export const core10: Instrument = {
  key: 'core-10',
  version: '1',
  items: [
    { key: 'tense' },
    { key: 'someone_to_turn_to', reversed: true },
    { key: 'able_to_cope', reversed: true },
    { key: 'talking_too_much' },
    { key: 'panic' },
    { key: 'plans_to_end_life' },
    { key: 'sleep' },
    { key: 'despairing' },
    { key: 'unhappy' },
    { key: 'unwanted_images' },
  ],
  answerMin: 0,
  answerMax: 4,
  bands: [
    { key: 'healthy', min: 0, max: 5 },
    { key: 'low', min: 6, max: 10 },
    { key: 'mild', min: 11, max: 14 },
    { key: 'moderate', min: 15, max: 19 },
    { key: 'moderate_severe', min: 20, max: 24 },
    { key: 'severe', min: 25, max: 40 },
  ],
  clinicalCutOff: 11,
  higherIsWorse: true,
  reliability: 0.9,
  referenceSd: 6.85,
}

export const instruments: readonly Instrument[] = [core10]
