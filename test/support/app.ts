import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/platform/app.ts'
import { loadConfig, type Config } from '../../src/platform/config.ts'
import type { RouteDeclaration } from '../../src/platform/http/routes.ts'
import type { TestDatabase } from './dialects.ts'

/** Log lines an app wrote during a test, parsed, so tests can check what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = []
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>)
    done()
  }
  get text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n')
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ASSETS_DIR: path.resolve('.build/assets'), ...overrides })
}

export interface TestApp {
  app: FastifyInstance
  logs: LogCapture
}

export async function createTestApp(database: TestDatabase, options: { env?: Record<string, string>; routes?: readonly RouteDeclaration[] } = {}): Promise<TestApp> {
  const logs = new LogCapture()
  const config = { ...testConfig(options.env), database: database.config }
  const app = await buildApp({ config, database: database.handle, logDestination: logs, routes: options.routes ?? [] })
  return { app, logs }
}
