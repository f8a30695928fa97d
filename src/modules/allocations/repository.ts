import { sql, type ExpressionBuilder } from 'kysely'
import { deliveredByTeams, visiblePersonName, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Dialect, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { EndedReason } from './rules.ts'

/*
 * All SQL of waiting lists, places and caseloads. Who may see what is decided in the
 * queries: the service side of a referral or allocation is a member of a team delivering
 * its service; a person is named only where the caller's scope reaches them (a restricted
 * record without a named grant is listed, unnamed, so positions and counts stay true).
 */

/** Rows per page of every list here. */
export const pageSize = 25

type Reader = Db | Tx


// Services and their places -----------------------------------------------------------------

export interface ServiceRow {
  id: string
  name: string
}

/** The service, when one of the caller's teams delivers it. */
export function serviceDeliveredBy(tx: Reader, scope: Scope, serviceId: string): Promise<ServiceRow | undefined> {
  return tx.selectFrom('service').select(['service.id', 'service.name']).where('service.id', '=', serviceId).where(deliveredByTeams(scope.teamIds, 'service.id')).executeTakeFirst()
}

export interface ElementPlaces {
  id: string
  name: string
  capacity: number | null
  /** Active allocations now. */
  taken: number
}

/** Each element of the service in its order, with its places and how many are taken. */
export async function elementPlaces(tx: Reader, serviceId: string): Promise<ElementPlaces[]> {
  const rows = await tx
    .selectFrom('service_element')
    .select((eb) => [
      'service_element.id',
      'service_element.name',
      'service_element.capacity',
      eb.selectFrom('allocation').select(eb.fn.countAll<number>().as('count')).whereRef('allocation.service_element_id', '=', 'service_element.id').where('allocation.status', '=', 'active').as('taken'),
    ])
    .where('service_element.service_id', '=', serviceId)
    .orderBy('service_element.position')
    .orderBy('service_element.id')
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.name, capacity: row.capacity === null ? null : Number(row.capacity), taken: Number(row.taken ?? 0) }))
}

// Waiting lists -------------------------------------------------------------------------------

/**
 * The service's waiting referrals, each numbered within its element's list: priority
 * first, then the date referred, then the id so that equal referrals keep one order.
 */
function rankedWaiting(tx: Reader, serviceId: string) {
  return tx
    .selectFrom('referral')
    .select([
      'referral.id as referral_id',
      'referral.person_id',
      'referral.service_element_id as element_id',
      'referral.urgency',
      'referral.priority',
      'referral.referred_at',
      sql<number>`row_number() over (partition by referral.service_element_id order by referral.priority, referral.referred_at, referral.id)`.as('position'),
      sql<number>`count(*) over (partition by referral.service_element_id)`.as('of'),
    ])
    .where('referral.service_id', '=', serviceId)
    .where('referral.status', '=', 'waiting')
}

export interface WaitingListFilter {
  serviceId: string
  elementId?: string | undefined
  urgency?: string | undefined
  /** `position`: by element, then place in its list; `waiting`: longest wait first. */
  sort: 'position' | 'waiting'
  page: number
}

export interface WaitingEntry {
  referral_id: string
  person_id: string
  given_name: string | null
  family_name: string | null
  element_id: string | null
  element_name: string | null
  urgency: string
  priority: number
  referred_at: string | null
  position: number
  of: number
}

function waitingListQuery(tx: Reader, filter: WaitingListFilter) {
  return tx
    .selectFrom(rankedWaiting(tx, filter.serviceId).as('waiting'))
    .innerJoin('person as listed_person', 'listed_person.id', 'waiting.person_id')
    .leftJoin('service_element', 'service_element.id', 'waiting.element_id')
    .$if(filter.elementId !== undefined, (query) => query.where('waiting.element_id', '=', filter.elementId!))
    .$if(filter.urgency !== undefined, (query) => query.where('waiting.urgency', '=', filter.urgency!))
}

/** One page of the waiting list (positions counted over the whole list, whatever the filters), and how many entries match. */
export async function waitingListPage(tx: Reader, scope: Scope, filter: WaitingListFilter): Promise<{ entries: WaitingEntry[]; total: number }> {
  const rows = await waitingListQuery(tx, filter)
    .select((eb) => [
      'waiting.referral_id',
      'waiting.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'waiting.element_id',
      'service_element.name as element_name',
      'waiting.urgency',
      'waiting.priority',
      'waiting.referred_at',
      'waiting.position',
      'waiting.of',
    ])
    .$if(filter.sort === 'position', (query) => query.orderBy(sql`coalesce(service_element.position, 0)`).orderBy('waiting.element_id').orderBy('waiting.position'))
    .$if(filter.sort === 'waiting', (query) => query.orderBy('waiting.referred_at').orderBy('waiting.referral_id'))
    .limit(pageSize)
    .offset((filter.page - 1) * pageSize)
    .execute()
  const counted = await waitingListQuery(tx, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  return {
    entries: rows.map((row) => ({ ...row, priority: Number(row.priority), position: Number(row.position), of: Number(row.of) })),
    total: Number(counted.count),
  }
}

/** A waiting referral's place in its element's list and when it was referred; undefined when it is not waiting. */
export async function positionOnWaitingList(tx: Reader, referralId: string): Promise<{ position: number; of: number; referred_at: string | null } | undefined> {
  const referral = await tx.selectFrom('referral').select(['service_id', 'status']).where('id', '=', referralId).executeTakeFirst()
  if (!referral || referral.status !== 'waiting') return undefined
  const row = await tx
    .selectFrom(rankedWaiting(tx, referral.service_id).as('waiting'))
    .select(['waiting.position', 'waiting.of', 'waiting.referred_at'])
    .where('waiting.referral_id', '=', referralId)
    .executeTakeFirst()
  return row && { position: Number(row.position), of: Number(row.of), referred_at: row.referred_at }
}

// Allocating ----------------------------------------------------------------------------------

export interface ReferralForAllocation {
  id: string
  person_id: string
  given_name: string | null
  family_name: string | null
  service_id: string
  service_name: string
  status: string
  requested_element_id: string | null
  urgency: string
  referred_at: string | null
}

/** The referral, when the caller is on its service side (a member of a team delivering the service). */
export function referralForAllocation(tx: Reader, scope: Scope, referralId: string): Promise<ReferralForAllocation | undefined> {
  return tx
    .selectFrom('referral')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('person as listed_person', 'listed_person.id', 'referral.person_id')
    .select((eb) => [
      'referral.id',
      'referral.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'referral.service_id',
      'service.name as service_name',
      'referral.status',
      'referral.service_element_id as requested_element_id',
      'referral.urgency',
      'referral.referred_at',
    ])
    .where('referral.id', '=', referralId)
    .where(deliveredByTeams(scope.teamIds, 'referral.service_id'))
    .executeTakeFirst()
}

export interface LockedElement {
  id: string
  name: string
  capacity: number | null
}

/**
 * The element, locked until the transaction ends, so that counting its places and taking
 * one cannot interleave with another allocation. PostgreSQL locks the row; SQLite's write
 * transaction (BEGIN IMMEDIATE, sqlite-driver.ts) already excludes every other writer.
 */
export async function lockElement(tx: Tx, dialect: Dialect, serviceId: string, elementId: string): Promise<LockedElement | undefined> {
  const row = await tx
    .selectFrom('service_element')
    .select(['id', 'name', 'capacity'])
    .where('id', '=', elementId)
    .where('service_id', '=', serviceId)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst()
  return row && { ...row, capacity: row.capacity === null ? null : Number(row.capacity) }
}

export async function activeAllocationCount(tx: Tx, elementId: string): Promise<number> {
  const row = await tx.selectFrom('allocation').select((eb) => eb.fn.countAll<number>().as('count')).where('service_element_id', '=', elementId).where('status', '=', 'active').executeTakeFirstOrThrow()
  return Number(row.count)
}

export interface Worker {
  id: string
  display_name: string
  roles: string[]
}

/** Active members of the teams delivering the service, by name, each with their roles. */
export async function serviceWorkers(tx: Reader, serviceId: string): Promise<Worker[]> {
  const rows = await tx
    .selectFrom('team_membership')
    .innerJoin('team', 'team.id', 'team_membership.team_id')
    .innerJoin('staff_user', 'staff_user.id', 'team_membership.user_id')
    .innerJoin('staff_user_role', 'staff_user_role.user_id', 'staff_user.id')
    .select(['staff_user.id', 'staff_user.display_name', 'staff_user_role.role'])
    .distinct()
    .where('team.service_id', '=', serviceId)
    .where('staff_user.status', '=', 'active')
    .orderBy('staff_user.display_name')
    .orderBy('staff_user.id')
    .orderBy('staff_user_role.role')
    .execute()
  const workers = new Map<string, Worker>()
  for (const row of rows) {
    const worker = workers.get(row.id) ?? { id: row.id, display_name: row.display_name, roles: [] }
    worker.roles.push(row.role)
    workers.set(row.id, worker)
  }
  return [...workers.values()]
}

export interface NewAllocation {
  referralId: string
  personId: string
  elementId: string
  keyworkerId: string | null
  leadClinicianId: string | null
  startedAt: string
  overCapacityReason: string | null
  allocatedBy: string
}

export async function insertAllocation(tx: Tx, allocation: NewAllocation): Promise<string> {
  const id = newId()
  await tx
    .insertInto('allocation')
    .values({
      id,
      referral_id: allocation.referralId,
      person_id: allocation.personId,
      service_element_id: allocation.elementId,
      keyworker_user_id: allocation.keyworkerId,
      lead_clinician_user_id: allocation.leadClinicianId,
      status: 'active',
      started_at: allocation.startedAt,
      over_capacity_reason: allocation.overCapacityReason,
      allocated_by: allocation.allocatedBy,
    })
    .execute()
  return id
}

export interface AllocationInScope {
  id: string
  referral_id: string
  referral_status: string
  person_id: string
  given_name: string | null
  family_name: string | null
  service_id: string
  service_name: string
  element_id: string
  element_name: string
  keyworker_user_id: string | null
  keyworker_name: string | null
  lead_clinician_user_id: string | null
  lead_clinician_name: string | null
  status: 'active' | 'ended'
  started_at: string
}

/** The allocation, when the caller is on its service side. */
export function allocationInScope(tx: Reader, scope: Scope, allocationId: string): Promise<AllocationInScope | undefined> {
  return tx
    .selectFrom('allocation')
    .innerJoin('referral', 'referral.id', 'allocation.referral_id')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .innerJoin('person as listed_person', 'listed_person.id', 'allocation.person_id')
    .leftJoin('staff_user as keyworker', 'keyworker.id', 'allocation.keyworker_user_id')
    .leftJoin('staff_user as lead_clinician', 'lead_clinician.id', 'allocation.lead_clinician_user_id')
    .select((eb) => [
      'allocation.id',
      'allocation.referral_id',
      'referral.status as referral_status',
      'allocation.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'service.id as service_id',
      'service.name as service_name',
      'service_element.id as element_id',
      'service_element.name as element_name',
      'allocation.keyworker_user_id',
      'keyworker.display_name as keyworker_name',
      'allocation.lead_clinician_user_id',
      'lead_clinician.display_name as lead_clinician_name',
      'allocation.status',
      'allocation.started_at',
    ])
    .where('allocation.id', '=', allocationId)
    .where(deliveredByTeams(scope.teamIds, 'service_element.service_id'))
    .executeTakeFirst()
}

/** Ends an active allocation; false when it had already ended (someone else got there first). */
export async function endAllocation(tx: Tx, allocationId: string, reason: EndedReason, at: string): Promise<boolean> {
  const result = await tx.updateTable('allocation').set({ status: 'ended', ended_at: at, ended_reason: reason }).where('id', '=', allocationId).where('status', '=', 'active').executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Ends whatever place the referral still holds, as the work ends. */
export async function endAllocationsOfReferral(tx: Tx, referralId: string, reason: EndedReason, at: string): Promise<void> {
  await tx.updateTable('allocation').set({ status: 'ended', ended_at: at, ended_reason: reason }).where('referral_id', '=', referralId).where('status', '=', 'active').execute()
}

export async function addAllocationTimelineEvent(tx: Tx, event: { personId: string; kind: string; at: string; organisationId: string; allocationId: string; recordedBy: string; details: Record<string, unknown> }): Promise<void> {
  await tx
    .insertInto('person_timeline_event')
    .values({
      id: newId(),
      person_id: event.personId,
      occurred_at: event.at,
      kind: event.kind,
      data_category: 'referral',
      organisation_id: event.organisationId,
      record_type: 'allocation',
      record_id: event.allocationId,
      allocation_id: event.allocationId,
      details: jsonValue(event.details),
      recorded_by: event.recordedBy,
    })
    .execute()
}

// Caseloads -----------------------------------------------------------------------------------

/** Whose caseload: one worker's own, or a team's (its service's places, and whatever its members hold elsewhere). */
export type CaseloadOwner = { kind: 'worker'; userId: string } | { kind: 'team'; teamId: string; serviceId: string | null }

export interface CaseloadFilter {
  elementId?: string | undefined
  workerId?: string | undefined
  status: 'active' | 'ended' | 'all'
  sort: 'person' | 'started' | 'element'
  order: 'asc' | 'desc'
  page: number
}

export interface CaseloadRow {
  id: string
  referral_id: string
  person_id: string
  given_name: string | null
  family_name: string | null
  service_name: string
  element_id: string
  element_name: string
  keyworker_user_id: string | null
  keyworker_name: string | null
  lead_clinician_user_id: string | null
  lead_clinician_name: string | null
  status: 'active' | 'ended'
  started_at: string
  ended_at: string | null
  ended_reason: string | null
  over_capacity: boolean
}

function caseloadQuery(tx: Reader, owner: CaseloadOwner) {
  const members = (teamId: string) => tx.selectFrom('team_membership').select('team_membership.user_id').where('team_membership.team_id', '=', teamId)
  return tx
    .selectFrom('allocation')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .innerJoin('person as listed_person', 'listed_person.id', 'allocation.person_id')
    .leftJoin('staff_user as keyworker', 'keyworker.id', 'allocation.keyworker_user_id')
    .leftJoin('staff_user as lead_clinician', 'lead_clinician.id', 'allocation.lead_clinician_user_id')
    .where((eb) => {
      if (owner.kind === 'worker') return eb.or([eb('allocation.keyworker_user_id', '=', owner.userId), eb('allocation.lead_clinician_user_id', '=', owner.userId)])
      return eb.or([
        ...(owner.serviceId === null ? [] : [eb('service_element.service_id', '=', owner.serviceId)]),
        eb('allocation.keyworker_user_id', 'in', members(owner.teamId)),
        eb('allocation.lead_clinician_user_id', 'in', members(owner.teamId)),
      ])
    })
}

function filtered(tx: Reader, owner: CaseloadOwner, filter: CaseloadFilter) {
  return caseloadQuery(tx, owner)
    .$if(filter.status !== 'all', (query) => query.where('allocation.status', '=', filter.status as 'active' | 'ended'))
    .$if(filter.elementId !== undefined, (query) => query.where('allocation.service_element_id', '=', filter.elementId!))
    .$if(filter.workerId !== undefined, (query) => query.where((eb) => eb.or([eb('allocation.keyworker_user_id', '=', filter.workerId!), eb('allocation.lead_clinician_user_id', '=', filter.workerId!)])))
}

/** One page of a caseload, sorted in SQL (a hidden name sorts as no name, so the order gives nothing away), and how many match. */
export async function caseloadPage(tx: Reader, scope: Scope, owner: CaseloadOwner, filter: CaseloadFilter): Promise<{ rows: CaseloadRow[]; total: number }> {
  const direction = filter.order
  const rows = await filtered(tx, owner, filter)
    .select((eb) => [
      'allocation.id',
      'allocation.referral_id',
      'allocation.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'service.name as service_name',
      'service_element.id as element_id',
      'service_element.name as element_name',
      'allocation.keyworker_user_id',
      'keyworker.display_name as keyworker_name',
      'allocation.lead_clinician_user_id',
      'lead_clinician.display_name as lead_clinician_name',
      'allocation.status',
      'allocation.started_at',
      'allocation.ended_at',
      'allocation.ended_reason',
      'allocation.over_capacity_reason',
    ])
    .$if(filter.sort === 'person', (query) => query.orderBy('family_name', direction).orderBy('given_name', direction))
    .$if(filter.sort === 'started', (query) => query.orderBy('allocation.started_at', direction))
    .$if(filter.sort === 'element', (query) => query.orderBy('service.name', direction).orderBy('service_element.position', direction).orderBy('service_element.name', direction))
    .orderBy('allocation.id', direction)
    .limit(pageSize)
    .offset((filter.page - 1) * pageSize)
    .execute()
  const counted = await filtered(tx, owner, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  return {
    rows: rows.map(({ over_capacity_reason, ...row }) => ({ ...row, over_capacity: over_capacity_reason !== null })),
    total: Number(counted.count),
  }
}

export interface CaseloadElement {
  id: string
  name: string
  service_name: string
  capacity: number | null
  /** Active allocations in the element, whoever holds them. */
  taken: number
  /** Active allocations in the element within this caseload. */
  in_caseload: number
}

/**
 * Places per element: every element of the team's service (full or empty), and any other
 * element where this caseload holds a place, each with its capacity and places taken.
 */
export async function caseloadElements(tx: Reader, owner: CaseloadOwner): Promise<CaseloadElement[]> {
  const held = caseloadQuery(tx, owner).where('allocation.status', '=', 'active').select('allocation.service_element_id')
  const rows = await tx
    .selectFrom('service_element')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .select((eb) => [
      'service_element.id',
      'service_element.name',
      'service.name as service_name',
      'service_element.capacity',
      eb.selectFrom('allocation').select(eb.fn.countAll<number>().as('count')).whereRef('allocation.service_element_id', '=', 'service_element.id').where('allocation.status', '=', 'active').as('taken'),
      eb
        .selectFrom(held.as('held'))
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('held.service_element_id', '=', 'service_element.id')
        .as('in_caseload'),
    ])
    .where((eb) => eb.or([...(owner.kind === 'team' && owner.serviceId !== null ? [eb('service_element.service_id', '=', owner.serviceId)] : []), eb('service_element.id', 'in', held)]))
    .orderBy('service.name')
    .orderBy('service_element.position')
    .orderBy('service_element.id')
    .execute()
  return rows.map((row) => ({ ...row, capacity: row.capacity === null ? null : Number(row.capacity), taken: Number(row.taken ?? 0), in_caseload: Number(row.in_caseload ?? 0) }))
}

export interface WorkerCount {
  id: string
  display_name: string
  as_keyworker: number
  as_lead_clinician: number
}

/** Each member of the team, by name, with the active places they hold as keyworker and as lead clinician. */
export async function teamWorkerCounts(tx: Reader, teamId: string): Promise<WorkerCount[]> {
  const count = (column: 'keyworker_user_id' | 'lead_clinician_user_id') => (eb: ExpressionBuilder<Database, 'staff_user'>) =>
    eb.selectFrom('allocation').select(eb.fn.countAll<number>().as('count')).whereRef(`allocation.${column}`, '=', 'staff_user.id').where('allocation.status', '=', 'active')
  const rows = await tx
    .selectFrom('team_membership')
    .innerJoin('staff_user', 'staff_user.id', 'team_membership.user_id')
    .select((eb) => ['staff_user.id', 'staff_user.display_name', count('keyworker_user_id')(eb).as('as_keyworker'), count('lead_clinician_user_id')(eb).as('as_lead_clinician')])
    .where('team_membership.team_id', '=', teamId)
    .where('staff_user.status', '=', 'active')
    .orderBy('staff_user.display_name')
    .orderBy('staff_user.id')
    .execute()
  return rows.map((row) => ({ ...row, as_keyworker: Number(row.as_keyworker ?? 0), as_lead_clinician: Number(row.as_lead_clinician ?? 0) }))
}

export interface TeamRow {
  id: string
  name: string
  service_id: string | null
  service_name: string | null
}

/** The team, when the caller is a member of it. */
export function ownTeam(tx: Reader, scope: Scope, teamId: string): Promise<TeamRow | undefined> {
  if (!scope.teamIds.includes(teamId)) return Promise.resolve(undefined)
  return tx.selectFrom('team').leftJoin('service', 'service.id', 'team.service_id').select(['team.id', 'team.name', 'team.service_id', 'service.name as service_name']).where('team.id', '=', teamId).executeTakeFirst()
}

/** The caller's own teams, by name, for links to their caseloads and waiting lists. */
export function ownTeams(tx: Reader, scope: Scope): Promise<TeamRow[]> {
  if (scope.teamIds.length === 0) return Promise.resolve([])
  return tx
    .selectFrom('team')
    .leftJoin('service', 'service.id', 'team.service_id')
    .select(['team.id', 'team.name', 'team.service_id', 'service.name as service_name'])
    .where('team.id', 'in', scope.teamIds)
    .orderBy('team.name')
    .orderBy('team.id')
    .execute()
}

/** The first of the caller's teams (by name) delivering the service. */
export function ownServiceTeam(tx: Reader, scope: Scope, serviceId: string): Promise<{ id: string } | undefined> {
  if (scope.teamIds.length === 0) return Promise.resolve(undefined)
  return tx.selectFrom('team').select('id').where('service_id', '=', serviceId).where('id', 'in', scope.teamIds).orderBy('name').orderBy('id').executeTakeFirst()
}

export interface AllocationRecord {
  id: string
  referral_id: string
  person_id: string
  element_id: string
  element_name: string
  keyworker_user_id: string | null
  lead_clinician_user_id: string | null
  status: 'active' | 'ended'
  started_at: string
  over_capacity_reason: string | null
}

/** An allocation just made by this request, for the API's answer (ids and the element's name: no personal details). */
export function allocationRecord(tx: Reader, allocationId: string): Promise<AllocationRecord | undefined> {
  return tx
    .selectFrom('allocation')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .select([
      'allocation.id',
      'allocation.referral_id',
      'allocation.person_id',
      'service_element.id as element_id',
      'service_element.name as element_name',
      'allocation.keyworker_user_id',
      'allocation.lead_clinician_user_id',
      'allocation.status',
      'allocation.started_at',
      'allocation.over_capacity_reason',
    ])
    .where('allocation.id', '=', allocationId)
    .executeTakeFirst()
}
