import { parseArgs } from 'node:util'
import type { Config } from '../src/platform/config.ts'
import { UsageError, withDatabase } from './database.ts'
import { ProgressReporter } from './progress.ts'

export const seedBenchUsage = `  seed bench --size 2k|25k|250k [--seed N] [--as-of YYYY-MM-DD]
                 fill an empty database with the benchmark dataset (made-up people,
                 referrals, case work, audit trail; the demo accounts to sign in with)`

/** `pathways seed bench`: the benchmarks' synthetic dataset (bench/generate), into the configured database. */
export async function seedBenchCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { size: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } } })
  if (!values.size) throw new UsageError('seed bench: --size is required (2k, 25k or 250k)')
  const { DatabaseNotEmptyError, defaultBenchSeed, generateBenchData, peopleOf } = await import('../bench/generate/index.ts')
  let people: number
  try {
    people = peopleOf(values.size)
  } catch (error) {
    throw new UsageError(`seed bench: ${(error as Error).message}`)
  }
  const seed = values.seed === undefined ? defaultBenchSeed : Number(values.seed)
  if (!Number.isInteger(seed)) throw new UsageError(`seed bench: --seed must be a whole number, not "${values.seed}"`)
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError(`seed bench: --as-of must be a date YYYY-MM-DD, not "${values['as-of']}"`)
  let report
  try {
    report = await withDatabase(config, (database) =>
      generateBenchData(database, { people, seed, demoPassword: config.demoPassword, progress: new ProgressReporter(process.stderr), ...(values['as-of'] ? { asOf: values['as-of'] } : {}) }),
    )
  } catch (error) {
    if (!(error instanceof DatabaseNotEmptyError)) throw error
    console.error(`pathways: seed bench: ${error.message}`)
    return 1
  }
  const total = Object.values(report.rows).reduce((sum, count) => sum + count, 0)
  console.log(`Generated ${report.people.toLocaleString('en-GB')} people (${total.toLocaleString('en-GB')} rows) in ${report.seconds.toFixed(1)} s:`)
  for (const [table, count] of Object.entries(report.rows)) console.log(`  ${table.padEnd(24)} ${count.toLocaleString('en-GB').padStart(12)}`)
  return 0
}
