import type { InsertObject } from 'kysely'
import { codeList } from '../../platform/content/code-lists.ts'
import { insertInBatches, type Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { availableTransitions, reasonCodes, type ReferralStatus, type Side } from '../referrals/index.ts'
import type { DemoLookups } from './accounts.ts'
import type { Random } from './random.ts'
import { demoColleagues, demoReferralPlans, type Batch, type ServicePlan } from './referral-dataset.ts'

/*
 * Referrals for the demo (issue 6 point 10): every status across the seed services, each
 * history walked through the status machine; full and nearly full elements; waiting lists
 * with several people of different priorities and dates; and places with keyworkers and
 * lead clinicians among the demo accounts, so that the demo clinician and keyworker have
 * caseloads. Only seeded with the demo accounts, whose referrals and caseloads these are.
 */

const allRoles = ['clinician', 'probation_officer', 'prison_keyworker', 'liaison_diversion_practitioner', 'charity_case_worker', 'service_manager']
const bothSides: readonly Side[] = ['referrer', 'service']

/** The moves from `from` to `to` with the fewest steps, each with the side that makes it, as the status machine has them. */
function shortestHistory(from: ReferralStatus, to: ReferralStatus): Array<{ to: ReferralStatus; side: Side }> {
  const previous = new Map<ReferralStatus, { from: ReferralStatus; side: Side }>()
  const queue: ReferralStatus[] = [from]
  while (queue.length > 0 && !previous.has(to)) {
    const status = queue.shift()!
    for (const move of availableTransitions(status, allRoles, bothSides)) {
      if (move.to === from || previous.has(move.to)) continue
      previous.set(move.to, { from: status, side: move.side })
      queue.push(move.to)
    }
  }
  const steps: Array<{ to: ReferralStatus; side: Side }> = []
  for (let status = to; status !== from; ) {
    const step = previous.get(status)
    if (!step) throw new Error(`demo referrals: the status machine has no way from ${from} to ${to}`)
    steps.unshift({ to: status, side: step.side })
    status = step.from
  }
  return steps
}

/** The moves of a referral's history from draft, through `via` when given. */
export function demoHistory(status: ReferralStatus, via?: ReferralStatus): Array<{ to: ReferralStatus; side: Side }> {
  return via ? [...shortestHistory('draft', via), ...shortestHistory(via, status)] : shortestHistory('draft', status)
}

const reasonsText = [
  'Finding it hard to settle and to work on the sentence plan; the offender manager thinks a psychologically informed setting would help.',
  'Ready to work on relationships and emotional regulation after a settled period; asks for psychological support.',
  'Leaving custody soon with nowhere settled to live and a history of crises at the point of release.',
  'Repeated self-harm at times of change; staff want a consistent approach between agencies.',
]
const needsText = ['Trauma, low mood and difficulty trusting staff.', 'Substance misuse in the past; currently abstinent.', 'Speech and language needs: prefers short written notes.', 'Debt and housing worries.']

const millisPerDay = 86_400_000

/** Waiting-list priority from urgency: the urgency code list is in order, most urgent first. */
const urgencyPriority = (urgency: string) => codeList('urgency').codes.findIndex((code) => code.code === urgency) + 1

const isEnding = (status: ReferralStatus) => status === 'completed' || status === 'ended_early' || status === 'transferred'

/**
 * When a referral was created and each of its moves happened, oldest first, all in the
 * past. The first move is the date referred: a waiting referral was referred 3 to 150 days
 * ago and decided within two weeks, so it has waited since; others were decided (and given
 * a place) within two months of being referred 40 to 400 days ago, and work that has ended
 * ended in the last weeks — so places under way have months of work behind them.
 */
function historyTimes(random: Random, now: number, moves: number, kind: 'draft' | 'waiting' | 'settled', endsWork: boolean): { created: string; moves: string[]; last: string } {
  const at = (daysAgo: number) => new Date(now - daysAgo * millisPerDay - random.integer(0, 8 * 3_600_000)).toISOString()
  if (kind === 'draft') {
    const created = at(random.integer(1, 20))
    return { created, moves: [], last: created }
  }
  const referredDaysAgo = kind === 'waiting' ? random.integer(3, 150) : random.integer(40, 400)
  const span = Math.min(kind === 'waiting' ? 14 : 60, referredDaysAgo - 1)
  const steps = endsWork ? moves - 1 : moves
  const times = Array.from({ length: steps }, (_, step) => at(referredDaysAgo - (steps === 1 ? 0 : Math.round((span * step) / (steps - 1)))))
  if (endsWork) times.push(at(random.integer(1, Math.min(30, Math.max(1, referredDaysAgo - span - 1)))))
  // Time of day is random, so two moves on one day are put in order.
  times.sort()
  return { created: at(referredDaysAgo + 1), moves: times, last: times.at(-1) ?? at(referredDaysAgo) }
}

export interface Staff {
  id: string
  organisationId: string
  roles: string[]
  teamIds: string[]
}

export interface Rows {
  referrals: InsertObject<Database, 'referral'>[]
  transitions: InsertObject<Database, 'referral_transition'>[]
  allocations: InsertObject<Database, 'allocation'>[]
  involvements: InsertObject<Database, 'involvement'>[]
  timeline: InsertObject<Database, 'person_timeline_event'>[]
  places: DemoPlace[]
}


async function insertColleagues(tx: Tx, lookups: DemoLookups): Promise<void> {
  const ids = demoColleagues.map(() => newId())
  await tx
    .insertInto('staff_user')
    .values(demoColleagues.map((colleague, index) => ({ id: ids[index]!, organisation_id: lookups.organisationId(colleague.organisation), email: colleague.email, display_name: colleague.displayName, password_hash: null, status: 'active' as const, is_demo: true })))
    .execute()
  await tx.insertInto('staff_user_role').values(demoColleagues.map((colleague, index) => ({ user_id: ids[index]!, role: colleague.role }))).execute()
  await tx.insertInto('team_membership').values(demoColleagues.map((colleague, index) => ({ user_id: ids[index]!, team_id: lookups.teamId(colleague.organisation, colleague.team) }))).execute()
}

/** Every demo member of staff (accounts and colleagues) with their roles and teams. */
export async function demoStaff(tx: Tx): Promise<Staff[]> {
  const users = await tx.selectFrom('staff_user').select(['id', 'organisation_id', 'email']).where('is_demo', '=', true).orderBy('email').execute()
  const roles = await tx.selectFrom('staff_user_role').select(['user_id', 'role']).execute()
  const memberships = await tx.selectFrom('team_membership').select(['user_id', 'team_id']).execute()
  return users.map((user) => ({
    id: user.id,
    organisationId: user.organisation_id,
    roles: roles.filter((row) => row.user_id === user.id).map((row) => row.role),
    teamIds: memberships.filter((row) => row.user_id === user.id).map((row) => row.team_id),
  }))
}

/** One demo referral: who, to where, how far it got, and who made and decided it. */
export interface Story {
  personId: string
  serviceId: string
  elementId: string
  serviceTeamIds: readonly string[]
  batch: Batch
  referrer: Staff
  referrerRole: string
  decider: Staff
  keyworkerId: string | null
  leadClinicianId: string | null
  inCustody: boolean
  /** The referrer's team has no open involvement with the person yet, so the referral opens one. */
  opensReferrerInvolvement: boolean
}

/** The rows of one referral: the referral, each move of its history (and timeline entry), its place, and the involvements it opens. */
export function addReferral(rows: Rows, random: Random, now: Date, story: Story): void {
  const { personId, batch, referrer, decider } = story
  const history = demoHistory(batch.status, batch.via)
  const times = historyTimes(random, now.getTime(), history.length, batch.status === 'waiting' ? 'waiting' : history.length === 0 ? 'draft' : 'settled', isEnding(batch.status))
  const referralId = newId()
  const urgency = random.chance(0.2) ? 'urgent' : 'routine'
  let referredAt: string | null = null
  let decidedAt: string | null = null
  for (const [step, move] of history.entries()) {
    const at = times.moves[step]!
    const actor = move.side === 'referrer' ? referrer : decider
    const from = step === 0 ? 'draft' : history[step - 1]!.to
    const reason = move.to in reasonCodes ? random.pick(reasonCodes[move.to as keyof typeof reasonCodes].filter((code) => code !== 'other')) : null
    const note = move.to === 'information_requested' ? 'Please send the latest OASys assessment and the sentence plan.' : null
    if (move.to === 'submitted' && referredAt === null) referredAt = at
    if (move.to === 'accepted' || move.to === 'declined') decidedAt = at
    rows.transitions.push({ id: newId(), referral_id: referralId, from_status: from, to_status: move.to, reason, note, by_user_id: actor.id, by_organisation_id: actor.organisationId, occurred_at: at })
    rows.timeline.push({ id: newId(), person_id: personId, occurred_at: at, kind: `referral.${move.to}`, data_category: 'referral', organisation_id: actor.organisationId, record_type: 'referral', record_id: referralId, details: jsonValue({ from, to: move.to, ...(reason ? { reason } : {}) }), recorded_by: actor.id })
    if (move.to === 'allocated') {
      const ended = isEnding(batch.status)
      const place: DemoPlace = {
        allocationId: newId(),
        personId,
        serviceId: story.serviceId,
        elementId: story.elementId,
        referralStatus: batch.status,
        referrerId: referrer.id,
        keyworkerId: story.keyworkerId,
        leadClinicianId: story.leadClinicianId,
        status: ended ? 'ended' : 'active',
        startedAt: at,
        endedAt: ended ? times.last : null,
      }
      rows.places.push(place)
      rows.allocations.push({
        id: place.allocationId,
        referral_id: referralId,
        person_id: personId,
        service_element_id: story.elementId,
        keyworker_user_id: story.keyworkerId,
        lead_clinician_user_id: story.leadClinicianId,
        status: place.status,
        started_at: at,
        ended_at: place.endedAt,
        ended_reason: ended ? batch.status : null,
        allocated_by: actor.id,
      })
    }
  }
  rows.referrals.push({
    id: referralId,
    person_id: personId,
    service_id: story.serviceId,
    service_element_id: story.elementId,
    status: batch.status,
    urgency,
    priority: urgencyPriority(urgency),
    referrer_user_id: referrer.id,
    referrer_organisation_id: referrer.organisationId,
    referrer_team_id: referrer.teamIds[0] ?? null,
    referrer_role: story.referrerRole,
    reasons: random.pick(reasonsText),
    risk_summary: 'Assessed as high risk of serious harm to known adults; risk rises with substance use and at times of change.',
    needs_summary: random.pick(needsText),
    risk_of_serious_harm: random.pick(['high', 'very_high']),
    sentence_end_on: story.inCustody ? new Date(now.getTime() + random.integer(400, 1500) * millisPerDay).toISOString().slice(0, 10) : null,
    legal_basis: 'public_task',
    referred_at: referredAt,
    decided_at: decidedAt,
    version: history.length + 1,
    created_at: times.created,
    updated_at: times.last,
  })
  // The referrer's team knows the person; the service's teams do from the first submission, until a decline or withdrawal.
  const referrerTeam = referrer.teamIds[0]
  if (referrerTeam && story.opensReferrerInvolvement) rows.involvements.push({ id: newId(), person_id: personId, team_id: referrerTeam, status: 'open', started_on: times.created.slice(0, 10) })
  if (referredAt === null) return
  const closed = batch.status === 'declined' || batch.status === 'withdrawn'
  for (const teamId of story.serviceTeamIds) {
    rows.involvements.push({
      id: newId(),
      person_id: personId,
      team_id: teamId,
      status: closed ? 'closed' : 'open',
      started_on: referredAt.slice(0, 10),
      referral_id: referralId,
      ...(closed ? { ended_on: times.last.slice(0, 10), closed_reason: `referral_${batch.status}` } : {}),
    })
  }
}

/** A place the demo referrals made, for the case work seeded on it (casework.ts). */
export interface DemoPlace {
  allocationId: string
  personId: string
  serviceId: string
  elementId: string
  referralStatus: ReferralStatus
  referrerId: string
  keyworkerId: string | null
  leadClinicianId: string | null
  status: 'active' | 'ended'
  startedAt: string
  endedAt: string | null
}

/**
 * Adds the demo colleagues and the demo referrals, with their histories, places, and the
 * involvements a referral opens. `personIds` are the made-up people to refer, in order.
 * Returns the places, in the order made.
 */
export async function insertDemoReferrals(tx: Tx, random: Random, lookups: DemoLookups, personIds: readonly string[], now: Date = new Date()): Promise<DemoPlace[]> {
  await insertColleagues(tx, lookups)
  const staff = await demoStaff(tx)
  const services = await tx.selectFrom('service').select(['id', 'slug']).execute()
  const elements = await tx.selectFrom('service_element').select(['id', 'service_id', 'name']).execute()
  const teams = await tx.selectFrom('team').select(['id', 'service_id', 'organisation_id']).execute()
  const stored = new Map((await tx.selectFrom('person').select(['id', 'sex', 'date_of_birth', 'location_kind']).execute()).map((person) => [person.id, person]))
  // In the order given, so the same seed refers the same people.
  const people = personIds.flatMap((id) => stored.get(id) ?? [])
  const openInvolvements = new Set((await tx.selectFrom('involvement').select(['person_id', 'team_id']).where('status', '=', 'open').execute()).map((row) => `${row.person_id} ${row.team_id}`))

  const role = (name: string) => staff.find((member) => member.roles.includes(name) && member.teamIds.length > 0)
  const referrers = { probation: role('probation_officer'), liaison: role('liaison_diversion_practitioner'), caseWorker: role('charity_case_worker') }
  const today = now.toISOString().slice(0, 10)
  const youngest = `${Number(today.slice(0, 4)) - 22}${today.slice(4)}`
  const referred = new Set<string>()
  const nextPerson = (plan: ServicePlan) => {
    const person = people.find(
      (candidate) => !referred.has(candidate.id) && (plan.sex === undefined || candidate.sex === plan.sex) && (!plan.youngAdults || candidate.date_of_birth > youngest) && (!plan.custody || candidate.location_kind === 'custody'),
    )
    if (person) referred.add(person.id)
    return person?.id
  }
  const rows: Rows = { referrals: [], transitions: [], allocations: [], involvements: [], timeline: [], places: [] }

  for (const plan of demoReferralPlans) {
    const service = services.find((candidate) => candidate.slug === plan.slug)
    if (!service) throw new Error(`demo referrals: no service "${plan.slug}"`)
    const serviceTeams = teams.filter((team) => team.service_id === service.id)
    const members = staff.filter((member) => member.teamIds.some((teamId) => serviceTeams.some((team) => team.id === teamId)))
    const deciders = members.filter((member) => member.roles.some((name) => name === 'clinician' || name === 'service_manager'))
    const keyworkers = members.filter((member) => member.roles.some((name) => ['prison_keyworker', 'charity_case_worker', 'liaison_diversion_practitioner'].includes(name)))
    const clinicians = members.filter((member) => member.roles.includes('clinician'))
    if (deciders.length === 0) throw new Error(`demo referrals: nobody in ${plan.slug}'s teams decides its referrals`)
    let turn = 0
    for (const batch of plan.batches) {
      const element = elements.find((candidate) => candidate.service_id === service.id && candidate.name === batch.element)
      if (!element) throw new Error(`demo referrals: ${plan.slug} has no element "${batch.element}"`)
      for (let index = 0; index < batch.count; index += 1) {
        const personId = nextPerson(plan)
        if (personId === undefined) break
        turn += 1
        // The women's services also hear from the women's centre and from liaison and diversion.
        const referrer = (plan.sex === 'female' && turn % 3 === 0 ? (plan.slug === 'womens-case-management' ? referrers.liaison : referrers.caseWorker) : undefined) ?? referrers.probation
        if (!referrer) throw new Error('demo referrals: the demo accounts must be seeded first')
        const decider = deciders[turn % deciders.length]!
        addReferral(rows, random, now, {
          personId,
          serviceId: service.id,
          elementId: element.id,
          serviceTeamIds: serviceTeams.map((team) => team.id),
          batch,
          referrer,
          referrerRole: referrer === referrers.probation ? 'offender_manager' : referrer === referrers.liaison ? 'liaison_diversion' : 'charity',
          decider,
          keyworkerId: keyworkers.length > 0 ? keyworkers[turn % keyworkers.length]!.id : null,
          // Someone is always named: the lead clinician, or failing one and a keyworker, the person who decided.
          leadClinicianId: clinicians.length > 0 ? clinicians[turn % clinicians.length]!.id : keyworkers.length > 0 ? null : decider.id,
          inCustody: plan.custody === true,
          opensReferrerInvolvement: !openInvolvements.has(`${personId} ${referrer.teamIds[0]}`),
        })
        openInvolvements.add(`${personId} ${referrer.teamIds[0]}`)
      }
    }
  }
  await insertInBatches(tx, 'referral', rows.referrals)
  await insertInBatches(tx, 'referral_transition', rows.transitions)
  await insertInBatches(tx, 'allocation', rows.allocations)
  await insertInBatches(tx, 'involvement', rows.involvements)
  await insertInBatches(tx, 'person_timeline_event', rows.timeline)
  return rows.places
}

