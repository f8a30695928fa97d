import { parseArgs } from 'node:util'
import { ConfigError, defaultDemoPassword, loadConfig, type Config } from '../src/platform/config.ts'
import { MigrationError } from '../src/platform/db/migrator.ts'
import { UsageError, withDatabase } from './database.ts'
import { forumCommand, forumUsage } from './forum.ts'
import { importCommand, importUsage } from './import.ts'
import { tokenCommand, tokenUsage } from './tokens.ts'
import { seedBenchCommand, seedBenchUsage } from './seed-bench.ts'

// The app, its database drivers and the demo are loaded only by the commands that need them, so help is instant.
const startup = () => import('../src/platform/startup.ts')
const demo = () => import('../src/modules/demo/index.ts')

const usage = `Usage: pathways <command>

Commands:
  start          migrate, seed the demo dataset if SEED_DEMO is on, and serve on PORT
  migrate        bring the database schema up to date
  seed demo      add the demo organisations, services and made-up people (once)
${seedBenchUsage}
  build          compile the stylesheets and scripts into ASSETS_DIR (start does this when needed)
  audit verify   check the audit trail's hash chain; exit 0 if intact (also: verify-audit)
${tokenUsage}
${importUsage}
${forumUsage}
  help           show this help

Settings come from the environment: DATABASE_URL, PORT, HOST, SEED_DEMO, LOG_LEVEL,
METRICS_ENABLED, TRUST_PROXY, BASE_URL, NODE_ENV (see README.md).`

function describeSeed(seeded: { organisations: number; services: number; people: number }): string {
  return `Seeded the demo dataset: ${seeded.organisations} organisations, ${seeded.services} services, ${seeded.people} people.`
}

async function describeDemoAccounts(config: Config): Promise<string> {
  const { demoAccounts, demoMembers } = await demo()
  const password = config.demoPassword === defaultDemoPassword ? `${defaultDemoPassword} (set PATHWAYS_DEMO_PASSWORD to change it)` : 'the value of PATHWAYS_DEMO_PASSWORD'
  const width = Math.max(...demoAccounts.map((account) => account.email.length))
  const memberWidth = Math.max(...demoMembers.map((member) => member.username.length))
  return [
    `Demo accounts (made-up staff; password: ${password}; no second factor in demo mode):`,
    ...demoAccounts.map((account) => `  ${account.email.padEnd(width)}  ${account.role}`),
    'Demo forum members (sign in at /forum/sign-in with the same password):',
    ...demoMembers.map((member) => `  ${member.username.padEnd(memberWidth)}  ${member.role}, sponsored by ${member.sponsor}`),
  ].join('\n')
}

async function start(config: Config): Promise<void> {
  const { openMigratedDatabase, startServer } = await startup()
  const database = await openMigratedDatabase(config)
  if (config.seedDemo) {
    const seeded = await (await demo()).seedDemo(database, { demoPassword: config.demoPassword })
    if (seeded) console.log(describeSeed(seeded))
  }
  if (config.seedDemo) console.log(await describeDemoAccounts(config))
  const server = await startServer(config, database)
  console.log(`Pathways is running at ${server.url} (database: ${config.database.dialect === 'sqlite' ? config.database.file : config.database.displayName})`)
  const shutdown = async () => {
    await server.stop()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

async function migrateCommand(config: Config): Promise<void> {
  const applied = await withDatabase(config, ({ db }) => db.selectFrom('schema_migration').select(['version', 'name']).orderBy('version').execute())
  console.log(`Database schema is up to date (${applied.length} migrations; latest: ${applied.at(-1)?.name ?? 'none'}).`)
}

async function seedCommand(config: Config, what: string | undefined): Promise<void> {
  if (what !== 'demo') throw new UsageError(`seed: unknown dataset "${what ?? ''}"; use "demo" or "bench"`)
  const { seedDemo } = await demo()
  const seeded = await withDatabase(config, (database) => seedDemo(database, { demoPassword: config.demoPassword }))
  console.log(seeded ? describeSeed(seeded) : 'The demo dataset is already there; nothing to do.')
}

async function buildCommand(config: Config): Promise<void> {
  const { buildAssets } = await import('../src/platform/views/assets.ts')
  const manifest = await buildAssets(config.assetsDir)
  console.log(`Built ${Object.keys(manifest).length} assets into ${config.assetsDir}.`)
}

async function auditCommand(config: Config, what: string | undefined): Promise<number> {
  if (what !== 'verify') throw new UsageError(`audit: unknown action "${what ?? ''}"; the only action is "verify"`)
  const { verifyAuditChain } = await import('../src/platform/audit/index.ts')
  const report = await withDatabase(config, ({ db }) => verifyAuditChain(db))
  if (report.ok) {
    console.log(`Audit trail intact: ${report.rows} events.`)
    return 0
  }
  const { sequence, id, problem } = report.firstBroken
  console.error(`pathways: audit trail broken at event ${sequence} (${id}): ${problem}`)
  return 1
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...afterCommand] = argv
    // Commands with options of their own parse them; the top level only knows --help.
    if (first === 'token') return await tokenCommand(loadConfig(), afterCommand)
    if (first === 'import') return await importCommand(loadConfig(), afterCommand)
    if (first === 'seed' && afterCommand[0] === 'bench') return await seedBenchCommand(loadConfig(), afterCommand.slice(1))
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } })
    const [command, ...rest] = positionals
    if (values.help || command === undefined || command === 'help') {
      console.log(usage)
      return command === undefined && !values.help ? 2 : 0
    }
    const config = loadConfig()
    if (command === 'start') await start(config)
    else if (command === 'migrate') await migrateCommand(config)
    else if (command === 'seed') await seedCommand(config, rest[0])
    else if (command === 'build') await buildCommand(config)
    else if (command === 'audit') return await auditCommand(config, rest[0])
    // The name ARCHITECTURE.md uses.
    else if (command === 'verify-audit') return await auditCommand(config, 'verify')
    else if (command === 'forum') return await forumCommand(config, rest[0])
    else throw new UsageError(`unknown command "${command}"; run "pathways --help"`)
    return 0
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`pathways: ${(error as Error).message}`)
      return 2
    }
    if (error instanceof ConfigError || error instanceof MigrationError) {
      console.error(`pathways: ${error.message}`)
      return 1
    }
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      console.error(`pathways: PORT: ${process.env.PORT ?? 3000} is already in use; stop the other program or set PORT to a free port`)
      return 1
    }
    throw error
  }
}
