import type { FastifyInstance } from 'fastify'
import { migrations } from '../../migrations/index.ts'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import { openDatabase, type DatabaseHandle } from './db/database.ts'
import { migrate } from './db/migrator.ts'

/** Opens the configured database (creating a missing PostgreSQL database when permitted) and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase(config.database, { createIfMissing: true })
  try {
    await migrate(database, migrations)
  } catch (error) {
    await database.close()
    throw error
  }
  return database
}

export interface RunningServer {
  app: FastifyInstance
  url: string
  stop(): Promise<void>
}

export async function startServer(config: Config, database: DatabaseHandle): Promise<RunningServer> {
  const app = await buildApp({ config, database })
  const address = await app.listen({ host: config.host, port: config.port })
  return {
    app,
    url: address.replace('127.0.0.1', 'localhost'),
    async stop() {
      await app.close()
      await database.close()
    },
  }
}
