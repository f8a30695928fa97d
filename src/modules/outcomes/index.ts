export { outcomesPaths } from './paths.ts'
export { outcomesRoutes } from './routes.ts'
// For the demo's measurements (src/modules/demo/casework.ts): the configured instruments and their scoring.
export { instrumentByKey } from './instruments.ts'
export { scoreMeasure, type Instrument } from './rules.ts'
