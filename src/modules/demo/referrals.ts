import type { InsertObject } from 'kysely'
import { codeList } from '../../platform/content/code-lists.ts'
import type { Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { availableTransitions, reasonCodes, type ReferralStatus, type Side } from '../referrals/index.ts'
import type { DemoLookups } from './accounts.ts'
import type { Random } from './random.ts'

/*
 * Referrals for the demo (issue 6 point 10): every status across the seed services, each
 * history walked through the status machine; full and nearly full elements; waiting lists
 * with several people of different priorities and dates; and places with keyworkers and
 * lead clinicians among the demo accounts, so that the demo clinician and keyworker have
 * caseloads. Only seeded with the demo accounts, whose referrals and caseloads these are.
 */

/**
 * Colleagues the demo accounts work with, so that every service has staff to decide its
 * referrals and hold its places. They have no password and cannot sign in.
 */
interface DemoColleague {
  email: string
  displayName: string
  organisation: string
  team: string
  role: string
}

export const demoColleagues: readonly DemoColleague[] = [
  { email: 'colleague.pipe.keyworker1@demo.pathways.test', displayName: 'Officer Jude Hazelbrook (demo colleague)', organisation: 'fallowmere-prison', team: 'PIPE wing keyworkers', role: 'prison_keyworker' },
  { email: 'colleague.pipe.keyworker2@demo.pathways.test', displayName: 'Officer Nell Cobblethwaite (demo colleague)', organisation: 'fallowmere-prison', team: 'PIPE wing keyworkers', role: 'prison_keyworker' },
  { email: 'colleague.pipe.clinician@demo.pathways.test', displayName: 'Dr Ade Willowmere (demo colleague)', organisation: 'kestrelmoor-trust', team: 'Fallowmere PIPE clinical team', role: 'clinician' },
  { email: 'colleague.brackenford.clinician@demo.pathways.test', displayName: 'Dr Farah Quillon (demo colleague)', organisation: 'northgate-trust', team: 'Brackenford pathways team', role: 'clinician' },
  { email: 'colleague.brackenford.manager@demo.pathways.test', displayName: 'Ravi Duckworth (demo colleague)', organisation: 'northgate-trust', team: 'Brackenford pathways team', role: 'service_manager' },
  { email: 'colleague.cinderbank.clinician@demo.pathways.test', displayName: 'Dr Tamsin Fernleigh (demo colleague)', organisation: 'silverbeck-trust', team: 'Cinderbank progression unit team', role: 'clinician' },
  { email: 'colleague.cinderbank.officer@demo.pathways.test', displayName: 'Officer Kwame Bellwether (demo colleague)', organisation: 'cinderbank-prison', team: 'Progression unit personal officers', role: 'prison_keyworker' },
  { email: 'colleague.community.clinician@demo.pathways.test', displayName: 'Dr Orla Pennywhistle (demo colleague)', organisation: 'northgate-trust', team: 'Community pathway team', role: 'clinician' },
  { email: 'colleague.womens.manager@demo.pathways.test', displayName: 'Hattie Plumtree (demo colleague)', organisation: 'fellmarsh-womens-centre', team: "Women's case management team", role: 'service_manager' },
  { email: 'colleague.work.manager@demo.pathways.test', displayName: 'Bram Tinkerly (demo colleague)', organisation: 'cogspring-works', team: 'Work experience team', role: 'service_manager' },
  { email: 'colleague.work.coach@demo.pathways.test', displayName: 'Sunita Gearwheel (demo colleague)', organisation: 'cogspring-works', team: 'Work experience team', role: 'charity_case_worker' },
  { email: 'colleague.volunteers.manager@demo.pathways.test', displayName: 'Peregrine Oakhollow (demo colleague)', organisation: 'waystone-volunteers', team: 'Volunteer coordinators', role: 'service_manager' },
  { email: 'colleague.volunteers.worker@demo.pathways.test', displayName: 'Lila Marchbank (demo colleague)', organisation: 'waystone-volunteers', team: 'Volunteer coordinators', role: 'charity_case_worker' },
  { email: 'colleague.housing.manager@demo.pathways.test', displayName: 'Winifred Larkhill (demo colleague)', organisation: 'lindenholt-housing', team: 'Housing support team', role: 'service_manager' },
  { email: 'colleague.housing.worker@demo.pathways.test', displayName: 'Maisie Copperfield (demo colleague)', organisation: 'lindenholt-housing', team: 'Housing support team', role: 'charity_case_worker' },
  { email: 'colleague.liaison.clinician@demo.pathways.test', displayName: 'Dr Idris Kettleburn (demo colleague)', organisation: 'hollowmere-trust', team: 'Liaison and diversion: Marchfield custody suites', role: 'clinician' },
  { email: 'colleague.iom.clinician@demo.pathways.test', displayName: 'Dr Beatrix Mossgrove (demo colleague)', organisation: 'kestrelmoor-trust', team: 'IOM clinical team', role: 'clinician' },
  { email: 'colleague.monitoring.clinician@demo.pathways.test', displayName: 'Dr Cormac Ashbourne (demo colleague)', organisation: 'northgate-trust', team: 'Distant monitoring team', role: 'clinician' },
]

/** How many referrals of one status to one element. Active places come from allocated and started ones. */
interface Batch {
  element: string
  status: ReferralStatus
  count: number
  /** A status the history passes through on its way (e.g. withdrawn while waiting). */
  via?: ReferralStatus
}

interface ServicePlan {
  slug: string
  /** Who the service is for, as the demo people's recorded sex. */
  sex?: 'male' | 'female'
  /** Young adults only (18 to 21). */
  youngAdults?: boolean
  /** Where the service works with people: a prison service refers people in custody. */
  custody?: boolean
  batches: readonly Batch[]
}

/**
 * The demo's referrals by service. PIPE Engagement 30 of 30 places and Treatment 28 of 30,
 * women's housing 5 of 5: full and nearly full elements, with people waiting for them.
 */
const plans: readonly ServicePlan[] = [
  {
    slug: 'fallowmere-pipe',
    sex: 'male',
    custody: true,
    batches: [
      { element: 'Engagement service', status: 'started', count: 24 },
      { element: 'Engagement service', status: 'allocated', count: 6 },
      { element: 'Treatment service', status: 'started', count: 22 },
      { element: 'Treatment service', status: 'allocated', count: 6 },
      { element: 'Engagement service', status: 'waiting', count: 6 },
      { element: 'Treatment service', status: 'waiting', count: 4 },
      { element: 'Treatment service', status: 'accepted', count: 2 },
      { element: 'Engagement service', status: 'in_review', count: 2 },
      { element: 'Treatment service', status: 'submitted', count: 2 },
      { element: 'Engagement service', status: 'information_requested', count: 1 },
      { element: 'Treatment service', status: 'draft', count: 1 },
      { element: 'Engagement service', status: 'declined', count: 2 },
      { element: 'Treatment service', status: 'withdrawn', count: 1, via: 'waiting' },
      { element: 'Treatment service', status: 'completed', count: 3 },
      { element: 'Engagement service', status: 'ended_early', count: 2 },
      { element: 'Treatment service', status: 'transferred', count: 2 },
    ],
  },
  {
    slug: 'womens-supported-housing',
    sex: 'female',
    batches: [
      { element: 'Housing placements', status: 'started', count: 4 },
      { element: 'Housing placements', status: 'allocated', count: 1 },
      { element: 'Housing placements', status: 'waiting', count: 3 },
      { element: 'Housing placements', status: 'declined', count: 1 },
      { element: 'Housing placements', status: 'completed', count: 1 },
    ],
  },
  {
    slug: 'womens-case-management',
    sex: 'female',
    batches: [
      { element: 'Case management', status: 'started', count: 13 },
      { element: 'Case management', status: 'waiting', count: 2 },
      { element: 'Case management', status: 'submitted', count: 1 },
      { element: 'Case management', status: 'in_review', count: 1 },
      { element: 'Case management', status: 'withdrawn', count: 1, via: 'submitted' },
    ],
  },
  {
    slug: 'brackenford-pathways',
    sex: 'male',
    youngAdults: true,
    custody: true,
    batches: [
      { element: 'Intervention Service', status: 'started', count: 17 },
      { element: 'Intervention Service', status: 'waiting', count: 4 },
      { element: 'Outreach and engagement', status: 'started', count: 5 },
      { element: 'Intervention Service', status: 'in_review', count: 1 },
      { element: 'Intervention Service', status: 'accepted', count: 1 },
      { element: 'Intervention Service', status: 'ended_early', count: 1 },
    ],
  },
  {
    slug: 'cinderbank-progression-unit',
    sex: 'male',
    custody: true,
    batches: [
      { element: 'Progression unit places', status: 'started', count: 8 },
      { element: 'Progression unit places', status: 'waiting', count: 2 },
      { element: 'Progression unit places', status: 'submitted', count: 1 },
      { element: 'Progression unit places', status: 'transferred', count: 1 },
    ],
  },
  {
    slug: 'community-pathway',
    batches: [
      { element: 'Consultation', status: 'started', count: 6 },
      { element: 'Co-working', status: 'started', count: 4 },
      { element: 'Co-working', status: 'waiting', count: 2 },
      { element: 'Consultation', status: 'information_requested', count: 1 },
      { element: 'Co-working', status: 'draft', count: 1 },
    ],
  },
  {
    slug: 'work-experience',
    batches: [
      { element: 'Work placements', status: 'started', count: 5 },
      { element: 'Work placements', status: 'waiting', count: 1 },
    ],
  },
  {
    slug: 'volunteer-support',
    batches: [
      { element: 'Volunteer support', status: 'started', count: 30 },
      { element: 'Volunteer support', status: 'completed', count: 4 },
    ],
  },
  {
    slug: 'liaison-and-diversion',
    batches: [
      { element: 'Police custody', status: 'started', count: 8 },
      { element: 'Courts', status: 'completed', count: 4 },
    ],
  },
  {
    slug: 'iom-clinical-review',
    batches: [
      { element: 'Assessment clinics', status: 'started', count: 6 },
      { element: 'Talking-therapy clinics', status: 'submitted', count: 2 },
    ],
  },
  {
    slug: 'distant-monitoring',
    batches: [
      { element: 'Monitoring', status: 'started', count: 8 },
      { element: 'Monitoring', status: 'transferred', count: 2 },
    ],
  },
]

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

const isEnding = (status: ReferralStatus) => status === 'completed' || status === 'ended_early' || status === 'transferred'

/**
 * When a referral was created and each of its moves happened, oldest first, all in the
 * past. The first move is the date referred: a waiting referral was referred 3 to 150 days
 * ago and decided within two weeks, so it has waited since; others moved on over months.
 */
function historyTimes(random: Random, now: number, moves: number, kind: 'draft' | 'waiting' | 'settled'): { created: string; moves: string[]; last: string } {
  const at = (daysAgo: number) => new Date(now - daysAgo * millisPerDay - random.integer(0, 8 * 3_600_000)).toISOString()
  if (kind === 'draft') {
    const created = at(random.integer(1, 20))
    return { created, moves: [], last: created }
  }
  const referredDaysAgo = kind === 'waiting' ? random.integer(3, 150) : random.integer(40, 400)
  const span = kind === 'waiting' ? Math.min(14, referredDaysAgo - 1) : referredDaysAgo - random.integer(1, 30)
  const times = Array.from({ length: moves }, (_, step) => at(referredDaysAgo - (moves === 1 ? 0 : Math.round((span * step) / (moves - 1)))))
  // Time of day is random, so two moves on one day are put in order.
  times.sort()
  return { created: at(referredDaysAgo + 1), moves: times, last: times.at(-1) ?? at(referredDaysAgo) }
}

interface Staff {
  id: string
  organisationId: string
  roles: string[]
  teamIds: string[]
}

interface Rows {
  referrals: InsertObject<Database, 'referral'>[]
  transitions: InsertObject<Database, 'referral_transition'>[]
  allocations: InsertObject<Database, 'allocation'>[]
  involvements: InsertObject<Database, 'involvement'>[]
  timeline: InsertObject<Database, 'person_timeline_event'>[]
}

const batchSize = 500
async function insertInBatches<T extends keyof Database & string>(tx: Tx, table: T, rows: readonly InsertObject<Database, T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await tx.insertInto(table).values(rows.slice(start, start + batchSize)).execute()
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
async function demoStaff(tx: Tx): Promise<Staff[]> {
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

/**
 * Adds the demo colleagues and the demo referrals, with their histories, places, and the
 * involvements a referral opens. `personIds` are the made-up people to refer, in order.
 */
export async function insertDemoReferrals(tx: Tx, random: Random, lookups: DemoLookups, personIds: readonly string[], now: Date = new Date()): Promise<void> {
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
  const rows: Rows = { referrals: [], transitions: [], allocations: [], involvements: [], timeline: [] }
  const urgencyCodes = codeList('urgency').codes.map((code) => code.code)

  for (const plan of plans) {
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
        const history = demoHistory(batch.status, batch.via)
        const times = historyTimes(random, now.getTime(), history.length, batch.status === 'waiting' ? 'waiting' : history.length === 0 ? 'draft' : 'settled')
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
            rows.allocations.push({
              id: newId(),
              referral_id: referralId,
              person_id: personId,
              service_element_id: element.id,
              keyworker_user_id: keyworkers.length > 0 ? keyworkers[turn % keyworkers.length]!.id : null,
              // Someone is always named: the lead clinician, or failing one and a keyworker, the person who allocated.
              lead_clinician_user_id: clinicians.length > 0 ? clinicians[turn % clinicians.length]!.id : keyworkers.length > 0 ? null : actor.id,
              status: ended ? 'ended' : 'active',
              started_at: at,
              ended_at: ended ? times.last : null,
              ended_reason: ended ? batch.status : null,
              allocated_by: actor.id,
            })
          }
        }
        const at = times.last
        const createdAt = times.created
        rows.referrals.push({
          id: referralId,
          person_id: personId,
          service_id: service.id,
          service_element_id: element.id,
          status: batch.status,
          urgency,
          priority: urgencyCodes.indexOf(urgency) + 1,
          referrer_user_id: referrer.id,
          referrer_organisation_id: referrer.organisationId,
          referrer_team_id: referrer.teamIds[0] ?? null,
          referrer_role: referrer === referrers.probation ? 'offender_manager' : referrer === referrers.liaison ? 'liaison_diversion' : 'charity',
          reasons: random.pick(reasonsText),
          risk_summary: 'Assessed as high risk of serious harm to known adults; risk rises with substance use and at times of change.',
          needs_summary: random.pick(needsText),
          risk_of_serious_harm: random.pick(['high', 'very_high']),
          sentence_end_on: plan.sex === 'male' ? new Date(now.getTime() + random.integer(400, 1500) * millisPerDay).toISOString().slice(0, 10) : null,
          legal_basis: 'public_task',
          referred_at: referredAt,
          decided_at: decidedAt,
          version: history.length + 1,
          created_at: createdAt,
          updated_at: at,
        })
        // The referrer's team knows the person; the service's teams do from the first submission, until a decline or withdrawal.
        const referrerTeam = referrer.teamIds[0]
        if (referrerTeam && !openInvolvements.has(`${personId} ${referrerTeam}`)) {
          openInvolvements.add(`${personId} ${referrerTeam}`)
          rows.involvements.push({ id: newId(), person_id: personId, team_id: referrerTeam, status: 'open', started_on: createdAt.slice(0, 10) })
        }
        if (referredAt !== null) {
          const closed = batch.status === 'declined' || batch.status === 'withdrawn'
          for (const team of serviceTeams) {
            rows.involvements.push({
              id: newId(),
              person_id: personId,
              team_id: team.id,
              status: closed ? 'closed' : 'open',
              started_on: referredAt.slice(0, 10),
              referral_id: referralId,
              ...(closed ? { ended_on: at.slice(0, 10), closed_reason: `referral_${batch.status}` } : {}),
            })
          }
        }
      }
    }
  }
  await insertInBatches(tx, 'referral', rows.referrals)
  await insertInBatches(tx, 'referral_transition', rows.transitions)
  await insertInBatches(tx, 'allocation', rows.allocations)
  await insertInBatches(tx, 'involvement', rows.involvements)
  await insertInBatches(tx, 'person_timeline_event', rows.timeline)
}

