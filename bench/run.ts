// `npm run bench`: the app in production mode on loopback, under load, against a bare Fastify
// "hello" on the same Node and machine (ADR 0009). Generates the dataset the first time.
//
//   npm run bench -- [--size 2k|25k|250k] [--dialect sqlite|postgres] [--duration 10]
//                    [--warmup 3] [--connections 10] [--fresh] [--profile] [--only person,search]
//                    [--node-options="--max-old-space-size=192"]
//
// Writes bench/results/<date>-<size>-<dialect>.json and prints a markdown table. Never used by
// tests: numbers are for people to read, with the machine's load beside them.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Dialect } from '../src/platform/db/database.ts'
import { openDatabase } from '../src/platform/db/database.ts'
import { defaultDemoPassword } from '../src/platform/config.ts'
import { allocationsPaths } from '../src/modules/allocations/index.ts'
import { peoplePaths } from '../src/modules/people/index.ts'
import { searchPageFor } from '../src/modules/person-search/index.ts'
import { referralsPaths } from '../src/modules/referrals/index.ts'
import { reportsPaths } from '../src/modules/reports/index.ts'
import { servicesPaths } from '../src/modules/services/index.ts'
import { benchSizes, countRows, peopleOf } from './generate/index.ts'
import { benchDatabase } from './harness/dataset.ts'
import { benchAccounts, readFixtures, readNotifications, reviewStatuses, type Fixtures } from './harness/fixtures.ts'
import { measure, type LoadSettings, type Measured, type Scenario } from './harness/load.ts'
import { startApp, startCeiling } from './harness/processes.ts'
import { topOfProfile, type ProfileItem } from './harness/profile.ts'
import { signIn, type SignedIn } from './harness/session.ts'
import { checkTargets, markdownTable } from './harness/report.ts'

const { values: options } = parseArgs({
  options: {
    size: { type: 'string', default: '25k' },
    dialect: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    // V8 options for the app, e.g. "--max-old-space-size=192 --max-semi-space-size=2" (README "Performance").
    'node-options': { type: 'string', default: '' },
  },
})
if (!(options.size in benchSizes)) throw new Error(`--size must be one of ${Object.keys(benchSizes).join(', ')}`)
if (options.dialect !== 'sqlite' && options.dialect !== 'postgres') throw new Error('--dialect must be sqlite or postgres')
const settings: LoadSettings = { duration: Number(options.duration), warmup: Number(options.warmup), connections: Number(options.connections) }
if (!(settings.duration > 0 && settings.duration <= 120 && settings.warmup >= 0 && settings.warmup <= 30)) throw new Error('--duration must be 1–120 s and --warmup 0–30 s')
if (!(Number.isInteger(settings.connections) && settings.connections >= 1 && settings.connections <= 64)) throw new Error('--connections must be 1–64')
const dialect: Dialect = options.dialect
const only = options.only?.split(',')

const root = path.resolve(import.meta.dirname, '..')
const form = 'application/x-www-form-urlencoded'

/** Each path in turn, one per request, across all connections. */
function rotating(paths: readonly string[]) {
  let turn = 0
  return { method: 'GET' as const, path: paths[0]!, setupRequest: (request: object) => ({ ...request, path: paths[turn++ % paths.length]! }) }
}

/**
 * The clinician's referrals go round review and back: submitted → in review → more
 * information asked for → submitted again. Each connection moves a referral of its own, so
 * no two requests race for one; the statuses outlive a run, for the warm-up's successor.
 */
function reviewRound(fixtures: Fixtures, session: SignedIn) {
  const moves: Record<string, { to: string; note?: string }> = {
    submitted: { to: 'in_review' },
    in_review: { to: 'information_requested', note: 'Please send the latest OASys assessment and the sentence plan.' },
    information_requested: { to: 'submitted' },
  }
  const ids = fixtures.reviewReferrals.map((referral) => referral.id)
  let status = new Map<string, string>()
  let assigned = 0
  const request = {
    method: 'POST' as const,
    path: '/',
    setupRequest: (base: object, context: { referralId?: string }) => {
      context.referralId ??= ids[assigned++ % ids.length]!
      const move = moves[status.get(context.referralId)!]!
      return {
        ...base,
        path: referralsPaths.transitions({ referralId: context.referralId }),
        headers: { cookie: session.cookie, 'content-type': form },
        body: new URLSearchParams({ _csrf: session.csrf, to: move.to, ...(move.note ? { note: move.note } : {}) }).toString(),
      }
    },
    onResponse: (code: number, _body: string, context: { referralId?: string }) => {
      if (code === 303) status.set(context.referralId!, moves[status.get(context.referralId!)!]!.to)
    },
  }
  const prepare = async () => {
    status = await reviewStatuses(dataset.config, ids)
    assigned = 0
  }
  return { request, prepare }
}

function scenarios(app: string, fixtures: Fixtures, clinician: SignedIn, analyst: SignedIn): Scenario[] {
  const as = (session: SignedIn) => ({ cookie: session.cookie })
  const review = reviewRound(fixtures, clinician)
  return [
    { key: 'person', title: 'Person summary page (signed in, audited)', origin: app, headers: as(clinician), requests: [rotating(fixtures.personIds.map((personId) => peoplePaths.person({ personId })))], expect: 200 },
    { key: 'search', title: 'Person search by name', origin: app, headers: as(clinician), requests: [rotating(fixtures.searches.map((query) => searchPageFor(query)))], expect: 200 },
    { key: 'caseload', title: "A worker's caseload", origin: app, headers: as(clinician), requests: [{ method: 'GET', path: allocationsPaths.caseload() }], expect: 200 },
    { key: 'transition', title: 'Referral transition (POST)', origin: app, requests: [review.request], prepare: review.prepare, expect: 303, maxConnections: fixtures.reviewReferrals.length },
    { key: 'service', title: 'Public service page', origin: app, requests: [{ method: 'GET', path: servicesPaths.service({ slug: fixtures.serviceSlug }) }], expect: 200 },
    // One connection: a report is asked for by an analyst now and then, and its own time is what counts, not a queue of them.
    { key: 'report', title: 'Aggregate report (people by ethnicity × service)', origin: app, headers: as(analyst), requests: [{ method: 'GET', path: reportsPaths.peopleByEthnicity() }], expect: 200, maxConnections: 1 },
  ]
}

const loadAtStart = os.loadavg()
const started = new Date()
const dataset = await benchDatabase(options.size, dialect, { fresh: options.fresh })
if (dataset.generated) console.error(`Generated ${peopleOf(options.size).toLocaleString('en-GB')} people (${dialect}) in ${dataset.generated.seconds.toFixed(1)} s.`)
const rows = await (async () => {
  const database = await openDatabase(dataset.config)
  try {
    return await countRows(database.db)
  } finally {
    await database.close()
  }
})()
const fixtures = await readFixtures(dataset.config, 64)
await readNotifications(dataset.config, benchAccounts.clinician)
if (fixtures.reviewReferrals.length === 0) throw new Error('the dataset has none of the demo clinician’s referrals in review')

const profileDir = path.join(root, '.data', 'bench', 'profiles', `${started.toISOString().replace(/[:.]/g, '-')}-${options.size}-${dialect}`)
const ceiling = await startCeiling()
const nodeOptions = options['node-options'].split(' ').filter((option) => option !== '')
const app = await startApp(dataset.url, [...nodeOptions, ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])])
const results: Measured[] = []
let peakRssMb: number | null = null
try {
  const password = process.env.PATHWAYS_DEMO_PASSWORD ?? defaultDemoPassword
  const clinician = await signIn(app.url, benchAccounts.clinician, password)
  const analyst = await signIn(app.url, benchAccounts.analyst, password)
  const hello: Scenario = { key: 'ceiling', title: 'Ceiling: bare Fastify "hello"', origin: ceiling.url, requests: [{ method: 'GET', path: '/' }], expect: 200 }
  const run = async (scenario: Scenario) => {
    console.error(`Measuring ${scenario.title} for ${settings.duration} s…`)
    const measured = await measure(scenario, settings)
    results.push(measured)
    return measured
  }
  // The ceiling before and after, so a change in the machine's load shows.
  const before = await run(hello)
  for (const scenario of scenarios(app.url, fixtures, clinician, analyst)) if (!only || only.includes(scenario.key)) await run(scenario)
  const after = await run({ ...hello, key: 'ceiling-after', title: 'Ceiling again, at the end' })
  const reference = (before.requestsPerSecond + after.requestsPerSecond) / 2
  for (const measured of results) if (!measured.key.startsWith('ceiling')) measured.ratioToCeiling = Math.round((10_000 * measured.requestsPerSecond) / reference) / 10_000
  peakRssMb = app.peakRssMb()
} finally {
  await app.stop()
  await ceiling.stop()
}

let profile: ProfileItem[] | null = null
if (options.profile) {
  const written = fs.existsSync(profileDir) ? fs.readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')) : []
  if (written[0]) profile = topOfProfile(path.join(profileDir, written[0]), 25)
}

const report = {
  date: started.toISOString(),
  size: options.size,
  people: peopleOf(options.size),
  dialect,
  node: process.version,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverageAtStart: loadAtStart.map((load) => Math.round(load * 100) / 100), loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
  settings,
  dataset: { generatedInSeconds: dataset.generated ? Math.round(dataset.generated.seconds * 10) / 10 : null, rows },
  scenarios: results,
  app: { peakRssMb, nodeOptions },
  targets: checkTargets(results, peakRssMb),
  ...(profile ? { profile: { directory: path.relative(root, profileDir), top: profile } } : {}),
}
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true })
// A run of some scenarios only, or with V8 options, is kept apart from the plain full runs.
const variant = `${only ? `-${only.join('-')}` : ''}${nodeOptions.length > 0 ? '-node-options' : ''}`
const resultFile = path.join(root, 'bench', 'results', `${started.toISOString().slice(0, 10)}-${options.size}-${dialect}${variant}.json`)
fs.writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`)

console.log(markdownTable(report))
console.log(`\nWritten to ${path.relative(root, resultFile)}.`)
if (profile) {
  console.log(`\nCPU profile of the app (${report.profile?.directory}), most time spent in:`)
  for (const item of profile.slice(0, 15)) console.log(`  ${String(item.share).padStart(5)}%  ${item.where}`)
}
