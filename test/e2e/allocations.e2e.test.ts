import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SignInPage } from './pages/account-pages.ts'
import { MovePage, TeamCaseloadPage, WaitingListPage } from './pages/allocation-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, type StaffMember } from './support/fixtures.ts'

// Moving a place between elements, with the demo accounts and referrals (the journey from
// referral to caseload is referrals.e2e.test.ts). Every page is reached through its page
// object, which checks its status and runs axe (WCAG 2.2 AA) on it.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember, options: { javaScriptEnabled?: boolean } = {}) {
  const tab = await site().openTab(options)
  await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
  return tab
}

const pipe = async () => db().selectFrom('service').select(['id', 'name']).where('slug', '=', 'fallowmere-pipe').executeTakeFirstOrThrow()
const pipeTeam = async () => db().selectFrom('team').select(['id', 'name']).where('name', '=', 'Fallowmere PIPE clinical team').executeTakeFirstOrThrow()

describe('moving places', () => {
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
    // The manager may go over capacity with a reason (ignored while a place is free).
    await move.field(content.t('allocations.allocate.overCapacityReason')).fill('Settled and ready for treatment now')
    await move.submitTo(new TeamCaseloadPage(tab, team))
    const list = await new WaitingListPage(tab, service).open()
    assert.deepEqual((await list.places())[0], ['Engagement service', '29', content.t('allocations.places.free', { free: 1, capacity: 30 })])
    const history = await db().selectFrom('allocation').select(['status', 'ended_reason']).where('person_id', '=', person.id).orderBy('started_at').execute()
    assert.deepEqual(history.at(-2), { status: 'ended', ended_reason: 'moved' })
    assert.equal(history.at(-1)?.status, 'active')
  })
})
