import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { deliveredByTeams, personVisibleTo, visiblePersonName, type Scope } from '../../platform/auth/scope.ts'
import type { Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { StorageKind } from '../../platform/files/index.ts'
import { storedEligibilityRule, type EligibilityRule } from '../services/index.ts'
import { editableStatuses, referralStatuses, type ReferralStatus, type ServiceReferrers, type Side } from './rules.ts'

type ReferralTables = Database & { referral: Database['referral'] }

/** The referrer side: the referring user, or a member of the team they referred from. */
function onReferrerSide(scope: Scope) {
  return (eb: ExpressionBuilder<ReferralTables, 'referral'>): Expression<SqlBool> =>
    eb.or([
      eb('referral.referrer_user_id', '=', scope.userId),
      ...(scope.teamIds.length === 0 ? [] : [eb('referral.referrer_team_id', 'in', scope.teamIds)]),
    ])
}

/**
 * The service side: a member of a team delivering the service referred to, once the referral
 * has been submitted (a draft, even one withdrawn unsent, stays the referrer's own).
 */
function onServiceSide(scope: Scope) {
  return (eb: ExpressionBuilder<ReferralTables, 'referral'>): Expression<SqlBool> =>
    eb.and([eb('referral.referred_at', 'is not', null), deliveredByTeams(scope.teamIds, 'referral.service_id')])
}

/** The row-level rule for referrals, as one SQL condition: either side sees the referral, nobody else. */
export function referralVisibleTo(scope: Scope) {
  return (eb: ExpressionBuilder<ReferralTables, 'referral'>): Expression<SqlBool> => eb.or([onReferrerSide(scope)(eb), onServiceSide(scope)(eb)])
}

export interface ReferralInScope {
  id: string
  person_id: string
  service_id: string
  status: ReferralStatus
  referrer_user_id: string
  referred_at: string | null
  /** What the eligibility rules read from the referral. */
  sentence_end_on: string | null
  risk_of_serious_harm: string | null
  version: number
  sides: Side[]
}

/** The referral if the caller is on either side of it, with the sides they are on (worked out in the same query). */
export async function findReferralInScope(tx: Tx, scope: Scope, referralId: string): Promise<ReferralInScope | undefined> {
  const row = await tx
    .selectFrom('referral')
    .select((eb) => [
      'referral.id',
      'referral.person_id',
      'referral.service_id',
      'referral.status',
      'referral.referrer_user_id',
      'referral.referred_at',
      'referral.sentence_end_on',
      'referral.risk_of_serious_harm',
      'referral.version',
      eb.case().when(onReferrerSide(scope)(eb)).then(1).else(0).end().as('referrer_side'),
      eb.case().when(onServiceSide(scope)(eb)).then(1).else(0).end().as('service_side'),
    ])
    .where('referral.id', '=', referralId)
    .where(referralVisibleTo(scope))
    .executeTakeFirst()
  if (!row) return undefined
  const { referrer_side, service_side, ...referral } = row
  const sides: Side[] = []
  if (Number(referrer_side) === 1) sides.push('referrer')
  if (Number(service_side) === 1) sides.push('service')
  return { ...referral, status: referral.status as ReferralStatus, version: Number(referral.version), sides }
}

export interface StatusChange {
  referralId: string
  from: ReferralStatus
  to: ReferralStatus
  version: number
  reason: string | null
  note: string | null
  byUserId: string
  byOrganisationId: string
  at: string
  /** Set on the first submission: waiting time counts from it. */
  referredAt?: string
  decidedAt?: string
  /** Why the referral was accepted although an eligibility rule was not met. */
  eligibilityOverrideReason?: string
}

/**
 * Moves the status only if nobody else moved it since it was read (same status and
 * version), and records the transition. False when the referral had changed meanwhile.
 */
export async function changeStatus(tx: Tx, change: StatusChange): Promise<boolean> {
  const result = await tx
    .updateTable('referral')
    .set({
      status: change.to,
      version: change.version + 1,
      updated_at: change.at,
      ...(change.referredAt ? { referred_at: change.referredAt } : {}),
      ...(change.decidedAt ? { decided_at: change.decidedAt } : {}),
      ...(change.eligibilityOverrideReason ? { eligibility_override_reason: change.eligibilityOverrideReason } : {}),
    })
    .where('id', '=', change.referralId)
    .where('status', '=', change.from)
    .where('version', '=', change.version)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return false
  await tx
    .insertInto('referral_transition')
    .values({
      id: newId(),
      referral_id: change.referralId,
      from_status: change.from,
      to_status: change.to,
      reason: change.reason,
      note: change.note,
      by_user_id: change.byUserId,
      by_organisation_id: change.byOrganisationId,
      occurred_at: change.at,
    })
    .execute()
  return true
}

/** The teams delivering a service: they receive its referrals. */
export async function serviceTeamIds(tx: Tx, serviceId: string): Promise<string[]> {
  const rows = await tx.selectFrom('team').select('id').where('service_id', '=', serviceId).orderBy('id').execute()
  return rows.map((row) => row.id)
}

/**
 * Opens an involvement for each receiving team that has none for this referral yet, so
 * that the person is in the receiving service's scope while it considers the referral.
 */
export async function openReferralInvolvements(tx: Tx, referral: { id: string; person_id: string }, teamIds: readonly string[], openedBy: string, today: string): Promise<void> {
  if (teamIds.length === 0) return
  const existing = await tx.selectFrom('involvement').select('team_id').where('referral_id', '=', referral.id).where('status', '=', 'open').execute()
  const missing = teamIds.filter((teamId) => !existing.some((row) => row.team_id === teamId))
  if (missing.length === 0) return
  await tx
    .insertInto('involvement')
    .values(missing.map((teamId) => ({ id: newId(), person_id: referral.person_id, team_id: teamId, status: 'open' as const, started_on: today, referral_id: referral.id, opened_by: openedBy })))
    .execute()
}

/** Closes the involvements a referral opened, when it ends without the person being taken on. */
export async function closeReferralInvolvements(tx: Tx, referralId: string, closedBy: string, today: string, reason: string): Promise<void> {
  await tx
    .updateTable('involvement')
    .set({ status: 'closed', ended_on: today, closed_reason: reason, closed_by: closedBy })
    .where('referral_id', '=', referralId)
    .where('status', '=', 'open')
    .execute()
}

export interface NewNotification {
  kind: string
  referralId: string
  userId?: string
  teamIds?: readonly string[]
}

/** In-app notifications (to a user, or to each team), and for a user an outbox message for the e-mail sender to drain. */
export async function notify(tx: Tx, notification: NewNotification): Promise<void> {
  const rows = [
    ...(notification.userId ? [{ id: newId(), user_id: notification.userId, team_id: null, kind: notification.kind, referral_id: notification.referralId }] : []),
    ...(notification.teamIds ?? []).map((teamId) => ({ id: newId(), user_id: null, team_id: teamId, kind: notification.kind, referral_id: notification.referralId })),
  ]
  if (rows.length === 0) return
  await tx.insertInto('notification').values(rows).execute()
  if (notification.userId) {
    // Only what to say and where to look: the message itself holds no personal data.
    await tx
      .insertInto('outbox_message')
      .values({ id: newId(), recipient_user_id: notification.userId, channel: 'email', template: notification.kind, parameters: jsonValue({ referralId: notification.referralId }) })
      .execute()
  }
}

export async function addTimelineEvent(tx: Tx, event: { personId: string; occurredAt: string; kind: string; organisationId: string; referralId: string; recordedBy: string; details: Record<string, unknown> }): Promise<void> {
  await tx
    .insertInto('person_timeline_event')
    .values({
      id: newId(),
      person_id: event.personId,
      occurred_at: event.occurredAt,
      kind: event.kind,
      data_category: 'referral',
      organisation_id: event.organisationId,
      record_type: 'referral',
      record_id: event.referralId,
      details: jsonValue(event.details),
      recorded_by: event.recordedBy,
    })
    .execute()
}

// Making a referral ----------------------------------------------------------------------------

/** The person a new referral is about, when in the caller's scope and not merged into another record. */
export function personForReferral(tx: Tx, scope: Scope, personId: string): Promise<{ id: string; given_name: string; family_name: string } | undefined> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name'])
    .where('person.id', '=', personId)
    .where('person.merged_into_id', 'is', null)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

/** The caller's teams, one of which a new referral is made from. */
export function teamsOfCaller(tx: Tx, scope: Scope): Promise<Array<{ id: string; name: string }>> {
  if (scope.teamIds.length === 0) return Promise.resolve([])
  return tx.selectFrom('team').select(['id', 'name']).where('id', 'in', scope.teamIds).orderBy('name').orderBy('id').execute()
}

export interface ReferableService {
  id: string
  name: string
  provider: string
  elements: Array<{ id: string; name: string }>
  referrers: ServiceReferrers
}

/** Every public service with its elements and who it takes referrals from (the directory is public data). */
export async function publicServicesForReferral(tx: Tx): Promise<ReferableService[]> {
  const services = await tx
    .selectFrom('service')
    .innerJoin('organisation', 'organisation.id', 'service.organisation_id')
    .select(['service.id', 'service.name', 'organisation.name as provider'])
    .where('service.is_public', '=', true)
    .orderBy('service.name')
    .orderBy('service.id')
    .execute()
  const ids = services.map((service) => service.id)
  if (ids.length === 0) return []
  const [elements, roles, types] = await Promise.all([
    tx.selectFrom('service_element').select(['id', 'service_id', 'name']).where('service_id', 'in', ids).orderBy('position').orderBy('id').execute(),
    tx.selectFrom('service_referrer_role').select(['service_id', 'role']).where('service_id', 'in', ids).execute(),
    tx.selectFrom('service_referrer_organisation_type').select(['service_id', 'organisation_type']).where('service_id', 'in', ids).execute(),
  ])
  return services.map((service) => ({
    ...service,
    elements: elements.filter((element) => element.service_id === service.id).map(({ id, name }) => ({ id, name })),
    referrers: {
      roles: roles.filter((row) => row.service_id === service.id).map((row) => row.role),
      organisationTypes: types.filter((row) => row.service_id === service.id).map((row) => row.organisation_type),
    },
  }))
}

/** The referral's answers as stored: the columns the form writes. */
export interface ReferralColumns {
  service_id: string
  service_element_id: string | null
  referrer_role: string
  reasons: string | null
  risk_summary: string | null
  needs_summary: string | null
  risk_of_serious_harm: string | null
  sentence_end_on: string | null
  legal_basis: string | null
  consent_given_on: string | null
  urgency: string
  priority: number
}

export async function insertReferral(tx: Tx, referral: ReferralColumns & { person_id: string; referrer_user_id: string; referrer_organisation_id: string; referrer_team_id: string | null; at: string }): Promise<string> {
  const id = newId()
  const { at, ...columns } = referral
  await tx.insertInto('referral').values({ id, ...columns, status: 'draft', created_at: at, updated_at: at }).execute()
  return id
}

/** Changes the answers if the referral is still at `version` and in a status that takes changes; false otherwise. */
export async function updateReferralAnswers(tx: Tx, referralId: string, version: number, columns: ReferralColumns, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('referral')
    .set({ ...columns, version: version + 1, updated_at: at })
    .where('id', '=', referralId)
    .where('version', '=', version)
    .where('status', 'in', editableStatuses)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

// Reading a referral ---------------------------------------------------------------------------

export interface ReferralDetail extends ReferralColumns {
  id: string
  person_id: string
  /** Null when the caller may not open the person's record (a restricted record without a grant). */
  given_name: string | null
  family_name: string | null
  service_name: string
  element_name: string | null
  status: ReferralStatus
  referrer_user_id: string
  referrer_name: string
  referrer_organisation_name: string
  referrer_team_id: string | null
  eligibility_override_reason: string | null
  referred_at: string | null
  decided_at: string | null
  created_at: string
  updated_at: string
  version: number
  sides: Side[]
}

/**
 * The whole referral with the names it shows, if the caller is on either side of it (worked
 * out in the same query). The person's name follows the person's own rule, as in the lists.
 */
export async function findReferralDetail(tx: Tx, scope: Scope, referralId: string): Promise<ReferralDetail | undefined> {
  const row = await tx
    .selectFrom('referral')
    .innerJoin('person as listed_person', 'listed_person.id', 'referral.person_id')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .leftJoin('service_element', 'service_element.id', 'referral.service_element_id')
    .innerJoin('staff_user as referrer', 'referrer.id', 'referral.referrer_user_id')
    .innerJoin('organisation as referrer_organisation', 'referrer_organisation.id', 'referral.referrer_organisation_id')
    .selectAll('referral')
    .select((eb) => [
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'service.name as service_name',
      'service_element.name as element_name',
      'referrer.display_name as referrer_name',
      'referrer_organisation.name as referrer_organisation_name',
      eb.case().when(onReferrerSide(scope)(eb)).then(1).else(0).end().as('referrer_side'),
      eb.case().when(onServiceSide(scope)(eb)).then(1).else(0).end().as('service_side'),
    ])
    .where('referral.id', '=', referralId)
    .where(referralVisibleTo(scope))
    .executeTakeFirst()
  if (!row) return undefined
  const { referrer_side, service_side, ...referral } = row
  const sides: Side[] = []
  if (Number(referrer_side) === 1) sides.push('referrer')
  if (Number(service_side) === 1) sides.push('service')
  return { ...referral, status: referral.status as ReferralStatus, version: Number(referral.version), priority: Number(referral.priority), sides }
}

export interface HistoryRow {
  id: string
  from_status: string | null
  to_status: string
  reason: string | null
  note: string | null
  by_name: string
  organisation_name: string
  occurred_at: string
}

/** Every move of the referral, oldest first, with who made it and for which organisation. */
export function historyOf(tx: Tx, referralId: string): Promise<HistoryRow[]> {
  return tx
    .selectFrom('referral_transition')
    .innerJoin('staff_user', 'staff_user.id', 'referral_transition.by_user_id')
    .innerJoin('organisation', 'organisation.id', 'referral_transition.by_organisation_id')
    .select([
      'referral_transition.id',
      'referral_transition.from_status',
      'referral_transition.to_status',
      'referral_transition.reason',
      'referral_transition.note',
      'staff_user.display_name as by_name',
      'organisation.name as organisation_name',
      'referral_transition.occurred_at',
    ])
    .where('referral_transition.referral_id', '=', referralId)
    .orderBy('referral_transition.occurred_at')
    .orderBy('referral_transition.id')
    .execute()
}

export interface NoteRow {
  id: string
  text: string
  author_name: string
  organisation_name: string
  created_at: string
}

/** The receiving service's notes, newest first. Callers show them to the service side only. */
export function notesOf(tx: Tx, referralId: string): Promise<NoteRow[]> {
  return tx
    .selectFrom('referral_note')
    .innerJoin('staff_user', 'staff_user.id', 'referral_note.author_user_id')
    .innerJoin('organisation', 'organisation.id', 'referral_note.author_organisation_id')
    .select(['referral_note.id', 'referral_note.text', 'staff_user.display_name as author_name', 'organisation.name as organisation_name', 'referral_note.created_at'])
    .where('referral_note.referral_id', '=', referralId)
    .orderBy('referral_note.created_at', 'desc')
    .orderBy('referral_note.id', 'desc')
    .execute()
}

export async function addNote(tx: Tx, note: { referralId: string; text: string; authorUserId: string; authorOrganisationId: string; at: string }): Promise<string> {
  const id = newId()
  await tx
    .insertInto('referral_note')
    .values({ id, referral_id: note.referralId, text: note.text, author_user_id: note.authorUserId, author_organisation_id: note.authorOrganisationId, created_at: note.at })
    .execute()
  return id
}

/** The place the referral holds now, if any (the allocations module keeps them), with its workers' names. */
export function activePlaceOf(tx: Tx, referralId: string): Promise<{ id: string; element_name: string; keyworker_name: string | null; lead_clinician_name: string | null; started_at: string } | undefined> {
  return tx
    .selectFrom('allocation')
    .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
    .leftJoin('staff_user as keyworker', 'keyworker.id', 'allocation.keyworker_user_id')
    .leftJoin('staff_user as lead_clinician', 'lead_clinician.id', 'allocation.lead_clinician_user_id')
    .select(['allocation.id', 'service_element.name as element_name', 'keyworker.display_name as keyworker_name', 'lead_clinician.display_name as lead_clinician_name', 'allocation.started_at'])
    .where('allocation.referral_id', '=', referralId)
    .where('allocation.status', '=', 'active')
    .executeTakeFirst()
}

// Supporting documents --------------------------------------------------------------------------

export interface AttachmentRow {
  id: string
  title: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  storage: StorageKind
  storage_key: string
  uploaded_at: string
}

const attachmentColumns = ['id', 'title', 'file_name', 'media_type', 'size_bytes', 'sha256', 'storage', 'storage_key', 'uploaded_at'] as const

export async function attachmentsOf(tx: Tx, referralId: string): Promise<AttachmentRow[]> {
  const rows = await tx.selectFrom('referral_attachment').select(attachmentColumns).where('referral_id', '=', referralId).where('removed_at', 'is', null).orderBy('uploaded_at').orderBy('id').execute()
  return rows.map((row) => ({ ...row, size_bytes: Number(row.size_bytes) }))
}

export async function findAttachment(tx: Tx, referralId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const row = await tx
    .selectFrom('referral_attachment')
    .select(attachmentColumns)
    .where('referral_id', '=', referralId)
    .where('id', '=', attachmentId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return row && { ...row, size_bytes: Number(row.size_bytes) }
}

export async function addAttachment(tx: Tx, attachment: Omit<AttachmentRow, 'id' | 'uploaded_at'> & { referral_id: string; uploaded_by: string; uploaded_at: string }): Promise<string> {
  const id = newId()
  await tx.insertInto('referral_attachment').values({ id, ...attachment }).execute()
  return id
}

/** Marks a document removed: its row stays, for the trail. False when there was none to remove. */
export async function removeAttachment(tx: Tx, referralId: string, attachmentId: string, at: string): Promise<boolean> {
  const result = await tx.updateTable('referral_attachment').set({ removed_at: at }).where('referral_id', '=', referralId).where('id', '=', attachmentId).where('removed_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

// Eligibility ----------------------------------------------------------------------------------

export interface EligibilityInputs {
  rules: EligibilityRule[]
  person: { date_of_birth: string | null; sex: string | null; location_area: string | null }
  managingOrganisations: Array<{ id: string; name: string }>
  /** Names of the organisations the service's region rules name, for describing them. */
  organisationNames: Map<string, string>
}

/** What the eligibility panel weighs: the service's rules, and what is recorded of the person. */
export async function eligibilityInputs(tx: Tx, referral: { service_id: string; person_id: string }): Promise<EligibilityInputs> {
  const [ruleRows, person, managing] = await Promise.all([
    tx.selectFrom('service_eligibility_rule').select(['kind', 'parameters']).where('service_id', '=', referral.service_id).orderBy('position').orderBy('id').execute(),
    tx.selectFrom('person').select(['date_of_birth', 'sex', 'location_area']).where('id', '=', referral.person_id).executeTakeFirstOrThrow(),
    tx
      .selectFrom('involvement')
      .innerJoin('team', 'team.id', 'involvement.team_id')
      .innerJoin('organisation', 'organisation.id', 'team.organisation_id')
      .select(['organisation.id', 'organisation.name'])
      .distinct()
      .where('involvement.person_id', '=', referral.person_id)
      .where('involvement.status', '=', 'open')
      .orderBy('organisation.name')
      .execute(),
  ])
  // A stored rule that no longer reads as a rule is left out, as the service's public page leaves it out.
  const rules = ruleRows.map((row) => storedEligibilityRule(row.kind, row.parameters)).filter((rule): rule is EligibilityRule => rule !== null)
  const named = [...new Set(rules.flatMap((rule) => (rule.kind === 'region' ? rule.organisationIds : [])))]
  const organisations = named.length === 0 ? [] : await tx.selectFrom('organisation').select(['id', 'name']).where('id', 'in', named).execute()
  return { rules, person, managingOrganisations: managing, organisationNames: new Map(organisations.map((row) => [row.id, row.name])) }
}

// Lists ------------------------------------------------------------------------------------------

export const listPageSize = 25

export interface ListedReferral {
  id: string
  person_id: string
  given_name: string | null
  family_name: string | null
  service_id: string
  service_name: string
  service_element_id: string | null
  element_name: string | null
  status: ReferralStatus
  urgency: string
  referred_at: string | null
  created_at: string
  updated_at: string
}

export type ListSort = 'referred' | 'status' | 'person' | 'service'

export interface ListFilter {
  status?: ReferralStatus | undefined
  serviceId?: string | undefined
  sort: ListSort
  order: 'asc' | 'desc'
  page: number
}

/** Statuses in the order of the journey, for sorting by status. */
const statusOrder = sql<number>`case referral.status ${sql.join(referralStatuses.map((status, index) => sql`when ${status} then ${sql.lit(index)}`), sql` `)} end`

function listedReferrals(tx: Tx) {
  return tx
    .selectFrom('referral')
    .innerJoin('person as listed_person', 'listed_person.id', 'referral.person_id')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .leftJoin('service_element', 'service_element.id', 'referral.service_element_id')
}

type ListQuery = ReturnType<typeof listedReferrals>

async function listPage(query: ListQuery, scope: Scope, filter: ListFilter): Promise<{ rows: ListedReferral[]; total: number }> {
  const filtered = query
    .$if(filter.status !== undefined, (narrowed) => narrowed.where('referral.status', '=', filter.status!))
    .$if(filter.serviceId !== undefined, (narrowed) => narrowed.where('referral.service_id', '=', filter.serviceId!))
  const direction = filter.order
  // A draft has not been referred yet: it sorts by when it was started.
  const referred = sql`coalesce(referral.referred_at, referral.created_at)`
  const rows = await filtered
    .select((eb) => [
      'referral.id',
      'referral.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
      'referral.service_id',
      'service.name as service_name',
      'referral.service_element_id',
      'service_element.name as element_name',
      'referral.status',
      'referral.urgency',
      'referral.referred_at',
      'referral.created_at',
      'referral.updated_at',
    ])
    .$if(filter.sort === 'referred', (sorted) => sorted.orderBy(referred, direction))
    .$if(filter.sort === 'status', (sorted) => sorted.orderBy(statusOrder, direction).orderBy(referred, 'asc'))
    .$if(filter.sort === 'person', (sorted) => sorted.orderBy('listed_person.family_name', direction).orderBy('listed_person.given_name', direction))
    .$if(filter.sort === 'service', (sorted) => sorted.orderBy('service.name', direction).orderBy(referred, 'asc'))
    .orderBy('referral.id')
    .limit(listPageSize)
    .offset((filter.page - 1) * listPageSize)
    .execute()
  const counted = await filtered.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  return { rows: rows.map((row) => ({ ...row, status: row.status as ReferralStatus })), total: Number(counted.count) }
}

/** A page of the referrals the caller made, and how many match. */
export function myReferralsPage(tx: Tx, scope: Scope, filter: ListFilter) {
  return listPage(listedReferrals(tx).where('referral.referrer_user_id', '=', scope.userId), scope, filter)
}

/** The services the caller has referred to, for the filter. */
export function servicesReferredTo(tx: Tx, scope: Scope): Promise<Array<{ id: string; name: string }>> {
  return tx
    .selectFrom('service')
    .select(['service.id', 'service.name'])
    .where((eb) => eb.exists(eb.selectFrom('referral').select(sql`1`.as('one')).whereRef('referral.service_id', '=', 'service.id').where('referral.referrer_user_id', '=', scope.userId)))
    .orderBy('service.name')
    .execute()
}

/** The services the caller's teams deliver: their inbox. */
export function servicesOfTeams(tx: Tx, scope: Scope): Promise<Array<{ id: string; name: string }>> {
  if (scope.teamIds.length === 0) return Promise.resolve([])
  return tx
    .selectFrom('service')
    .select(['service.id', 'service.name'])
    .where(deliveredByTeams(scope.teamIds, 'service.id'))
    .orderBy('service.name')
    .execute()
}

/** A page of the referrals in `statuses` to the given services (the caller's teams'), and how many match. */
export function inboxPage(tx: Tx, scope: Scope, serviceIds: readonly string[], statuses: readonly ReferralStatus[], filter: ListFilter) {
  return listPage(
    listedReferrals(tx)
      .where('referral.service_id', 'in', serviceIds)
      .where('referral.status', 'in', statuses)
      // The inbox is the service side's: only what its members may see (submitted at least once).
      .where(referralVisibleTo(scope)),
    scope,
    filter,
  )
}

/** How many referrals are in each of `statuses` for the given services (and service filter). */
export async function inboxCounts(tx: Tx, scope: Scope, serviceIds: readonly string[], statuses: readonly ReferralStatus[]): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('referral')
    .select((eb) => ['referral.status', eb.fn.countAll<number>().as('count')])
    .where('referral.service_id', 'in', serviceIds)
    .where('referral.status', 'in', statuses)
    .where(referralVisibleTo(scope))
    .groupBy('referral.status')
    .execute()
  return new Map(rows.map((row) => [row.status, Number(row.count)]))
}
