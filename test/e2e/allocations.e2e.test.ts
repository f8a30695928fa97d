import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SignInPage } from './pages/account-pages.ts'
import { AllocatePage, CaseloadPage, MovePage, TeamCaseloadPage, WaitingListPage } from './pages/allocation-pages.ts'
import { HomePage } from './pages/home-page.ts'
import type { PersonRef } from './pages/people-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, type StaffMember } from './support/fixtures.ts'

// The referral journey from acceptance on, with the demo accounts and the demo referrals:
// wait → allocate → the person is in the worker's caseload. Every page is reached through
// its page object, which checks its status and runs axe (WCAG 2.2 AA) on it.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember, options: { javaScriptEnabled?: boolean } = {}) {
  const tab = await site().openTab(options)
  await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
  return tab
}

const pipe = async () => db().selectFrom('service').select(['id', 'name']).where('slug', '=', 'fallowmere-pipe').executeTakeFirstOrThrow()
const pipeTeam = async () => db().selectFrom('team').select(['id', 'name']).where('name', '=', 'Fallowmere PIPE clinical team').executeTakeFirstOrThrow()

/** A demo referral to the PIPE in `status`, asking for `element`, with its person. */
async function pipeReferral(status: string, element: string): Promise<{ referralId: string; person: PersonRef }> {
  const row = await db()
    .selectFrom('referral')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('service_element', 'service_element.id', 'referral.service_element_id')
    .innerJoin('person', 'person.id', 'referral.person_id')
    .select(['referral.id', 'person.id as person_id', 'person.given_name', 'person.family_name'])
    .where('service.slug', '=', 'fallowmere-pipe')
    .where('referral.status', '=', status)
    .where('service_element.name', '=', element)
    .orderBy('referral.id')
    .executeTakeFirstOrThrow()
  return { referralId: row.id, person: { id: row.person_id, givenName: row.given_name, familyName: row.family_name } }
}

describe('waiting lists, places and caseloads', () => {
  it('puts an accepted referral on the waiting list, allocates it a place, and the person appears in the keyworker’s caseload', async () => {
    const manager = await demoAccount(db(), 'service_manager')
    const keyworker = await demoAccount(db(), 'prison_keyworker')
    const clinician = await demoAccount(db(), 'clinician')
    const service = await pipe()
    const team = await pipeTeam()
    const { referralId, person } = await pipeReferral('accepted', 'Treatment service')
    const name = `${person.givenName} ${person.familyName}`
    const tab = await signedIn(manager)

    // From the manager's own caseload page to the service's waiting list.
    const caseload = await new CaseloadPage(tab).open()
    const list = await caseload.follow(caseload.waitingListLink(service.name), new WaitingListPage(tab, service))
    await list.expectHeading()
    await list.expectTitle()
    assert.deepEqual(await list.places(), [
      ['Engagement service', '30', content.t('allocations.places.full', { capacity: 30 })],
      ['Treatment service', '28', content.t('allocations.places.free', { free: 2, capacity: 30 })],
    ])
    assert.equal((await list.entries()).some((entry) => entry[1] === name), false, 'an accepted referral is not waiting yet')

    // No place offered yet: the referral joins the Treatment list, last among equals.
    const allocate = await new AllocatePage(tab, referralId, person).open()
    await allocate.expectHeading()
    await allocate.expectTitle()
    const treatmentList = await allocate.arriveAt(new WaitingListPage(tab, service, { element: (await db().selectFrom('service_element').select('id').where('service_id', '=', service.id).where('name', '=', 'Treatment service').executeTakeFirstOrThrow()).id }), () => allocate.waitButton().click(), 'adding to the waiting list')
    const waiting = await treatmentList.entries()
    const entry = waiting.find((row) => row[1] === name)
    assert.ok(entry, `${name} is on the Treatment list`)
    assert.match(entry[0] ?? '', new RegExp(`^\\d+ of ${waiting.length}$`))
    assert.equal(entry[2], 'Treatment service')

    // The allocation form from the list: the full element is refused with the override's question, then Treatment is taken.
    const form = await treatmentList.follow(treatmentList.allocateLink(person), new AllocatePage(tab, referralId, person))
    assert.match(await form.summaryValue('allocations.allocate.position'), new RegExp(`^${entry[0]}, waiting `))
    await form.chooseElement('Engagement service')
    await form.chooseWorkers({ keyworker: keyworker.displayName, leadClinician: clinician.displayName })
    await form.submitExpectingProblems([content.t('allocations.errors.reasonRequired', { element: 'Engagement service' })])
    await form.chooseElement('Treatment service')
    const teamCaseload = await form.submitTo(new TeamCaseloadPage(tab, team))
    await teamCaseload.expectHeading()
    const newest = (await teamCaseload.people())[0]
    assert.deepEqual([newest?.[0], newest?.[1], newest?.[3], newest?.[4]], [name, 'Treatment service Fallowmere PIPE wing', keyworker.displayName, clinician.displayName])
    assert.deepEqual((await teamCaseload.places()).map((row) => [row[0], row[3]]), [
      ['Engagement service', '30'],
      ['Treatment service', '29'],
    ])

    // The keyworker signs in and finds the person in their own caseload.
    const keyworkerTab = await signedIn(keyworker)
    const own = await new CaseloadPage(keyworkerTab).open()
    await own.expectHeading()
    await own.expectTitle()
    const row = (await own.people()).find((cells) => cells[0] === name)
    assert.ok(row, `${name} is in the keyworker's caseload`)
    assert.equal(row[3], content.t('allocations.caseload.roles.keyworker'))
    own.expectNoBrowserProblems()
  })

  it('moves a place from Engagement to Treatment without JavaScript, freeing an Engagement place on the waiting list', async () => {
    const manager = await demoAccount(db(), 'service_manager')
    const service = await pipe()
    const team = await pipeTeam()
    const placed = await db()
      .selectFrom('allocation')
      .innerJoin('service_element', 'service_element.id', 'allocation.service_element_id')
      .innerJoin('person', 'person.id', 'allocation.person_id')
      .select(['allocation.id', 'person.id as person_id', 'person.given_name', 'person.family_name'])
      .where('service_element.service_id', '=', service.id)
      .where('service_element.name', '=', 'Engagement service')
      .where('allocation.status', '=', 'active')
      .orderBy('allocation.id')
      .executeTakeFirstOrThrow()
    const person = { id: placed.person_id, givenName: placed.given_name, familyName: placed.family_name }
    const tab = await signedIn(manager, { javaScriptEnabled: false })
    const teamCaseload = await new TeamCaseloadPage(tab, team, '?sort=person&order=asc').open()
    const move = await teamCaseload.follow(teamCaseload.moveLink(person), new MovePage(tab, placed.id, person))
    await move.expectHeading()
    await move.field('Treatment service').check()
    // The first journey may have taken Treatment's last free place; the manager may go over with a reason (ignored while a place is free).
    await move.field(content.t('allocations.allocate.overCapacityReason')).fill('Settled and ready for treatment now')
    await move.submitTo(new TeamCaseloadPage(tab, team))
    const list = await new WaitingListPage(tab, service).open()
    assert.deepEqual((await list.places())[0], ['Engagement service', '29', content.t('allocations.places.free', { free: 1, capacity: 30 })])
    const history = await db().selectFrom('allocation').select(['status', 'ended_reason']).where('person_id', '=', person.id).orderBy('started_at').execute()
    assert.deepEqual(history.at(-2), { status: 'ended', ended_reason: 'moved' })
    assert.equal(history.at(-1)?.status, 'active')
  })
})
