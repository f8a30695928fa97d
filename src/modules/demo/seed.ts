import { inTransaction, insertInBatches, type DatabaseHandle, type Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { ruleParameters } from '../services/index.ts'
import { demoDataset, type DemoDataset } from './dataset.ts'
import { codeList } from '../../platform/content/code-lists.ts'
import { insertPersonRecords, type NewPersonRecord } from '../people/index.ts'
import { personFactory, type MadePerson } from './factories.ts'
import { createRandom } from './random.ts'
import { demoInvolvements, insertDemoAccounts, type DemoLookups } from './accounts.ts'
import { insertDemoCasework } from './casework.ts'
import { insertDemoReferrals } from './referrals.ts'
import { insertDemoForum } from './forum.ts'
import { hashPassword } from '../../platform/auth/passwords.ts'

export interface SeedDemoOptions {
  /** How many made-up people to add; defaultDemoPeople by default. */
  people?: number
  /** Seed for the made-up people; the same seed gives the same people on the same day. */
  seed?: number
  /** When given, one demo account per built-in role is created with this password (demo mode only). */
  demoPassword?: string
}

export interface SeedDemoCounts {
  organisations: number
  services: number
  people: number
}

/** Enough people for search, lists and reports to feel real (issue 5), few enough for a quick first start. */
export const defaultDemoPeople = 2000
const defaultSeed = 20_260_101

/** Gives each key a new id; the lookup names the dataset's mistake when a reference does not resolve. */
function idsByKey(keys: readonly string[], kind: string): (key: string) => string {
  const ids = new Map(keys.map((key) => [key, newId()]))
  return (key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`demo dataset: no ${kind} "${key}"`)
    return id
  }
}

/** Where each service works, its eligibility rules (a region rule's organisation keys become ids) and who may refer. */
async function insertServiceDirectory(tx: Tx, dataset: DemoDataset, serviceId: (slug: string) => string, organisationId: (key: string) => string): Promise<void> {
  await insertInBatches(tx, 'service_setting', dataset.services.flatMap((service) => service.settings.map((setting) => ({ service_id: serviceId(service.slug), setting }))))
  await insertInBatches(
    tx,
    'service_eligibility_rule',
    dataset.services.flatMap((service) =>
      service.eligibility.map((rule, index) => {
        const stored = rule.kind === 'region' ? { ...rule, organisationIds: rule.organisationIds.map(organisationId) } : rule
        return { id: newId(), service_id: serviceId(service.slug), kind: rule.kind, parameters: jsonValue(ruleParameters(stored)), position: index + 1 }
      }),
    ),
  )
  await insertInBatches(tx, 'service_referrer_role', dataset.services.flatMap((service) => service.referrerRoles.map((role) => ({ service_id: serviceId(service.slug), role }))))
  await insertInBatches(
    tx,
    'service_referrer_organisation_type',
    dataset.services.flatMap((service) => service.referrerOrganisationTypes.map((type) => ({ service_id: serviceId(service.slug), organisation_type: type }))),
  )
}

async function insertPartnership(tx: Tx, dataset: DemoDataset): Promise<DemoLookups & { teamIds: string[] }> {
  const organisationId = idsByKey(dataset.organisations.map((organisation) => organisation.key), 'organisation')
  const serviceId = idsByKey(dataset.services.map((service) => service.slug), 'service')

  // One statement per table: foreign keys are checked at the end of each statement, so
  // a delivery unit may come in the same INSERT as its region.
  await insertInBatches(
    tx,
    'organisation',
    dataset.organisations.map((organisation) => ({
      id: organisationId(organisation.key),
      name: organisation.name,
      type: organisation.type,
      parent_id: organisation.parent === undefined ? null : organisationId(organisation.parent),
    })),
  )
  await insertInBatches(
    tx,
    'service',
    dataset.services.map((service) => ({
      id: serviceId(service.slug),
      organisation_id: organisationId(service.provider),
      slug: service.slug,
      name: service.name,
      summary: service.summary,
      description: service.description,
      audience: service.audience,
      how_to_refer: service.howToRefer,
      contact_name: service.contact.name,
      contact_email: service.contact.email,
      contact_phone: service.contact.phone,
      is_public: true,
    })),
  )
  await insertServiceDirectory(tx, dataset, serviceId, organisationId)
  await insertInBatches(
    tx,
    'service_element',
    dataset.services.flatMap((service) =>
      service.elements.map((element, index) => ({
        id: newId(),
        service_id: serviceId(service.slug),
        name: element.name,
        capacity: element.capacity,
        position: index + 1,
      })),
    ),
  )
  const teamRows = dataset.teams.map((team) => ({
    id: newId(),
    organisation_id: organisationId(team.organisation),
    name: team.name,
    service_id: team.service === undefined ? null : serviceId(team.service),
  }))
  await insertInBatches(tx, 'team', teamRows)
  const teamIds = new Map(dataset.teams.map((team, index) => [`${team.organisation}/${team.name}`, teamRows[index]?.id ?? '']))
  return {
    organisationId,
    teamId: (organisationKey, teamName) => {
      const id = teamIds.get(`${organisationKey}/${teamName}`)
      if (!id) throw new Error(`demo dataset: no team "${teamName}" in "${organisationKey}"`)
      return id
    },
    teamIds: teamRows.map((team) => team.id),
  }
}

/** Drops an identifier another made-up person already holds (in `held`, which it adds to): a real one is never shared. */
function withUniqueIdentifiers(people: readonly MadePerson[], held: Set<string>): MadePerson[] {
  return people.map((person) => ({
    ...person,
    identifiers: person.identifiers.filter(({ kind, value }) => {
      const key = `${kind} ${value}`
      if (held.has(key)) return false
      held.add(key)
      return true
    }),
  }))
}

function personRecord(person: MadePerson): NewPersonRecord {
  return {
    givenName: person.given_name,
    familyName: person.family_name,
    dateOfBirth: person.date_of_birth,
    sex: person.sex,
    genderIdentity: person.gender_identity,
    pronouns: person.pronouns,
    preferredLanguage: person.preferred_language,
    interpreterNeeded: person.interpreter_needed,
    communicationNeeds: null,
    reasonableAdjustments: null,
    locationKind: person.location_kind,
    locationEstablishment: person.location_establishment,
    locationArea: person.location_area,
    identifiers: person.identifiers.map(({ kind, value }) => ({ kind, value })),
    aliases: person.aliases.map((alias) => ({ aliasType: alias.alias_type, givenName: alias.given_name, familyName: alias.family_name })),
  }
}

/**
 * Made-up people, each with a whole record: details, identifiers and other names (the
 * people module's own insert, as for any new person), equality answers and needs. Returns
 * their ids in order. `heldIdentifiers` carries the identifiers already given out from one
 * batch to the next (the benchmark generator writes people a batch at a time).
 */
export async function insertMadePeople(tx: Tx, made: readonly MadePerson[], heldIdentifiers: Set<string> = new Set()): Promise<string[]> {
  const people = withUniqueIdentifiers(made, heldIdentifiers)
  const ids = await insertPersonRecords(tx, null, people.map(personRecord))
  const now = new Date().toISOString()
  const each = <Row>(rows: (person: MadePerson, personId: string) => Row[]) => people.flatMap((person, index) => rows(person, ids[index] as string))
  await insertInBatches(
    tx,
    'person_characteristic',
    each((person, personId) => person.characteristics.map(({ characteristic, code }) => ({ id: newId(), person_id: personId, characteristic, code, code_list_version: codeList(characteristic).version, recorded_at: now }))),
  )
  await insertInBatches(tx, 'person_need', each((person, personId) => person.needs.map((need) => ({ id: newId(), person_id: personId, ...need, recorded_at: now }))))
  return ids
}

/** The community pathway's agreement: the trust's people are open to probation for direct care and risk management. */
async function insertDemoSharingAgreement(tx: Tx, lookups: DemoLookups): Promise<void> {
  const id = newId()
  await tx
    .insertInto('sharing_agreement')
    .values({ id, name: 'Community pathway information-sharing agreement (demo)', owner_organisation_id: lookups.organisationId('northgate-trust'), starts_on: '2025-04-01', ends_on: null })
    .execute()
  await tx.insertInto('sharing_agreement_party').values({ agreement_id: id, organisation_id: lookups.organisationId('marchfield-north-pdu') }).execute()
  await tx.insertInto('sharing_agreement_purpose').values([{ agreement_id: id, purpose: 'direct_care' }, { agreement_id: id, purpose: 'risk_management' }]).execute()
  await tx.insertInto('sharing_agreement_category').values([{ agreement_id: id, data_category: 'identity' }, { agreement_id: id, data_category: 'risk' }, { agreement_id: id, data_category: 'plan' }]).execute()
}

/**
 * Adds the demo partnership and `people` made-up people, once. Returns what it added,
 * or null when the demo was already there.
 *
 * The 'demo' seed_run row goes in first, in the same transaction as the data. When two
 * instances start at once, the second one's insert waits on the first one's row
 * (PostgreSQL's unique index; SQLite's BEGIN IMMEDIATE write lock) and then, seeing it
 * committed, inserts nothing — so it adds nothing either, and no unique-violation error
 * is raised to be told apart from a real one.
 */
export async function seedDemo(database: DatabaseHandle, options: SeedDemoOptions = {}): Promise<SeedDemoCounts | null> {
  const people = options.people ?? defaultDemoPeople
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`people must be a whole number ≥ 0, not ${people}`)
  // Hashing is slow on purpose, so it happens before the transaction takes the write lock.
  const passwordHash = options.demoPassword === undefined ? undefined : await hashPassword(options.demoPassword)
  return inTransaction(database.db, async (tx) => {
    const claimed = await tx
      .insertInto('seed_run')
      .values({ name: 'demo' })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .executeTakeFirst()
    if (claimed.numInsertedOrUpdatedRows === 0n) return null
    const lookups = await insertPartnership(tx, demoDataset)
    const random = createRandom(options.seed ?? defaultSeed)
    const personIds = await insertMadePeople(tx, Array.from({ length: people }, () => personFactory(random)))
    await insertInBatches(tx, 'involvement', demoInvolvements(random, personIds, lookups.teamIds, new Date().toISOString().slice(0, 10)))
    await insertDemoSharingAgreement(tx, lookups)
    if (passwordHash) {
      await insertDemoAccounts(tx, lookups, passwordHash)
      // The referrals are the demo accounts' own: made, decided and worked by them and their colleagues.
      const places = await insertDemoReferrals(tx, random, lookups, personIds)
      await insertDemoCasework(tx, random, lookups, places)
      // The forum's members sign in with the same demo password; their sponsors are demo accounts.
      await insertDemoForum(tx, passwordHash)
    }
    return { organisations: demoDataset.organisations.length, services: demoDataset.services.length, people }
  })
}
