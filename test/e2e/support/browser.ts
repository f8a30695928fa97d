import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, afterEach, before } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { chromium, type Browser } from 'playwright-core'
import { seedDemo } from '../../../src/modules/demo/index.ts'
import { defaultDemoPassword } from '../../../src/platform/config.ts'
import type { RouteDeclaration } from '../../../src/platform/http/routes.ts'
import { createTestApp, type LogCapture } from '../../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../support/dialects.ts'
import { Tab } from './tab.ts'

export const chromiumExecutable = '/usr/bin/chromium'

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface TabOptions {
  /** false opens the tab as a browser with JavaScript turned off would see the site. */
  javaScriptEnabled?: boolean
}

export interface SiteOptions {
  /** Test-only routes added to the app (error paths, fixtures). */
  routes?: readonly RouteDeclaration[]
}

/** The password of every demo account (demoAccounts in src/modules/demo/accounts.ts) on the e2e site. */
export const demoPassword = defaultDemoPassword

/**
 * The app listening on a free local port with a fresh SQLite database seeded with the demo
 * (one demo account per role, password `demoPassword`), and one Chromium.
 */
export class Site {
  private readonly tabs = new Set<Tab>()

  private constructor(
    readonly app: FastifyInstance,
    readonly logs: LogCapture,
    readonly origin: string,
    private readonly browser: Browser,
    /** The site's database, for fixtures a journey needs (a user of its own, a person to look for). */
    readonly database: TestDatabase,
  ) {}

  static async start(options: SiteOptions = {}): Promise<Site> {
    const database = await demoDatabase()
    const started: Array<() => Promise<unknown>> = [() => database.drop()]
    try {
      const { app, logs } = await createTestApp(database, { routes: options.routes ?? [] })
      started.unshift(() => app.close())
      await app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = app.server.address() as AddressInfo
      const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs })
      return new Site(app, logs, `http://127.0.0.1:${port}`, browser, database)
    } catch (error) {
      for (const stop of started) await stop().catch(() => undefined)
      throw error
    }
  }

  /** A new tab in a context of its own (no shared cookies or cache), with relative URLs resolved against the app. */
  async openTab(options: TabOptions = {}): Promise<Tab> {
    const javaScriptEnabled = options.javaScriptEnabled ?? true
    const context = await this.browser.newContext({ baseURL: this.origin, javaScriptEnabled })
    const openScratchPage = async () => (await this.browser.newContext({ baseURL: this.origin })).newPage()
    const tab = new Tab(await context.newPage(), javaScriptEnabled, openScratchPage)
    this.tabs.add(tab)
    return tab
  }

  async closeTabs(): Promise<void> {
    const tabs = [...this.tabs]
    this.tabs.clear()
    await Promise.all(tabs.map((tab) => tab.close()))
  }

  /** Closes the browser and the app and drops the database, even when one of them fails to stop. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled([this.browser.close(), this.app.close()])
    await this.database.drop()
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  }
}

/**
 * A fresh SQLite database holding the demo dataset. `npm test` names a file in
 * PATHWAYS_E2E_DEMO_DATABASE (scripts/test.mjs): the first e2e file to need it seeds it
 * once, the others wait for it and copy it — seeding is the same work every time, and
 * there are many e2e files. Without the variable (one file run alone) it seeds its own.
 */
async function demoDatabase(): Promise<TestDatabase> {
  const shared = process.env.PATHWAYS_E2E_DEMO_DATABASE
  if (!shared) {
    const database = await createTestDatabase('sqlite')
    await seedDemo(database.handle, { demoPassword })
    return database
  }
  let seeding: number | undefined
  try {
    seeding = fs.openSync(`${shared}.lock`, 'wx')
  } catch {
    // Another e2e file is seeding it (or has): wait for the finished file.
  }
  if (seeding !== undefined) {
    const database = await createTestDatabase('sqlite')
    try {
      await seedDemo(database.handle, { demoPassword })
      // A consistent copy of the open database; renamed into place so no reader sees half a file.
      const seeded = `${shared}.${process.pid}`
      await sql`vacuum into ${seeded}`.execute(database.handle.db)
      fs.renameSync(seeded, shared)
    } finally {
      fs.closeSync(seeding)
      await database.drop()
    }
  }
  for (let waited = 0; !fs.existsSync(shared); waited += 200) {
    if (waited > 180_000) throw new Error(`the shared demo database ${shared} was not seeded within 3 minutes`)
    await sleep(200)
  }
  return createTestDatabase('sqlite', { copyOf: shared, migrated: false })
}

/**
 * Starts one Site for the test file (or describe block) it is called in and stops it
 * afterwards; tabs opened by a test are closed after that test.
 */
export function useSite(options: SiteOptions = {}): () => Site {
  let site: Site | undefined
  before(async () => {
    site = await Site.start(options)
  })
  afterEach(async () => {
    await site?.closeTabs()
  })
  after(async () => {
    await site?.stop()
  })
  return () => {
    if (!site) throw new Error('the e2e site has not started (useSite must be called at the top of a test file or describe block)')
    return site
  }
}
