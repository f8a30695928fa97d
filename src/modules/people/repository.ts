import { sql, type Insertable, type Selectable } from 'kysely'
import { healthOnlyCategories, personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import { insertInBatches, type Db, type Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { BreakGlassTable, Person, PersonAliasTable, PersonCharacteristicTable, PersonIdentifierTable, PersonNeedTable } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { NewPersonRecord, PersonAlias, PersonIdentifier } from './person-fields.ts'
import { readRecordedChange, type ChangeSection, type RecordedChange } from './rules.ts'

/** The person, if the scope lets the caller see them; the visibility rule runs inside the query. */
export function findPerson(tx: Tx, scope: Scope, personId: string): Promise<Person | undefined> {
  return tx.selectFrom('person').selectAll('person').where('person.id', '=', personId).where(personVisibleTo(scope)).executeTakeFirst()
}

export interface BreakGlassInForce {
  expires_at: string
}

/** The caller's live break-glass access to this person, for the banner. */
export function breakGlassInForce(tx: Tx, scope: Scope, personId: string): Promise<BreakGlassInForce | undefined> {
  return tx
    .selectFrom('break_glass')
    .select('expires_at')
    .where('user_id', '=', scope.userId)
    .where('person_id', '=', personId)
    .where('expires_at', '>', scope.now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst()
}

export interface InvolvementRow {
  id: string
  team_id: string
  team_name: string
  organisation_name: string
  status: 'open' | 'closed'
  started_on: string
  ended_on: string | null
  closed_reason: string | null
  /** Only for the caller's own organisation's teams: another agency's note is theirs. */
  closing_note: string | null
}

function involvementsQuery(tx: Tx, scope: Scope) {
  return tx
    .selectFrom('involvement')
    .innerJoin('team', 'team.id', 'involvement.team_id')
    .innerJoin('organisation', 'organisation.id', 'team.organisation_id')
    .select([
      'involvement.id',
      'involvement.team_id',
      'team.name as team_name',
      'organisation.name as organisation_name',
      'involvement.status',
      'involvement.started_on',
      'involvement.ended_on',
      'involvement.closed_reason',
      sql<string | null>`case when team.organisation_id = ${scope.organisationId} then involvement.closing_note end`.as('closing_note'),
    ])
}

/** Every involvement with the person, open ones first, each newest first. */
export function involvementsOf(tx: Tx, scope: Scope, personId: string): Promise<InvolvementRow[]> {
  return involvementsQuery(tx, scope)
    .where('involvement.person_id', '=', personId)
    .orderBy(sql`case when involvement.status = 'open' then 0 else 1 end`)
    .orderBy('involvement.started_on', 'desc')
    .orderBy('involvement.id')
    .execute()
}

export interface TeamChoice {
  id: string
  name: string
}

/** The caller's own teams, by name: the only teams they may open or close work for. */
export function teamsOf(db: Db, scope: Scope): Promise<TeamChoice[]> {
  if (scope.teamIds.length === 0) return Promise.resolve([])
  return db.selectFrom('team').select(['id', 'name']).where('id', 'in', scope.teamIds).orderBy('name').orderBy('id').execute()
}

/** Existence only, without scope: used by break-glass, which is itself the audited exception to scope. */
export async function personExists(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined
}

export type NewBreakGlass = Omit<Insertable<BreakGlassTable>, 'reviewed_by' | 'reviewed_at' | 'review_outcome' | 'review_note'>

export async function grantBreakGlass(tx: Tx, grant: NewBreakGlass): Promise<void> {
  await tx.insertInto('break_glass').values(grant).execute()
}

export interface PersonListing {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
}

export const peoplePageSize = 25

/** One page of the people the scope lets the caller see, by family name; one extra row says whether a next page exists. */
export function listVisiblePeople(tx: Tx, scope: Scope, page: number): Promise<PersonListing[]> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where(personVisibleTo(scope))
    // A merged record lives on in its survivor.
    .where('person.merged_into_id', 'is', null)
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('person.id')
    .limit(peoplePageSize + 1)
    .offset((page - 1) * peoplePageSize)
    .execute()
}

// Writing person records --------------------------------------------------------------------


/** A person_change row's values; `changes` is written through jsonValue, as both dialects need. */
function changeRow(personId: string, section: ChangeSection, change: RecordedChange, actorUserId: string | null, at: string) {
  return { id: newId(), person_id: personId, section, changes: jsonValue(change), changed_at: at, changed_by: actorUserId }
}

/**
 * Writes new person records with their identifiers and aliases, a "created" history row each
 * and, with `teamId`, an open involvement with that team (without one nobody could see
 * them). Multi-row INSERTs of up to 500 rows, so an import of many thousands is a few
 * hundred statements. Returns the new ids, in the order of `records`.
 */
export async function insertPersonRecords(tx: Tx, actorUserId: string | null, records: readonly NewPersonRecord[], teamId?: string): Promise<string[]> {
  const now = new Date().toISOString()
  const today = now.slice(0, 10)
  const ids = records.map(() => newId())
  await insertInBatches(
    tx,
    'person',
    records.map((record, index) => ({
      id: ids[index] as string,
      given_name: record.givenName,
      family_name: record.familyName,
      date_of_birth: record.dateOfBirth,
      sex: record.sex,
      gender_identity: record.genderIdentity,
      pronouns: record.pronouns,
      preferred_language: record.preferredLanguage,
      interpreter_needed: record.interpreterNeeded,
      communication_needs: record.communicationNeeds,
      reasonable_adjustments: record.reasonableAdjustments,
      location_kind: record.locationKind,
      location_establishment: record.locationEstablishment,
      location_area: record.locationArea,
      created_by: actorUserId,
      updated_at: now,
    })),
  )
  const each = <Row>(rows: (record: NewPersonRecord, personId: string) => Row[]) => records.flatMap((record, index) => rows(record, ids[index] as string))
  await insertInBatches(tx, 'person_identifier', each((record, personId) => record.identifiers.map((identifier) => ({ id: newId(), person_id: personId, kind: identifier.kind, value: identifier.value, recorded_at: now, recorded_by: actorUserId }))))
  await insertInBatches(
    tx,
    'person_alias',
    each((record, personId) => record.aliases.map((alias) => ({ id: newId(), person_id: personId, alias_type: alias.aliasType, given_name: alias.givenName, family_name: alias.familyName, recorded_at: now, recorded_by: actorUserId }))),
  )
  if (teamId !== undefined) {
    await insertInBatches(tx, 'involvement', ids.map((personId) => ({ id: newId(), person_id: personId, team_id: teamId, status: 'open' as const, started_on: today, opened_by: actorUserId })))
  }
  await insertInBatches(tx, 'person_change', ids.map((personId) => changeRow(personId, 'record', { action: 'created', values: [] }, actorUserId, now)))
  return ids
}

/**
 * Claims the next version of the record, if `version` is still the current one: the edit
 * that gets here first wins, and a stale one changes nothing. Returns whether it was claimed.
 */
export async function claimNextVersion(tx: Tx, personId: string, version: number): Promise<boolean> {
  const result = await tx
    .updateTable('person')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('id', '=', personId)
    .where('version', '=', version)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function recordChanges(tx: Tx, personId: string, actorUserId: string, changes: readonly { section: ChangeSection; change: RecordedChange }[]): Promise<void> {
  const now = new Date().toISOString()
  await insertInBatches(tx, 'person_change', changes.map(({ section, change }) => changeRow(personId, section, change, actorUserId, now)))
}

export type PersonColumns = Partial<Pick<Person, 'given_name' | 'family_name' | 'date_of_birth' | 'sex' | 'gender_identity' | 'pronouns' | 'preferred_language' | 'interpreter_needed' | 'communication_needs' | 'reasonable_adjustments' | 'location_kind' | 'location_establishment' | 'location_area'>>

export async function updatePersonColumns(tx: Tx, personId: string, columns: PersonColumns): Promise<void> {
  if (Object.keys(columns).length > 0) await tx.updateTable('person').set(columns).where('id', '=', personId).execute()
}

// The parts of a record that change over time ------------------------------------------------

export type AliasRow = Pick<Selectable<PersonAliasTable>, 'id' | 'alias_type' | 'given_name' | 'family_name' | 'recorded_at' | 'removed_at'>
export type IdentifierRow = Pick<Selectable<PersonIdentifierTable>, 'id' | 'kind' | 'value' | 'recorded_at' | 'ended_at' | 'ended_reason'>
export type CharacteristicRow = Pick<Selectable<PersonCharacteristicTable>, 'id' | 'characteristic' | 'code' | 'code_list_version' | 'recorded_at'>
export type NeedRow = Pick<Selectable<PersonNeedTable>, 'id' | 'need' | 'source' | 'started_on' | 'ended_on'>

/** Current aliases first, then removed ones, each oldest first. */
export function aliasesOf(tx: Tx, personId: string): Promise<AliasRow[]> {
  return tx
    .selectFrom('person_alias')
    .select(['id', 'alias_type', 'given_name', 'family_name', 'recorded_at', 'removed_at'])
    .where('person_id', '=', personId)
    .orderBy(sql`case when removed_at is null then 0 else 1 end`)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute()
}

/** Current identifiers first, then ended ones, each oldest first. */
export function identifiersOf(tx: Tx, personId: string): Promise<IdentifierRow[]> {
  return tx
    .selectFrom('person_identifier')
    .select(['id', 'kind', 'value', 'recorded_at', 'ended_at', 'ended_reason'])
    .where('person_id', '=', personId)
    .orderBy(sql`case when ended_at is null then 0 else 1 end`)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute()
}

/** The current answer for each characteristic (superseded answers stay in the table and the history). */
export function currentCharacteristicsOf(tx: Tx, personId: string): Promise<CharacteristicRow[]> {
  return tx
    .selectFrom('person_characteristic')
    .select(['id', 'characteristic', 'code', 'code_list_version', 'recorded_at'])
    .where('person_id', '=', personId)
    .where('superseded_at', 'is', null)
    .execute()
}

/** Current needs first, then ended ones, each by start date. */
export function needsOf(tx: Tx, personId: string): Promise<NeedRow[]> {
  return tx
    .selectFrom('person_need')
    .select(['id', 'need', 'source', 'started_on', 'ended_on'])
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .orderBy(sql`case when ended_on is null then 0 else 1 end`)
    .orderBy('started_on')
    .orderBy('id')
    .execute()
}

export async function addAlias(tx: Tx, personId: string, actorUserId: string, alias: PersonAlias): Promise<void> {
  await tx
    .insertInto('person_alias')
    .values({ id: newId(), person_id: personId, alias_type: alias.aliasType, given_name: alias.givenName, family_name: alias.familyName, recorded_at: new Date().toISOString(), recorded_by: actorUserId })
    .execute()
}

/** Marks a current alias of this person removed; the row stays, for the history. */
export async function removeAlias(tx: Tx, personId: string, aliasId: string, actorUserId: string): Promise<void> {
  await tx
    .updateTable('person_alias')
    .set({ removed_at: new Date().toISOString(), removed_by: actorUserId })
    .where('id', '=', aliasId)
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .execute()
}

export async function hasCurrentIdentifier(tx: Tx, personId: string, identifier: PersonIdentifier): Promise<boolean> {
  const found = await tx
    .selectFrom('person_identifier')
    .select('id')
    .where('person_id', '=', personId)
    .where('kind', '=', identifier.kind)
    .where('value', '=', identifier.value)
    .where('ended_at', 'is', null)
    .executeTakeFirst()
  return found !== undefined
}

export async function addIdentifier(tx: Tx, personId: string, actorUserId: string, identifier: PersonIdentifier): Promise<void> {
  await tx.insertInto('person_identifier').values({ id: newId(), person_id: personId, kind: identifier.kind, value: identifier.value, recorded_at: new Date().toISOString(), recorded_by: actorUserId }).execute()
}

export async function endIdentifier(tx: Tx, identifierId: string, actorUserId: string, reason: string): Promise<void> {
  await tx.updateTable('person_identifier').set({ ended_at: new Date().toISOString(), ended_by: actorUserId, ended_reason: reason }).where('id', '=', identifierId).execute()
}

/** Supersedes the current answer for `characteristic`, if any, and records `code` with the code list's version. */
export async function replaceCharacteristic(tx: Tx, personId: string, actorUserId: string, answer: { characteristic: string; code: string; version: string }): Promise<void> {
  const now = new Date().toISOString()
  await tx.updateTable('person_characteristic').set({ superseded_at: now }).where('person_id', '=', personId).where('characteristic', '=', answer.characteristic).where('superseded_at', 'is', null).execute()
  await tx
    .insertInto('person_characteristic')
    .values({ id: newId(), person_id: personId, characteristic: answer.characteristic, code: answer.code, code_list_version: answer.version, recorded_at: now, recorded_by: actorUserId })
    .execute()
}

export async function addNeed(tx: Tx, personId: string, actorUserId: string, need: { need: string; source: string; startedOn: string | null }): Promise<void> {
  await tx
    .insertInto('person_need')
    .values({ id: newId(), person_id: personId, need: need.need, source: need.source, started_on: need.startedOn, recorded_at: new Date().toISOString(), recorded_by: actorUserId })
    .execute()
}

export async function endNeed(tx: Tx, needId: string, endedOn: string): Promise<void> {
  await tx.updateTable('person_need').set({ ended_on: endedOn }).where('id', '=', needId).execute()
}

/** Opens work with the person for one of the caller's teams, unless that team already has it open; returns whether it opened. */
export async function openInvolvement(tx: Tx, personId: string, teamId: string, actorUserId: string, today: string): Promise<boolean> {
  const open = await tx.selectFrom('involvement').select('id').where('person_id', '=', personId).where('team_id', '=', teamId).where('status', '=', 'open').executeTakeFirst()
  if (open) return false
  await tx.insertInto('involvement').values({ id: newId(), person_id: personId, team_id: teamId, status: 'open', started_on: today, opened_by: actorUserId }).execute()
  return true
}

/** An open involvement of the person with one of the caller's teams. */
export function ownOpenInvolvement(tx: Tx, scope: Scope, personId: string, involvementId: string): Promise<InvolvementRow | undefined> {
  if (scope.teamIds.length === 0) return Promise.resolve(undefined)
  return involvementsQuery(tx, scope)
    .where('involvement.id', '=', involvementId)
    .where('involvement.person_id', '=', personId)
    .where('involvement.status', '=', 'open')
    .where('involvement.team_id', 'in', scope.teamIds)
    .executeTakeFirst()
}

export async function closeInvolvement(tx: Tx, involvementId: string, actorUserId: string, closing: { reason: string; note: string | null; endedOn: string }): Promise<void> {
  await tx
    .updateTable('involvement')
    .set({ status: 'closed', ended_on: closing.endedOn, closed_reason: closing.reason, closing_note: closing.note, closed_by: actorUserId })
    .where('id', '=', involvementId)
    .execute()
}

// History and timeline ----------------------------------------------------------------------

export interface ChangeRow {
  id: string
  section: string
  changes: RecordedChange
  changed_at: string
  changed_by_name: string | null
}

function changesQuery(tx: Tx) {
  return tx
    .selectFrom('person_change')
    .leftJoin('staff_user', 'staff_user.id', 'person_change.changed_by')
    .select(['person_change.id', 'person_change.section', 'person_change.changes', 'person_change.changed_at', 'staff_user.display_name as changed_by_name'])
}

const asChangeRow = (row: Omit<ChangeRow, 'changes'> & { changes: unknown }): ChangeRow => ({ ...row, changes: readRecordedChange(row.changes) })

/** Every change to the record, newest first. */
export async function changesOf(tx: Tx, personId: string): Promise<ChangeRow[]> {
  const rows = await changesQuery(tx).where('person_change.person_id', '=', personId).orderBy('person_change.changed_at', 'desc').orderBy('person_change.id', 'desc').execute()
  return rows.map(asChangeRow)
}

export interface TimelineEventRow {
  id: string
  occurred_at: string
  kind: string
  organisation_name: string | null
  recorded_by_name: string | null
}

export type TimelineEntry = { source: 'event'; event: TimelineEventRow } | { source: 'change'; change: ChangeRow }

export const timelinePageSize = 20

/**
 * One page of the person's timeline: events other modules recorded about them and the
 * record's own changes, newest first. Events in health-only data categories are left out
 * in the query unless the caller may read them. One extra entry says whether a next page exists.
 */
export async function timelineOf(tx: Tx, scope: Scope, personId: string, page: number): Promise<TimelineEntry[]> {
  const events = tx
    .selectFrom('person_timeline_event')
    .select([sql<string>`'event'`.as('source'), 'id', 'occurred_at as at'])
    .where('person_id', '=', personId)
    .$if(!scope.readsHealthOnly, (query) => query.where('data_category', 'not in', healthOnlyCategories))
  const changes = tx.selectFrom('person_change').select([sql<string>`'change'`.as('source'), 'id', 'changed_at as at']).where('person_id', '=', personId)
  const entries = await events
    .unionAll(changes)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(timelinePageSize + 1)
    .offset((page - 1) * timelinePageSize)
    .execute()
  const idsOf = (source: string) => entries.filter((entry) => entry.source === source).map((entry) => entry.id)
  const [eventRows, changeRows] = await Promise.all([
    idsOf('event').length === 0
      ? []
      : tx
          .selectFrom('person_timeline_event')
          .leftJoin('organisation', 'organisation.id', 'person_timeline_event.organisation_id')
          .leftJoin('staff_user', 'staff_user.id', 'person_timeline_event.recorded_by')
          .select(['person_timeline_event.id', 'person_timeline_event.occurred_at', 'person_timeline_event.kind', 'organisation.name as organisation_name', 'staff_user.display_name as recorded_by_name'])
          .where('person_timeline_event.id', 'in', idsOf('event'))
          .execute(),
    idsOf('change').length === 0 ? [] : changesQuery(tx).where('person_change.id', 'in', idsOf('change')).execute(),
  ])
  const eventById = new Map(eventRows.map((row) => [row.id, row]))
  const changeById = new Map(changeRows.map((row) => [row.id, asChangeRow(row)]))
  return entries.flatMap((entry): TimelineEntry[] => {
    const event = eventById.get(entry.id)
    const change = changeById.get(entry.id)
    if (entry.source === 'event' && event) return [{ source: 'event', event }]
    return change ? [{ source: 'change', change }] : []
  })
}

/** The record this one was merged into, when the caller may see it. */
export function survivorInScope(tx: Tx, scope: Scope, survivorId: string): Promise<{ id: string } | undefined> {
  return tx.selectFrom('person').select('person.id').where('person.id', '=', survivorId).where(personVisibleTo(scope)).executeTakeFirst()
}
