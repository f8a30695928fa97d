import { sql } from 'kysely'
import type { ProgressReporter } from '../../cli/progress.ts'
import {
  addReferral,
  createRandom,
  demoDataset,
  demoReferralPlans,
  demoStaff,
  insertDemoCasework,
  insertMadePeople,
  personFactory,
  pickWeighted,
  seedDemo,
  type DemoReferralRows,
  type DemoStaff,
  type MadePerson,
  type Random,
} from '../../src/modules/demo/index.ts'
import type { ReferralStatus } from '../../src/modules/referrals/index.ts'
import { inTransaction, insertInBatches, type DatabaseHandle, type Db, type Dialect, type Tx } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { AuditChainWriter, auditActionOf, type AuditLine } from './audit.ts'
import { auditReadsPerPerson, auditWindowDays, earlierOutcomes, latestOutcomes, peoplePerBatch, referralsPerPerson, reviewCycleReferrals, serviceWeights, yearsBetweenReferrals } from './shape.ts'
import { beginBulkLoad, endBulkLoad } from './bulk-load.ts'
import { searchDocument } from './search-documents.ts'
import { insertBenchStaff, type TeamRow } from './staff.ts'

export { benchSizes, peopleOf, type BenchSize } from './shape.ts'

/*
 * The synthetic dataset of the benchmarks (ADR 0009): the demo partnership and its accounts,
 * then `people` made-up people a batch at a time, each with the demo's whole person record,
 * a few referrals over the years walked through the status machine (the demo's own
 * referral rows), the case work of every place under way (the demo's case-work seed), and
 * an audit trail in proportion. Deterministic: the same seed and date give the same records
 * in the same order (ids, which carry the time they were made, and hashes differ).
 */

export interface GenerateOptions {
  people: number
  /** The demo accounts' password; the benchmark signs in as the demo clinician. */
  demoPassword: string
  seed?: number
  /** The day the data is as of (YYYY-MM-DD); today by default. */
  asOf?: string
  progress?: ProgressReporter
}

export interface GenerateReport {
  people: number
  seconds: number
  /** Rows in each table afterwards. */
  rows: Record<string, number>
}

/** The dataset goes into an empty database only: mixed with other data, neither would be what it says. */
export class DatabaseNotEmptyError extends Error {
  override name = 'DatabaseNotEmptyError'
}

export const defaultBenchSeed = 20_260_250
/** The demo account the benchmark signs in as: a clinician in the PIPE clinical team, with a caseload. */
export const demoClinicianEmail = 'clinician@demo.pathways.test'
const millisPerDay = 86_400_000
const activeStatuses: readonly ReferralStatus[] = ['allocated', 'started']
const finishedStatuses: readonly ReferralStatus[] = ['completed', 'ended_early', 'transferred']
/** The tables the load writes many rows into. */
const loadedTables = ['person', 'person_identifier', 'person_alias', 'person_characteristic', 'person_need', 'person_change', 'involvement', 'referral', 'referral_transition', 'allocation', 'person_timeline_event', 'audit_event', 'contact', 'contact_attendee', 'case_note', 'risk_plan', 'outcome_measurement', 'case_formulation', 'case_formulation_author', 'pathway_plan', 'plan_goal', 'plan_action', 'case_tier', 'case_task']
const countedTables = ['person', 'person_identifier', 'person_alias', 'person_characteristic', 'person_need', 'involvement', 'referral', 'referral_transition', 'allocation', 'contact', 'contact_attendee', 'case_note', 'risk_plan', 'outcome_measurement', 'case_formulation', 'pathway_plan', 'person_timeline_event', 'audit_event', 'staff_user'] as const

interface Service {
  id: string
  slug: string
  weight: number
  plan: { sex?: 'male' | 'female'; youngAdults?: boolean; custody?: boolean }
  elements: Array<{ id: string; name: string; capacity: number | null }>
  teamIds: string[]
  deciders: DemoStaff[]
  keyworkers: DemoStaff[]
  clinicians: DemoStaff[]
  turn: number
}

/** Everything a batch needs to know about the partnership, read once. */
interface World {
  dialect: Dialect
  asOf: string
  now: Date
  youngest: string
  services: Service[]
  lookups: { organisationId(key: string): string; teamId(organisationKey: string, teamName: string): string }
  homeTeams: { community: string[]; custody: string[]; youngAdultCustody: string[]; unknown: string[] }
  referrers: { probation: DemoStaff[]; liaison: DemoStaff[]; caseWorkers: DemoStaff[] }
  clinician: DemoStaff
  /** Active places per capacity-limited element. */
  taken: Map<string, number>
  heldIdentifiers: Set<string>
  cycleReferrals: number
}

function yearsBefore(date: Date, years: number): Date {
  return new Date(date.getTime() - Math.round(years * 365.25) * millisPerDay)
}

/** Services this person may be referred to, by the demo plans' eligibility. */
function eligibleServices(world: World, person: MadePerson): Service[] {
  return world.services.filter(({ plan }) => (plan.sex === undefined || person.sex === plan.sex) && (!plan.youngAdults || person.date_of_birth > world.youngest) && (!plan.custody || person.location_kind === 'custody'))
}

/** `count` different services, each drawn in proportion to its weight. */
function drawServices(random: Random, services: Service[], count: number): Service[] {
  const left = [...services]
  const drawn: Service[] = []
  while (drawn.length < count && left.length > 0) {
    const slug = pickWeighted(random, left.map((service) => [service.slug, service.weight] as const))
    drawn.push(left.splice(left.findIndex((service) => service.slug === slug), 1)[0]!)
  }
  return drawn
}

function homeTeam(world: World, random: Random, person: MadePerson): string {
  if (person.location_kind === 'custody') return random.pick(person.date_of_birth > world.youngest && person.sex === 'male' ? world.homeTeams.youngAdultCustody : world.homeTeams.custody)
  return random.pick(person.location_kind === 'community' ? world.homeTeams.community : world.homeTeams.unknown)
}

/** One referral of a person: its place in the service's rota of workers, and whether it takes one of the few places. */
function referPerson(world: World, random: Random, rows: DemoReferralRows, person: { id: string; made: MadePerson }, service: Service, status: ReferralStatus, at: Date, openTeams: Set<string>, referrer?: DemoStaff): void {
  const element = random.pick(service.elements)
  let outcome = status
  if (activeStatuses.includes(status) && element.capacity !== null) {
    const taken = world.taken.get(element.id) ?? 0
    if (taken >= element.capacity) outcome = 'waiting'
    else world.taken.set(element.id, taken + 1)
  }
  service.turn += 1
  const by =
    referrer ??
    (service.slug === 'liaison-and-diversion' ? random.pick(world.referrers.liaison) : service.plan.sex === 'female' && random.chance(0.3) ? random.pick(world.referrers.caseWorkers) : random.pick(world.referrers.probation))
  const referrerTeam = by.teamIds[0]!
  const involvementsBefore = rows.involvements.length
  addReferral(rows, random, at, {
    personId: person.id,
    serviceId: service.id,
    elementId: element.id,
    serviceTeamIds: service.teamIds,
    batch: { element: element.name, status: outcome, count: 1 },
    referrer: by,
    referrerRole: by.roles.includes('liaison_diversion_practitioner') ? 'liaison_diversion' : by.roles.includes('charity_case_worker') ? 'charity' : by.roles.includes('clinician') ? 'clinician' : 'offender_manager',
    decider: service.deciders[service.turn % service.deciders.length]!,
    keyworkerId: service.keyworkers.length > 0 ? service.keyworkers[service.turn % service.keyworkers.length]!.id : null,
    leadClinicianId: service.clinicians.length > 0 ? service.clinicians[service.turn % service.clinicians.length]!.id : service.keyworkers.length > 0 ? null : service.deciders[service.turn % service.deciders.length]!.id,
    inCustody: person.made.location_kind === 'custody',
    opensReferrerInvolvement: !openTeams.has(referrerTeam) && !service.teamIds.includes(referrerTeam),
  })
  openTeams.add(referrerTeam)
  // Work that has run its course ends the service teams' involvement too, so scope does not grow with every year of history.
  if (finishedStatuses.includes(outcome)) {
    const ended = rows.referrals.at(-1)!.updated_at as string
    for (const involvement of rows.involvements.slice(involvementsBefore)) {
      if (involvement.referral_id === undefined) continue
      Object.assign(involvement, { status: 'closed', ended_on: ended.slice(0, 10), closed_reason: outcome === 'ended_early' ? 'other' : outcome })
    }
  }
}

/** The people of one batch, with everything recorded about them, and their audit trail. */
async function writeBatch(tx: Tx, world: World, random: Random, audit: AuditChainWriter, count: number): Promise<number> {
  const made = Array.from({ length: count }, () => personFactory(random, { asOf: world.asOf }))
  const ids = await insertMadePeople(tx, made, world.heldIdentifiers)
  // SQLite's search documents come from the load (bulk-load.ts); PostgreSQL's triggers keep its own.
  if (world.dialect === 'sqlite') await insertInBatches(tx, 'person_search_document', made.map((person, index) => ({ person_id: ids[index]!, names: searchDocument(person) })))
  const rows: DemoReferralRows = { referrals: [], transitions: [], allocations: [], involvements: [], timeline: [], places: [] }
  const knownSince = new Map<string, string>()
  const pipe = world.services.find((service) => service.slug === 'fallowmere-pipe')!
  made.forEach((person, index) => {
    const id = ids[index]!
    const home = homeTeam(world, random, person)
    const startedOn = random.dateBetween(yearsBefore(world.now, 4).toISOString().slice(0, 10), world.asOf)
    knownSince.set(id, startedOn)
    rows.involvements.push({ id: newId(), person_id: id, team_id: home, status: 'open', started_on: startedOn })
    const openTeams = new Set([home])
    const services = eligibleServices(world, person)
    const chosen = drawServices(random, services, Number(pickWeighted(random, referralsPerPerson)))
    // Oldest first, years apart; the latest is as of now.
    let at = world.now
    const dates = chosen.map(() => (at = yearsBefore(at, random.integer(yearsBetweenReferrals.min * 12, yearsBetweenReferrals.max * 12) / 12))).reverse()
    dates[dates.length - 1] = world.now
    chosen.forEach((service, turn) => {
      const status = turn === chosen.length - 1 ? pickWeighted(random, latestOutcomes) : pickWeighted(random, earlierOutcomes)
      referPerson(world, random, rows, { id, made: person }, service, status, dates[turn]!, openTeams)
    })
    // The demo clinician's own referrals to their service, waiting for review: the benchmark reviews them.
    if (world.cycleReferrals < reviewCycleReferrals && !chosen.includes(pipe) && services.includes(pipe)) {
      world.cycleReferrals += 1
      referPerson(world, random, rows, { id, made: person }, pipe, 'submitted', world.now, openTeams, world.clinician)
    }
  })
  await insertInBatches(tx, 'referral', rows.referrals)
  await insertInBatches(tx, 'referral_transition', rows.transitions)
  await insertInBatches(tx, 'allocation', rows.allocations)
  await insertInBatches(tx, 'involvement', rows.involvements)
  await insertInBatches(tx, 'person_timeline_event', rows.timeline)
  await insertDemoCasework(tx, random, world.lookups, rows.places, world.now)

  // The audit trail of the last quarter (auditWindowDays): records made, every change on the timeline, and some reads.
  const since = new Date(world.now.getTime() - auditWindowDays * millisPerDay).toISOString()
  const events = await tx
    .selectFrom('person_timeline_event')
    .select(['person_id', 'occurred_at', 'kind', 'organisation_id', 'recorded_by', 'record_type', 'record_id'])
    .where('person_id', 'in', ids)
    .where('occurred_at', '>=', since)
    .orderBy('person_id')
    .orderBy('occurred_at')
    .execute()
  const lines: AuditLine[] = ids
    .map((personId) => ({ at: `${knownSince.get(personId)}T09:00:00.000Z`, action: 'person.change', userId: null, organisationId: null, personId, recordType: 'person', recordId: personId }))
    .filter((line) => line.at >= since)
  for (const event of events) {
    lines.push({ at: event.occurred_at, action: auditActionOf(event.kind), userId: event.recorded_by, organisationId: event.organisation_id, personId: event.person_id, recordType: event.record_type, recordId: event.record_id })
  }
  for (let read = 0; read < ids.length * auditReadsPerPerson && events.length > 0; read += 1) {
    const seen = random.pick(events)
    const at = new Date(Math.min(world.now.getTime(), Date.parse(seen.occurred_at) + random.integer(0, 30) * millisPerDay)).toISOString()
    lines.push({ at, action: 'person.view', userId: seen.recorded_by, organisationId: seen.organisation_id, personId: seen.person_id, recordType: 'person', recordId: seen.person_id })
  }
  const audited = await audit.append(tx, lines)
  const personRows = made.reduce((sum, person) => sum + 2 + person.identifiers.length + person.aliases.length + person.characteristics.length + person.needs.length, 0)
  return personRows + rows.referrals.length + rows.transitions.length + rows.allocations.length + rows.involvements.length + rows.timeline.length + audited
}

/** The partnership as the demo seeded it: services with their eligibility, elements, teams and staff. */
async function readWorld(tx: Tx, dialect: Dialect, options: Required<Pick<GenerateOptions, 'asOf'>>): Promise<Omit<World, 'clinician' | 'referrers' | 'services'> & { teams: TeamRow[] }> {
  const organisations = await tx.selectFrom('organisation').select(['id', 'name']).execute()
  const teams = await tx.selectFrom('team').innerJoin('organisation', 'organisation.id', 'team.organisation_id').select(['team.id', 'team.organisation_id', 'organisation.type as organisation_type', 'team.name', 'team.service_id']).orderBy('team.name').orderBy('team.id').execute()
  const organisationId = (key: string) => {
    const name = demoDataset.organisations.find((organisation) => organisation.key === key)?.name
    const found = organisations.find((organisation) => organisation.name === name)
    if (!found) throw new Error(`bench data: no demo organisation "${key}"`)
    return found.id
  }
  const teamId = (organisationKey: string, teamName: string) => {
    const found = teams.find((team) => team.organisation_id === organisationId(organisationKey) && team.name === teamName)
    if (!found) throw new Error(`bench data: no team "${teamName}" in "${organisationKey}"`)
    return found.id
  }
  const now = new Date(`${options.asOf}T12:00:00.000Z`)
  const unattached = (type: string) => teams.filter((team) => team.service_id === null && team.organisation_type === type).map((team) => team.id)
  const youngAdultCustody = teams.filter((team) => team.name.endsWith('wing') && team.organisation_type === 'prison').map((team) => team.id)
  return {
    dialect,
    asOf: options.asOf,
    now,
    youngest: `${Number(options.asOf.slice(0, 4)) - 22}${options.asOf.slice(4)}`,
    lookups: { organisationId, teamId },
    homeTeams: {
      community: unattached('probation_delivery_unit'),
      custody: unattached('prison').filter((team) => !youngAdultCustody.includes(team)),
      youngAdultCustody,
      unknown: teams.filter((team) => team.name.startsWith('Liaison and diversion')).map((team) => team.id),
    },
    taken: new Map(),
    heldIdentifiers: new Set(),
    cycleReferrals: 0,
    teams: teams as TeamRow[],
  }
}

async function servicesOf(tx: Tx, staff: readonly DemoStaff[], teams: readonly TeamRow[]): Promise<Service[]> {
  const services = await tx.selectFrom('service').select(['id', 'slug']).orderBy('slug').execute()
  const elements = await tx.selectFrom('service_element').select(['id', 'service_id', 'name', 'capacity', 'position']).orderBy('position').execute()
  return services.map((service) => {
    const teamIds = teams.filter((team) => team.service_id === service.id).map((team) => team.id)
    const members = staff.filter((member) => member.teamIds.some((teamId) => teamIds.includes(teamId)))
    const withRole = (...roles: string[]) => members.filter((member) => member.roles.some((role) => roles.includes(role)))
    const plan = demoReferralPlans.find((candidate) => candidate.slug === service.slug)
    return {
      id: service.id,
      slug: service.slug,
      weight: serviceWeights[service.slug] ?? 1,
      plan: { ...(plan?.sex ? { sex: plan.sex } : {}), ...(plan?.youngAdults ? { youngAdults: true } : {}), ...(plan?.custody ? { custody: true } : {}) },
      elements: elements.filter((element) => element.service_id === service.id).map((element) => ({ id: element.id, name: element.name, capacity: element.capacity === null ? null : Number(element.capacity) })),
      teamIds,
      deciders: withRole('clinician', 'service_manager'),
      keyworkers: withRole('prison_keyworker', 'charity_case_worker', 'liaison_diversion_practitioner'),
      clinicians: withRole('clinician'),
      turn: 0,
    }
  })
}

/** Places each service will hold at once, for sizing its staff: its share of referrals, capped by its capacity. */
function expectedPlaces(services: ReadonlyArray<{ id: string; slug: string; elements: ReadonlyArray<{ capacity: number | null }> }>, people: number): Map<string, number> {
  const totalWeight = Object.values(serviceWeights).reduce((sum, weight) => sum + weight, 0)
  const latestWeight = latestOutcomes.reduce((sum, [, weight]) => sum + weight, 0)
  const activeShare = latestOutcomes.filter(([status]) => activeStatuses.includes(status)).reduce((sum, [, weight]) => sum + weight, 0) / latestWeight
  return new Map(
    services.map((service) => {
      const wanted = (people * activeShare * (serviceWeights[service.slug] ?? 1)) / totalWeight
      const capacity = service.elements.every((element) => element.capacity !== null) ? service.elements.reduce((sum, element) => sum + (element.capacity ?? 0), 0) : Number.POSITIVE_INFINITY
      return [service.id, Math.min(wanted, capacity)]
    }),
  )
}

/** Writes the dataset into an empty, migrated database. Refuses a database that already holds people. */
export async function generateBenchData(database: DatabaseHandle, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now()
  const { db } = database
  const existing = await db.selectFrom('seed_run').select('name').orderBy('name').execute()
  if (existing.length > 0) throw new DatabaseNotEmptyError(`the database already holds the ${existing.map((row) => row.name).join(' and ')} dataset; generate into an empty database`)
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10)
  const random = createRandom(options.seed ?? defaultBenchSeed)
  // The demo partnership and accounts, and no demo people: this dataset brings its own.
  await seedDemo(database, { people: 0, demoPassword: options.demoPassword, seed: options.seed ?? defaultBenchSeed })
  const suspended = await beginBulkLoad(database, loadedTables)

  const world = await inTransaction(db, async (tx): Promise<World> => {
    const read = await readWorld(tx, database.dialect, { asOf })
    const bare = await servicesOf(tx, [], read.teams)
    await insertBenchStaff(tx, random, read.teams, expectedPlaces(bare, options.people), options.people)
    const staff = await demoStaff(tx)
    const withRole = (role: string) => staff.filter((member) => member.roles.includes(role) && member.teamIds.length > 0)
    // The account the benchmark signs in as.
    const account = await tx.selectFrom('staff_user').select('id').where('email', '=', demoClinicianEmail).executeTakeFirstOrThrow()
    const { teams: _teams, ...rest } = read
    return {
      ...rest,
      services: await servicesOf(tx, staff, read.teams),
      referrers: { probation: withRole('probation_officer'), liaison: withRole('liaison_diversion_practitioner'), caseWorkers: withRole('charity_case_worker') },
      clinician: staff.find((member) => member.id === account.id)!,
    }
  })

  const audit = new AuditChainWriter(database.dialect)
  options.progress?.begin('Writing people and their records')
  let rows = 0
  for (let done = 0; done < options.people; ) {
    const count = Math.min(peoplePerBatch, options.people - done)
    rows += await inTransaction(db, async (tx) => {
      if (database.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(tx)
      return writeBatch(tx, world, random, audit, count)
    })
    done += count
    options.progress?.update(done / options.people, rows)
  }
  options.progress?.finishLine()
  // Indexes are built from all their rows at once. PostgreSQL's autovacuum would soon vacuum and analyse the new rows
  // (the visibility map lets index-only scans skip the table); doing it now makes the first benchmark run like the later ones.
  await endBulkLoad(database, suspended)
  if (database.dialect === 'postgres') await sql`vacuum analyze`.execute(db)
  await db.insertInto('seed_run').values({ name: 'bench' }).execute()
  return { people: options.people, seconds: (performance.now() - started) / 1000, rows: await countRows(db) }
}

/** Rows in each of the dataset's main tables. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of countedTables) {
    const { count } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    counts[table] = Number(count)
  }
  return counts
}
