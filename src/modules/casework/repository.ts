import { personVisibleTo, type DataCategory, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'

type Reader = Db | Tx

export interface CaseRow {
  id: string
  person_id: string
  given_name: string
  family_name: string
  date_of_birth: string | null
  referral_id: string
  referral_status: string
  service_id: string
  service_name: string
  organisation_id: string
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
  closing_summary: string | null
}

/** A case (allocation) whose person the caller may see; undefined otherwise, so "not found" says nothing more. */
export function findCase(tx: Reader, scope: Scope, allocationId: string): Promise<CaseRow | undefined> {
  return tx
    .selectFrom('allocation')
    .innerJoin('person', 'person.id', 'allocation.person_id')
    .innerJoin('referral', 'referral.id', 'allocation.referral_id')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .leftJoin('staff_user as keyworker', 'keyworker.id', 'allocation.keyworker_user_id')
    .leftJoin('staff_user as lead_clinician', 'lead_clinician.id', 'allocation.lead_clinician_user_id')
    .select([
      'allocation.id',
      'allocation.person_id',
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'allocation.referral_id',
      'referral.status as referral_status',
      'service.id as service_id',
      'service.name as service_name',
      'service.organisation_id',
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
      'allocation.closing_summary',
    ])
    .where('allocation.id', '=', allocationId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

export interface CaseEvent {
  personId: string
  allocationId: string
  kind: string
  category: DataCategory
  organisationId: string
  recordType: string
  recordId: string
  recordedBy: string
  at?: string
  details?: Record<string, unknown>
}

/** One line of the case's history (and of the person's timeline), seen by those who may read its category. */
export async function addCaseEvent(tx: Tx, event: CaseEvent): Promise<void> {
  await tx
    .insertInto('person_timeline_event')
    .values({
      id: newId(),
      person_id: event.personId,
      allocation_id: event.allocationId,
      occurred_at: event.at ?? new Date().toISOString(),
      kind: event.kind,
      data_category: event.category,
      organisation_id: event.organisationId,
      record_type: event.recordType,
      record_id: event.recordId,
      details: event.details === undefined ? null : jsonValue(event.details),
      recorded_by: event.recordedBy,
    })
    .execute()
}

export interface CaseHistoryRow {
  id: string
  occurred_at: string
  kind: string
  data_category: string
  record_type: string | null
  record_id: string | null
  details: Record<string, unknown> | null
  recorded_by_name: string | null
}

/** The case's history, newest first, only in the categories the caller may read (filtered in SQL). */
export function caseHistory(tx: Reader, allocationId: string, categories: ReadonlySet<DataCategory>, page: { limit: number; offset: number }): Promise<CaseHistoryRow[]> {
  return tx
    .selectFrom('person_timeline_event')
    .leftJoin('staff_user', 'staff_user.id', 'person_timeline_event.recorded_by')
    .select(['person_timeline_event.id', 'person_timeline_event.occurred_at', 'person_timeline_event.kind', 'person_timeline_event.data_category', 'person_timeline_event.record_type', 'person_timeline_event.record_id', 'person_timeline_event.details', 'staff_user.display_name as recorded_by_name'])
    .where('person_timeline_event.allocation_id', '=', allocationId)
    .where('person_timeline_event.data_category', 'in', categories.size === 0 ? ['-'] : [...categories])
    .orderBy('person_timeline_event.occurred_at', 'desc')
    .orderBy('person_timeline_event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function caseHistoryCount(tx: Reader, allocationId: string, categories: ReadonlySet<DataCategory>): Promise<number> {
  const row = await tx
    .selectFrom('person_timeline_event')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('allocation_id', '=', allocationId)
    .where('data_category', 'in', categories.size === 0 ? ['-'] : [...categories])
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The community-pathway tier the case is in now, if any. */
export function currentTier(tx: Reader, allocationId: string): Promise<{ tier: string; started_on: string } | undefined> {
  return tx.selectFrom('case_tier').select(['tier', 'started_on']).where('allocation_id', '=', allocationId).where('ended_on', 'is', null).orderBy('started_on', 'desc').executeTakeFirst()
}
