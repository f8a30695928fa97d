import { caseHeldBy, deliveredByTeams, personVisibleTo, visiblePersonName, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { OutcomeAnswer } from './rules.ts'

/*
 * All SQL of contacts. A contact is one event in an element of a service; each person it is
 * for is an attendee row naming their case. Reading through a case relies on the case
 * having been found in scope (casework's findCaseView); the service side (group sessions,
 * attendance) is a member of a team delivering the service, checked here in SQL, and names
 * a person only where the caller's scope reaches them.
 */

type Reader = Db | Tx

/** Rows per page of a case's contacts. */
export const pageSize = 25

// A case's contacts --------------------------------------------------------------------------

export interface CaseContactRow {
  id: string
  kind: string
  title: string | null
  service_element_id: string
  occurs_at: string
  duration_minutes: number | null
  location: string | null
  follow_up: string | null
  /** This person's outcome; null while planned. */
  outcome: string | null
  cancelled_by: string | null
  outcome_reason: string | null
  /** How many people the contact is for, and how many of them attended: counts, never who. */
  attendee_count: number
  attended_count: number
  recorded_by_name: string | null
}

/** One page of the contacts of the case, newest first (planned ones, still to come, lead), and how many there are. */
export async function caseContactsPage(tx: Reader, allocationId: string, page: number): Promise<{ rows: CaseContactRow[]; total: number }> {
  const rows = await tx
    .selectFrom('contact_attendee')
    .innerJoin('contact', 'contact.id', 'contact_attendee.contact_id')
    .leftJoin('staff_user', 'staff_user.id', 'contact.recorded_by')
    .select((eb) => [
      'contact.id',
      'contact.kind',
      'contact.title',
      'contact.service_element_id',
      'contact.occurs_at',
      'contact.duration_minutes',
      'contact.location',
      'contact.follow_up',
      'contact_attendee.outcome',
      'contact_attendee.cancelled_by',
      'contact_attendee.outcome_reason',
      eb.selectFrom('contact_attendee as everyone').select(eb.fn.countAll<number | string>().as('count')).whereRef('everyone.contact_id', '=', 'contact.id').as('attendee_count'),
      eb.selectFrom('contact_attendee as everyone').select(eb.fn.countAll<number | string>().as('count')).whereRef('everyone.contact_id', '=', 'contact.id').where('everyone.outcome', '=', 'attended').as('attended_count'),
      'staff_user.display_name as recorded_by_name',
    ])
    .where('contact_attendee.allocation_id', '=', allocationId)
    .orderBy('contact.occurs_at', 'desc')
    .orderBy('contact.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const counted = await tx.selectFrom('contact_attendee').select((eb) => eb.fn.countAll<number | string>().as('count')).where('allocation_id', '=', allocationId).executeTakeFirstOrThrow()
  return {
    rows: rows.map((row) => ({ ...row, duration_minutes: row.duration_minutes === null ? null : Number(row.duration_minutes), attendee_count: Number(row.attendee_count ?? 0), attended_count: Number(row.attended_count ?? 0) })),
    total: Number(counted.count),
  }
}

export interface CaseContact {
  id: string
  kind: string
  title: string | null
  service_element_id: string
  occurs_at: string
  duration_minutes: number | null
  location: string | null
  follow_up: string | null
  attendee_id: string
  outcome: string | null
  cancelled_by: string | null
  outcome_reason: string | null
}

/** A contact of this case (undefined for one of another case), with this person's outcome. */
export async function caseContact(tx: Reader, allocationId: string, contactId: string): Promise<CaseContact | undefined> {
  const row = await tx
    .selectFrom('contact_attendee')
    .innerJoin('contact', 'contact.id', 'contact_attendee.contact_id')
    .select(['contact.id', 'contact.kind', 'contact.title', 'contact.service_element_id', 'contact.occurs_at', 'contact.duration_minutes', 'contact.location', 'contact.follow_up', 'contact_attendee.id as attendee_id', 'contact_attendee.outcome', 'contact_attendee.cancelled_by', 'contact_attendee.outcome_reason'])
    .where('contact_attendee.allocation_id', '=', allocationId)
    .where('contact_attendee.contact_id', '=', contactId)
    .executeTakeFirst()
  return row && { ...row, duration_minutes: row.duration_minutes === null ? null : Number(row.duration_minutes) }
}

/** The community-pathway tier the case is in now, or null. */
export async function currentTierOf(tx: Reader, allocationId: string): Promise<string | null> {
  const row = await tx.selectFrom('case_tier').select('tier').where('allocation_id', '=', allocationId).where('ended_on', 'is', null).orderBy('started_on', 'desc').orderBy('id', 'desc').executeTakeFirst()
  return row?.tier ?? null
}

// Writing --------------------------------------------------------------------------------------

export interface NewContact {
  kind: string
  elementId: string
  title: string | null
  occursAt: string
  durationMinutes: number
  location: string | null
  followUp: string | null
  recordedBy: string
}

export interface NewAttendee {
  allocationId: string
  personId: string
  outcome: OutcomeAnswer
}

/** One contact and an attendee row per person it is for; returns the contact's id. */
export async function insertContact(tx: Tx, contact: NewContact, attendees: readonly NewAttendee[]): Promise<string> {
  const id = newId()
  await tx
    .insertInto('contact')
    .values({ id, kind: contact.kind, service_element_id: contact.elementId, title: contact.title, occurs_at: contact.occursAt, duration_minutes: contact.durationMinutes, location: contact.location, follow_up: contact.followUp, recorded_by: contact.recordedBy })
    .execute()
  await tx
    .insertInto('contact_attendee')
    .values(attendees.map((attendee) => ({ id: newId(), contact_id: id, allocation_id: attendee.allocationId, person_id: attendee.personId, outcome: attendee.outcome.outcome, cancelled_by: attendee.outcome.cancelledBy, outcome_reason: attendee.outcome.reason })))
    .execute()
  return id
}

/** Records an attendee's outcome while it is still planned; false when someone recorded it first. */
export async function recordAttendeeOutcome(tx: Tx, attendeeId: string, answer: OutcomeAnswer): Promise<boolean> {
  const result = await tx.updateTable('contact_attendee').set({ outcome: answer.outcome, cancelled_by: answer.cancelledBy, outcome_reason: answer.reason }).where('id', '=', attendeeId).where('outcome', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

// The service side: group sessions and attendance ----------------------------------------------

export interface ServiceRow {
  id: string
  name: string
}

/** The service, when one of the caller's teams delivers it. */
export function serviceDeliveredBy(tx: Reader, scope: Scope, serviceId: string): Promise<ServiceRow | undefined> {
  return tx.selectFrom('service').select(['service.id', 'service.name']).where('service.id', '=', serviceId).where(deliveredByTeams(scope.teamIds, 'service.id')).executeTakeFirst()
}

/** The elements of a service, in order. */
export function serviceElements(tx: Reader, serviceId: string): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom('service_element').select(['id', 'name']).where('service_id', '=', serviceId).orderBy('position').orderBy('id').execute()
}

export interface ElementPlace {
  allocation_id: string
  person_id: string
  /** Null where the caller's scope does not reach the person (a restricted record without a grant). */
  given_name: string | null
  family_name: string | null
}

/** The active places in an element, by name (a hidden name sorts as no name, so the order gives nothing away). */
export function elementPlaces(tx: Reader, scope: Scope, elementId: string): Promise<ElementPlace[]> {
  return tx
    .selectFrom('allocation')
    .innerJoin('person as listed_person', 'listed_person.id', 'allocation.person_id')
    .select((eb) => ['allocation.id as allocation_id', 'allocation.person_id', visiblePersonName(scope, 'given_name')(eb).as('given_name'), visiblePersonName(scope, 'family_name')(eb).as('family_name')])
    .where('allocation.service_element_id', '=', elementId)
    .where('allocation.status', '=', 'active')
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('allocation.id')
    .execute()
}

export interface ServiceContact {
  id: string
  kind: string
  title: string | null
  service_element_id: string
  element_name: string
  service_id: string
  service_name: string
  occurs_at: string
  duration_minutes: number | null
  location: string | null
  follow_up: string | null
}

/** A contact in a service one of the caller's teams delivers. */
export async function contactDeliveredBy(tx: Reader, scope: Scope, contactId: string): Promise<ServiceContact | undefined> {
  const row = await tx
    .selectFrom('contact')
    .innerJoin('service_element', 'service_element.id', 'contact.service_element_id')
    .innerJoin('service', 'service.id', 'service_element.service_id')
    .select(['contact.id', 'contact.kind', 'contact.title', 'contact.service_element_id', 'service_element.name as element_name', 'service.id as service_id', 'service.name as service_name', 'contact.occurs_at', 'contact.duration_minutes', 'contact.location', 'contact.follow_up'])
    .where('contact.id', '=', contactId)
    .where(deliveredByTeams(scope.teamIds, 'service.id'))
    .executeTakeFirst()
  return row && { ...row, duration_minutes: row.duration_minutes === null ? null : Number(row.duration_minutes) }
}

export interface AttendeeRow extends ElementPlace {
  id: string
  outcome: string | null
  cancelled_by: string | null
  outcome_reason: string | null
}

/** Everyone the contact is for, by name, each with their outcome. */
export function contactAttendees(tx: Reader, scope: Scope, contactId: string): Promise<AttendeeRow[]> {
  return tx
    .selectFrom('contact_attendee')
    .innerJoin('person as listed_person', 'listed_person.id', 'contact_attendee.person_id')
    .select((eb) => [
      'contact_attendee.id',
      'contact_attendee.allocation_id',
      'contact_attendee.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'contact_attendee.outcome',
      'contact_attendee.cancelled_by',
      'contact_attendee.outcome_reason',
    ])
    .where('contact_attendee.contact_id', '=', contactId)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('contact_attendee.allocation_id')
    .execute()
}

// Contacts due, for the tasks page ------------------------------------------------------------

export interface DueContact {
  allocationId: string
  contactId: string
  personId: string
  givenName: string
  familyName: string
  kind: string
  occursAt: string
}

/** Whose work: cases the user is keyworker or lead clinician of, and cases in services the teams deliver. */
export interface DueContactOwner {
  userId?: string | undefined
  /** Only the caller's own teams count; any other id is ignored. */
  teamIds?: readonly string[] | undefined
  /** At most this many rows, soonest first; 200 when left out. */
  limit?: number | undefined
}

/** Planned contacts (no outcome yet) of active cases in the owner's work, between two instants, of people the caller may see. */
function dueContacts(db: Reader, scope: Scope, owner: DueContactOwner, window: { from?: string; before: string }): Promise<DueContact[]> {
  const teamIds = (owner.teamIds ?? []).filter((teamId) => scope.teamIds.includes(teamId))
  if (owner.userId === undefined && teamIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('contact_attendee')
    .innerJoin('contact', 'contact.id', 'contact_attendee.contact_id')
    .innerJoin('allocation', 'allocation.id', 'contact_attendee.allocation_id')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .innerJoin('person', 'person.id', 'contact_attendee.person_id')
    .select(['allocation.id as allocationId', 'contact.id as contactId', 'person.id as personId', 'person.given_name as givenName', 'person.family_name as familyName', 'contact.kind', 'contact.occurs_at as occursAt'])
    .where('contact_attendee.outcome', 'is', null)
    .where('allocation.status', '=', 'active')
    .$if(window.from !== undefined, (query) => query.where('contact.occurs_at', '>=', window.from!))
    .where('contact.occurs_at', '<', window.before)
    .where(caseHeldBy({ userId: owner.userId, teamIds }))
    .where(personVisibleTo(scope))
    .orderBy('contact.occurs_at')
    .orderBy('contact.id')
    .orderBy('allocation.id')
    .limit(owner.limit ?? 200)
    .execute()
}

/** Planned contacts from `from` up to (not including) `to`, soonest first. */
export function upcomingContacts(db: Reader, scope: Scope, options: DueContactOwner & { from: string; to: string }): Promise<DueContact[]> {
  return dueContacts(db, scope, options, { from: options.from, before: options.to })
}

/** Contacts whose time came before `before` and still have no outcome (overdue), oldest first. */
export function contactsWithoutOutcome(db: Reader, scope: Scope, options: DueContactOwner & { before: string }): Promise<DueContact[]> {
  return dueContacts(db, scope, options, { before: options.before })
}
