import { insertInBatches, type Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { instrumentByKey, scoreMeasure, type Instrument } from '../outcomes/index.ts'
import type { DemoLookups } from './accounts.ts'
import { actionOwners, amendmentReasons, closingSummaries, formulationClinical, formulationShared, groupTitles, noteTexts, pathwayTexts, planGoals, riskTexts } from './casework-dataset.ts'
import { addDays, at, dayOf, daysBetween, event, millisPerDay, pickText, push, workersOf, type World } from './casework-world.ts'
import type { Random } from './random.ts'
import type { DemoPlace } from './referrals.ts'

/*
 * Case work for the demo's places (issue 7 point 11): for each case under way, formulations
 * co-authored by clinician and offender manager, a pathway plan with goals and actions (some
 * overdue), about a year of sessions with mixed outcomes (some still to record, some to
 * come), group sessions with several people of the same element, notes of every type (some
 * health-only, some amended), risk plans (some overdue for review, a few cases with none),
 * CORE-10 measurements that improve, stay the same or get worse, community-pathway tiers, and
 * closing summaries and hand-overs for the places that ended. Every record has its line in
 * the case history. All rows go in with bulk inserts.
 */

/** Which notes are health-only is the case-notes module's rule; these types always are. */
const healthOnlyTypes = new Set(['therapy_session', 'clinical_assessment'])
/** Where a transferred place is handed over to, in turn: probation, the community pathway, the progression unit. */
const receivingTeams: ReadonlyArray<[organisation: string, team: string]> = [
  ['marchfield-north-pdu', 'Offender management team'],
  ['northgate-trust', 'Community pathway team'],
  ['silverbeck-trust', 'Cinderbank progression unit team'],
]

/** The sessions a case has in turn: keywork and therapy, or the community pathway's consultations and co-working. */
function sessionRota(world: World, place: DemoPlace): Array<{ kind: string; by: string }> {
  const workers = workersOf(world, place)
  if (world.services.get(place.serviceId)?.slug === 'community-pathway') {
    const coWorking = world.elements.get(place.elementId)?.name === 'Co-working'
    return coWorking ? [{ kind: 'co_working', by: workers.main }, { kind: 'consultation', by: workers.main }] : [{ kind: 'consultation', by: workers.main }]
  }
  return [...(workers.keyworker ? [{ kind: 'keywork', by: workers.keyworker }] : []), ...(workers.clinician ? [{ kind: 'one_to_one_therapy', by: workers.clinician }] : [])]
}

const locations = ['Interview room 2', 'Wing office', 'Probation office', 'Video call', 'Therapy room']

/** One contact with its attendees (one for a one-to-one session); `outcome` undefined means still planned. */
function addContact(world: World, random: Random, contact: { kind: string; by: string; occursAt: string; elementId: string; title?: string; minutes: number }, attendees: ReadonlyArray<{ place: DemoPlace; outcome: string | null }>): void {
  const id = newId()
  push(world.rows, 'contact', {
    id,
    kind: contact.kind,
    service_element_id: contact.elementId,
    title: contact.title ?? null,
    occurs_at: contact.occursAt,
    duration_minutes: contact.minutes,
    location: contact.kind === 'group_session' ? 'Group room' : random.pick(locations),
    follow_up: contact.occursAt < world.now && random.chance(0.3) ? 'Follow up at the next session.' : null,
    recorded_by: contact.by,
  })
  for (const { place, outcome } of attendees) {
    const cancelled = outcome === 'cancelled'
    push(world.rows, 'contact_attendee', {
      id: newId(),
      contact_id: id,
      allocation_id: place.allocationId,
      person_id: place.personId,
      outcome,
      cancelled_by: cancelled ? random.pick(['person', 'service']) : null,
      outcome_reason: outcome === 'did_not_attend' ? random.pick(['unwell', 'declined', 'regime', 'other_appointment']) : cancelled ? random.pick(['staff_unavailable', 'person_unwell', 'regime_restrictions', 'person_request']) : null,
    })
    const recorded = contact.occursAt < world.now ? new Date(Date.parse(contact.occursAt) + 3 * 3_600_000).toISOString() : world.now
    event(world, place, { kind: 'contact.recorded', category: 'contact', at: recorded < world.now ? recorded : world.now, recordType: 'contact', recordId: id, by: contact.by })
  }
}

/** Mostly attended; now and then missed or cancelled. */
function sessionOutcome(random: Random): string {
  const roll = random.next()
  return roll < 0.78 ? 'attended' : roll < 0.89 ? 'did_not_attend' : 'cancelled'
}

/** Fortnightly sessions over the case's last year, perhaps the latest still without an outcome, and one or two to come. */
function addSessions(world: World, random: Random, place: DemoPlace, from: string): void {
  const rota = sessionRota(world, place)
  const workers = workersOf(world, place)
  const inCustody = ['fallowmere-pipe', 'brackenford-pathways', 'cinderbank-progression-unit'].includes(world.services.get(place.serviceId)?.slug ?? '')
  const unrecordedLast = random.chance(0.15)
  const dates: string[] = []
  for (let day = addDays(from, random.integer(3, 10)); day < world.today; day = addDays(day, 14 + random.integer(-3, 3))) dates.push(day)
  dates.forEach((day, index) => {
    const visit = workers.offenderManager && index % 6 === 5 ? { kind: 'offender_manager_visit', by: workers.offenderManager } : inCustody && index % 9 === 8 ? { kind: 'family_visit', by: (workers.keyworker ?? workers.main)! } : rota[index % rota.length]!
    const last = index === dates.length - 1 && daysBetween(day, world.today) <= 21
    addContact(world, random, { ...visit, occursAt: at(day, random.pick([10, 14])), elementId: place.elementId, minutes: random.pick([45, 50, 60]) }, [{ place, outcome: last && unrecordedLast ? null : sessionOutcome(random) }])
  })
  const upcoming = random.integer(1, 2)
  for (let index = 0, day = addDays(world.today, random.integer(2, 8)); index < upcoming; index += 1, day = addDays(day, 14)) {
    addContact(world, random, { ...rota[(dates.length + index) % rota.length]!, occursAt: at(day, 10), elementId: place.elementId, minutes: 60 }, [{ place, outcome: null }])
  }
}

/** Monthly group sessions of each element with three or more cases under way, and the next one planned. */
function addGroupSessions(world: World, random: Random, places: readonly DemoPlace[]): void {
  const byElement = new Map<string, DemoPlace[]>()
  for (const place of places) byElement.set(place.elementId, [...(byElement.get(place.elementId) ?? []), place])
  for (const [elementId, members] of byElement) {
    if (members.length < 3) continue
    const title = random.pick(groupTitles)
    const by = workersOf(world, members[0]!).main
    const earliest = members.map((place) => dayOf(place.startedAt)).sort()[0]!
    const first = addDays(earliest > addDays(world.today, -365) ? earliest : addDays(world.today, -365), 10)
    for (let day = first; day <= addDays(world.today, 14); day = addDays(day, 28)) {
      const eligible = members.filter((place) => dayOf(place.startedAt) < day)
      if (eligible.length < 3) continue
      const attendees = eligible.filter(() => random.chance(0.7)).slice(0, 8)
      if (attendees.length < 3) continue
      const planned = day >= world.today
      addContact(world, random, { kind: 'group_session', by, occursAt: at(day, 14), elementId, title, minutes: 90 }, attendees.map((place) => ({ place, outcome: planned ? null : random.chance(0.85) ? 'attended' : 'did_not_attend' })))
    }
  }
}

/** Notes through the case by its workers, health-only ones among the clinician's; now and then one amended. */
function addNotes(world: World, random: Random, place: DemoPlace, from: string): void {
  const workers = workersOf(world, place)
  const writers = [
    ...(workers.clinician ? [{ by: workers.clinician, types: ['therapy_session', 'clinical_assessment', 'risk', 'liaison'] }] : []),
    ...(workers.keyworker ? [{ by: workers.keyworker, types: ['keywork', 'general', 'safeguarding'] }] : []),
    ...(workers.offenderManager ? [{ by: workers.offenderManager, types: ['offender_manager_contact'] }] : []),
  ]
  const span = Math.max(1, daysBetween(from, world.today))
  const count = random.integer(4, 8)
  for (let index = 0; index < count; index += 1) {
    const writer = writers[index % writers.length]!
    // Each writer's first note is of their first type, so every clinical case has a health-only note.
    const type = index < writers.length ? writer.types[0]! : random.pick(writer.types)
    const written = new Date(Date.parse(at(addDays(from, Math.floor((span * (index + 1)) / (count + 1))), 11)) + random.integer(0, 5 * 3_600_000)).toISOString()
    const note = { id: newId(), allocation_id: place.allocationId, person_id: place.personId, note_type: type, health_only: healthOnlyTypes.has(type), text: random.pick(noteTexts[type]!), author_user_id: writer.by, author_organisation_id: world.staff.get(writer.by)!.organisationId, created_at: written }
    push(world.rows, 'case_note', note)
    const category = note.health_only ? 'clinical_note' : 'case_note'
    event(world, place, { kind: 'case_note.added', category, at: written, recordType: 'case_note', recordId: note.id, by: writer.by })
    const amendedAt = new Date(Date.parse(written) + random.integer(1, 3) * millisPerDay).toISOString()
    if (random.chance(0.15) && amendedAt < world.now) {
      // An amendment is a new row naming the original, which stays as written.
      const amendment = { ...note, id: newId(), text: `${note.text} Agreed to review this at the next session.`, amends_note_id: note.id, amendment_reason: random.pick(amendmentReasons), created_at: amendedAt }
      push(world.rows, 'case_note', amendment)
      event(world, place, { kind: 'case_note.amended', category, at: amendedAt, recordType: 'case_note', recordId: amendment.id, by: writer.by })
    }
  }
}

/** One to three versions, each co-authored by the clinician with the offender manager (and sometimes the keyworker). */
function addFormulations(world: World, random: Random, place: DemoPlace, from: string): void {
  const workers = workersOf(world, place)
  if (!workers.clinician) return
  const span = daysBetween(from, world.today)
  const versions = span < 60 ? 1 : random.integer(1, 3)
  for (let version = 1; version <= versions; version += 1) {
    const id = newId()
    const formulatedOn = addDays(from, Math.min(span, Math.floor((span * version) / (versions + 1)) + 5))
    push(world.rows, 'case_formulation', { id, allocation_id: place.allocationId, person_id: place.personId, version, shared: jsonValue(pickText(random, formulationShared)), clinical: jsonValue(pickText(random, formulationClinical)), formulated_on: formulatedOn, created_by: workers.clinician, created_at: at(formulatedOn, 16) })
    const authors = new Set([workers.clinician, ...(workers.offenderManager ? [workers.offenderManager] : []), ...(workers.keyworker && random.chance(0.5) ? [workers.keyworker] : [])])
    for (const userId of authors) push(world.rows, 'case_formulation_author', { formulation_id: id, user_id: userId })
    event(world, place, { kind: 'formulation.version_added', category: 'formulation', at: at(formulatedOn, 16), recordType: 'case_formulation', recordId: id, by: workers.clinician, details: { version } })
  }
}

/** The pathway plan: a review date (a quarter of them past), two or three goals, and actions for the workers, the offender manager or the person. */
function addPlan(world: World, random: Random, place: DemoPlace, from: string): void {
  const workers = workersOf(world, place)
  const id = newId()
  const inCustody = world.services.get(place.serviceId)?.slug !== 'community-pathway'
  const madeOn = addDays(from, Math.min(14, daysBetween(from, world.today)))
  push(world.rows, 'pathway_plan', {
    id,
    allocation_id: place.allocationId,
    person_id: place.personId,
    review_on: random.chance(0.25) ? addDays(world.today, -random.integer(1, 40)) : addDays(world.today, random.integer(5, 90)),
    custody_next_service: inCustody ? random.pick(pathwayTexts.custodyNextService) : null,
    progression_move: inCustody ? random.pick(pathwayTexts.progressionMove) : null,
    community_pathway: random.pick(pathwayTexts.communityPathway),
    updated_by: workers.main,
    updated_at: at(madeOn, 15),
  })
  event(world, place, { kind: 'plan.created', category: 'plan', at: at(madeOn, 15), recordType: 'pathway_plan', recordId: id, by: workers.main })
  const owners = [workers.keyworker, workers.clinician, workers.offenderManager].filter((owner): owner is string => owner !== null)
  const goals = planGoals.filter(() => random.chance(0.5)).slice(0, 3)
  for (const [position, goal] of (goals.length > 0 ? goals : [planGoals[0]!]).entries()) {
    const goalId = newId()
    push(world.rows, 'plan_goal', { id: goalId, plan_id: id, description: goal.description, status: random.pick(['not_started', 'in_progress', 'in_progress', 'achieved']), position: position + 1, created_at: at(madeOn, 15) })
    for (const description of goal.actions.slice(0, random.integer(1, 2))) {
      const dueOn = addDays(world.today, random.integer(-30, 60))
      const named = random.chance(0.7)
      push(world.rows, 'plan_action', {
        id: newId(),
        goal_id: goalId,
        description,
        owner_user_id: named ? random.pick(owners) : null,
        owner_description: named ? null : random.pick(actionOwners),
        due_on: dueOn,
        // Half the actions due already are done; the rest are overdue.
        status: dueOn < world.today && random.chance(0.5) ? 'done' : random.pick(['not_started', 'in_progress']),
        created_at: at(madeOn, 15),
      })
    }
  }
}

/** One or two versions; the latest review is past for about a third of cases. A few cases have no risk plan yet. */
function addRiskPlans(world: World, random: Random, place: DemoPlace, from: string): void {
  if (random.chance(0.1)) return
  const by = workersOf(world, place).main
  const span = daysBetween(from, world.today)
  const versions = span < 90 ? 1 : random.integer(1, 2)
  for (let version = 1; version <= versions; version += 1) {
    const id = newId()
    const writtenOn = addDays(from, Math.floor((span * (version - 1)) / versions) + Math.min(7, span))
    const latest = version === versions
    const reviewOn = latest ? (random.chance(0.33) ? addDays(world.today, -random.integer(1, 45)) : addDays(world.today, random.integer(3, 120))) : addDays(writtenOn, 90)
    push(world.rows, 'risk_plan', {
      id,
      allocation_id: place.allocationId,
      person_id: place.personId,
      version,
      summary: random.pick(riskTexts.summary),
      triggers: random.pick(riskTexts.triggers),
      warning_signs: random.pick(riskTexts.warningSigns),
      protective_factors: random.pick(riskTexts.protectiveFactors),
      contingencies: jsonValue(riskTexts.contingencies.filter(() => random.chance(0.6)).slice(0, 3)),
      review_on: reviewOn,
      created_by: by,
      created_at: at(writtenOn, 12),
    })
    event(world, place, { kind: 'risk_plan.version_added', category: 'risk', at: at(writtenOn, 12), recordType: 'risk_plan', recordId: id, by, details: { version } })
  }
}

export type OutcomeShape = 'improvement' | 'no_change' | 'deterioration'

/** CORE-10 totals over 3–5 measurements that improve (by 8 or more), stay within 2 of the first, or get worse (by 8 or more). */
export function core10Totals(random: Random, shape: OutcomeShape, count: number): number[] {
  const first = shape === 'improvement' ? random.integer(20, 27) : shape === 'no_change' ? random.integer(13, 20) : random.integer(8, 13)
  const totals = [first]
  for (let index = 1; index < count; index += 1) {
    const previous = totals[index - 1]!
    totals.push(shape === 'improvement' ? Math.max(2, previous - random.integer(4, 6)) : shape === 'deterioration' ? Math.min(38, previous + random.integer(4, 5)) : first + random.integer(-2, 2))
  }
  return totals
}

/** Answers to every item whose scored total is `total`: each item's score (after any reverse scoring) spread as evenly as chance allows. */
function answersFor(random: Random, instrument: Instrument, total: number): Record<string, number> {
  const scores = instrument.items.map(() => instrument.answerMin)
  for (let left = total - scores.length * instrument.answerMin; left > 0; left -= 1) {
    const open = scores.flatMap((score, index) => (score < instrument.answerMax ? [index] : []))
    const index = random.pick(open)
    scores[index] = scores[index]! + 1
  }
  return Object.fromEntries(instrument.items.map((item, index) => [item.key, item.reversed ? instrument.answerMax + instrument.answerMin - scores[index]! : scores[index]!]))
}

function addMeasurements(world: World, random: Random, place: DemoPlace, from: string, shape: OutcomeShape): void {
  const clinician = workersOf(world, place).clinician!
  const count = random.integer(3, 5)
  const span = Math.max(count, daysBetween(from, world.today) - 3)
  core10Totals(random, shape, count).forEach((target, index) => {
    const answers = answersFor(random, world.core10, target)
    const scored = scoreMeasure(world.core10, answers)
    if (!scored.ok || scored.total !== target) throw new Error(`demo case work: CORE-10 answers for ${target} score ${JSON.stringify(scored)}`)
    const measuredOn = addDays(from, Math.floor((span * index) / (count - 1)))
    const id = newId()
    push(world.rows, 'outcome_measurement', { id, allocation_id: place.allocationId, person_id: place.personId, instrument_key: world.core10.key, instrument_version: world.core10.version, measured_on: measuredOn, answers: jsonValue(answers), total: scored.total, recorded_by: clinician, created_at: at(measuredOn, 13) })
    event(world, place, { kind: 'outcome.measured', category: 'outcome_measure', at: at(measuredOn, 13), recordType: 'outcome_measurement', recordId: id, by: clinician, details: { instrument: world.core10.key } })
  })
}

/** The community pathway's tiers: consultation (after training, for some), and co-working for the co-worked cases. */
function addTiers(world: World, random: Random, place: DemoPlace, from: string): void {
  if (world.services.get(place.serviceId)?.slug !== 'community-pathway') return
  const coWorking = world.elements.get(place.elementId)?.name === 'Co-working'
  const span = daysBetween(from, world.today)
  const tiers = [...(random.chance(0.5) ? ['training'] : []), 'consultation', ...(coWorking ? ['co_working'] : [])].slice(span < 30 ? -1 : 0)
  const starts = tiers.map((_tier, index) => addDays(from, Math.floor((span * index) / tiers.length)))
  tiers.forEach((tier, index) => {
    const id = newId()
    const next = starts[index + 1]
    push(world.rows, 'case_tier', { id, allocation_id: place.allocationId, tier, started_on: starts[index]!, ended_on: next ? addDays(next, -1) : null, recorded_by: workersOf(world, place).main, created_at: at(starts[index]!, 9) })
    event(world, place, { kind: 'case.tier_started', category: 'plan', at: at(starts[index]!, 9), recordType: 'case_tier', recordId: id, by: workersOf(world, place).main, details: { tier } })
  })
}

/** A place that ended: its closing summary; a transfer hands over to a team elsewhere, which sees the person and gets a task. */
async function closePlace(tx: Tx, world: World, random: Random, place: DemoPlace, lookups: DemoLookups, openInvolvements: Set<string>, turn: number): Promise<void> {
  const ending = place.referralStatus as 'completed' | 'ended_early' | 'transferred'
  const by = workersOf(world, place).main
  const service = world.services.get(place.serviceId)!
  // In turn, a team elsewhere than the service the place was in.
  const candidates = receivingTeams.map(([organisation, team]) => lookups.teamId(organisation, team)).filter((teamId) => world.teamServices.get(teamId) !== place.serviceId)
  const teamId = ending === 'transferred' ? candidates[turn % candidates.length]! : null
  await tx.updateTable('allocation').set({ closing_summary: random.pick(closingSummaries[ending]), transferred_to_team_id: teamId }).where('id', '=', place.allocationId).execute()
  event(world, place, { kind: teamId ? 'case.transferred' : 'case.closed', category: 'referral', at: place.endedAt!, recordType: 'allocation', recordId: place.allocationId, by, details: { ending, ...(teamId ? { receivingTeamId: teamId } : {}) } })
  if (!teamId) return
  if (!openInvolvements.has(`${place.personId} ${teamId}`)) {
    openInvolvements.add(`${place.personId} ${teamId}`)
    push(world.rows, 'involvement', { id: newId(), person_id: place.personId, team_id: teamId, status: 'open', started_on: dayOf(place.endedAt!), opened_by: by })
  }
  push(world.rows, 'case_task', {
    id: newId(),
    kind: 'handover',
    allocation_id: place.allocationId,
    person_id: place.personId,
    assigned_team_id: teamId,
    title: `Hand-over from ${service.name}`,
    detail: `${service.name} (${service.organisationName}) has transferred a case to your team. Read its closing summary, formulation, plan and risk plan, then agree the hand-over with the previous team.`,
    source_type: 'allocation',
    source_id: place.allocationId,
    status: 'open',
    created_at: place.endedAt!,
  })
}

/** Adds the case work of the demo's places (insertDemoReferrals' result, in its order), so the same seed gives the same records. */
export async function insertDemoCasework(tx: Tx, random: Random, lookups: DemoLookups, places: readonly DemoPlace[], now: Date = new Date()): Promise<void> {
  const core10 = instrumentByKey('core-10')
  if (!core10) throw new Error('demo case work: the CORE-10 instrument is not configured')
  const users = await tx.selectFrom('staff_user').select(['id', 'organisation_id']).execute()
  const roles = await tx.selectFrom('staff_user_role').select(['user_id', 'role']).execute()
  const services = await tx.selectFrom('service').innerJoin('organisation', 'organisation.id', 'service.organisation_id').select(['service.id', 'service.slug', 'service.name', 'organisation.name as organisation_name']).execute()
  const elements = await tx.selectFrom('service_element').select(['id', 'name']).execute()
  const teams = await tx.selectFrom('team').select(['id', 'service_id']).execute()
  const openInvolvements = new Set((await tx.selectFrom('involvement').select(['person_id', 'team_id']).where('status', '=', 'open').execute()).map((row) => `${row.person_id} ${row.team_id}`))
  const world: World = {
    today: now.toISOString().slice(0, 10),
    now: now.toISOString(),
    staff: new Map(users.map((user) => [user.id, { organisationId: user.organisation_id, roles: roles.filter((row) => row.user_id === user.id).map((row) => row.role) }])),
    services: new Map(services.map((service) => [service.id, { slug: service.slug, name: service.name, organisationName: service.organisation_name }])),
    elements: new Map(elements.map((element) => [element.id, { name: element.name }])),
    teamServices: new Map(teams.map((team) => [team.id, team.service_id])),
    core10,
    rows: {},
  }
  const underWay = places.filter((place) => place.status === 'active' && place.referralStatus === 'started')
  const shapes: readonly OutcomeShape[] = ['improvement', 'no_change', 'deterioration']
  let clinical = 0
  let transfers = 0
  for (const place of places) {
    if (place.status === 'ended') {
      await closePlace(tx, world, random, place, lookups, openInvolvements, place.referralStatus === 'transferred' ? transfers++ : 0)
      continue
    }
    if (place.referralStatus !== 'started') {
      // Allocated, not yet started: the first session is booked.
      addContact(world, random, { ...sessionRota(world, place)[0]!, occursAt: at(addDays(world.today, random.integer(2, 20)), 10), elementId: place.elementId, minutes: 60 }, [{ place, outcome: null }])
      continue
    }
    const started = dayOf(place.startedAt)
    const from = started > addDays(world.today, -365) ? started : addDays(world.today, -365)
    addTiers(world, random, place, from)
    addFormulations(world, random, place, from)
    addPlan(world, random, place, from)
    addRiskPlans(world, random, place, from)
    addSessions(world, random, place, from)
    addNotes(world, random, place, from)
    if (place.leadClinicianId) addMeasurements(world, random, place, from, shapes[clinical++ % shapes.length]!)
  }
  addGroupSessions(world, random, underWay)

  const rows = world.rows
  const notes = rows.case_note ?? []
  // Parents before children, and an original note before its amendment.
  await insertInBatches(tx, 'involvement', rows.involvement ?? [])
  await insertInBatches(tx, 'case_tier', rows.case_tier ?? [])
  await insertInBatches(tx, 'case_formulation', rows.case_formulation ?? [])
  await insertInBatches(tx, 'case_formulation_author', rows.case_formulation_author ?? [])
  await insertInBatches(tx, 'pathway_plan', rows.pathway_plan ?? [])
  await insertInBatches(tx, 'plan_goal', rows.plan_goal ?? [])
  await insertInBatches(tx, 'plan_action', rows.plan_action ?? [])
  await insertInBatches(tx, 'contact', rows.contact ?? [])
  await insertInBatches(tx, 'contact_attendee', rows.contact_attendee ?? [])
  await insertInBatches(tx, 'case_note', notes.filter((note) => !note.amends_note_id))
  await insertInBatches(tx, 'case_note', notes.filter((note) => note.amends_note_id))
  await insertInBatches(tx, 'risk_plan', rows.risk_plan ?? [])
  await insertInBatches(tx, 'outcome_measurement', rows.outcome_measurement ?? [])
  await insertInBatches(tx, 'case_task', rows.case_task ?? [])
  await insertInBatches(tx, 'person_timeline_event', rows.person_timeline_event ?? [])
}
