import type { Config } from '../src/platform/config.ts'
import type { DatabaseHandle } from '../src/platform/db/database.ts'

/** Exit codes: 0 done, 1 failed (bad setting, unreachable database…), 2 wrong usage. */
export class UsageError extends Error {}

/** Opens the migrated database for one command and always closes it, whatever the command does. */
export async function withDatabase<T>(config: Config, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const { openMigratedDatabase } = await import('../src/platform/startup.ts')
  const database = await openMigratedDatabase(config)
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}
