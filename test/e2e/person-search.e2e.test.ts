import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { personMergePaths } from '../../src/modules/person-merge/paths.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { SignInPage } from './pages/account-pages.ts'
import { ErrorPage } from './pages/error-page.ts'
import { HomePage } from './pages/home-page.ts'
import { MergeChoosePage, PersonSearchPage, type PersonRef } from './pages/person-search-pages.ts'
import { useSite, type TabOptions } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, personOutsideScopeOf, type StaffMember } from './support/fixtures.ts'

// Every page below is reached through its page object, which checks its status and runs axe
// (WCAG 2.2 AA) on it; a form's error state is checked the same way.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember, options: TabOptions = {}) {
  const tab = await site().openTab(options)
  await new SignInPage(tab).open().then((page) => page.signIn(member, new HomePage(tab)))
  return tab
}

/** A person the member's first team works with, named for this test. */
async function personInScope(database: Db, member: StaffMember, givenName: string, familyName: string, dateOfBirth: string): Promise<PersonRef> {
  const team = await database
    .selectFrom('team_membership')
    .innerJoin('staff_user', 'staff_user.id', 'team_membership.user_id')
    .select('team_membership.team_id')
    .where('staff_user.id', '=', member.id)
    .executeTakeFirstOrThrow()
  const id = newId()
  await database.insertInto('person').values({ id, given_name: givenName, family_name: familyName, date_of_birth: dateOfBirth, updated_at: new Date().toISOString() }).execute()
  await database.insertInto('involvement').values({ id: newId(), person_id: id, team_id: team.team_id, status: 'open', started_on: '2026-01-05' }).execute()
  return { id, givenName, familyName }
}

describe('finding a person', () => {
  it('finds a person by a misspelt name and by an identifier typed loosely, says what to fix, and finds nobody out of scope', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const person = await personInScope(db(), clinician, 'Juniper', "O'Quillfeather", '1990-04-01')
    await db().insertInto('person_identifier').values({ id: newId(), person_id: person.id, kind: 'prison_number', value: 'A1234BC' }).execute()
    const tab = await signedIn(clinician)

    const search = await new PersonSearchPage(tab).open()
    await search.expectHeading()
    await search.expectTitle()
    await search.searchBox().fill('Jo')
    await search.submitExpectingProblems([content.t('personSearch.errors.tooShort')])

    const byName = await search.searchFor('juniper oquilfeather')
    assert.deepEqual(await byName.results(), [[`O'Quillfeather, Juniper`, '1 April 1990', content.t('personSearch.matchedOn.name')]])
    const byIdentifier = await byName.searchFor('a 1234 bc')
    assert.deepEqual((await byIdentifier.results()).map((row) => row[0]), [`O'Quillfeather, Juniper`])

    const outside = await personOutsideScopeOf(db(), clinician)
    const nobody = await byIdentifier.searchFor(`${outside.givenName} ${outside.familyName}`)
    await nobody.expectNothingFound()
    byIdentifier.expectNoBrowserProblems()
  })

  it('works without JavaScript', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const person = await personInScope(db(), clinician, 'Rhiannon', 'Dvořák-Crumpet', '1988-12-24')
    const tab = await signedIn(clinician, { javaScriptEnabled: false })
    const found = await new PersonSearchPage(tab).open().then((page) => page.searchFor('dvorak crumpet 24/12/1988'))
    assert.deepEqual((await found.results()).map((row) => row[0]), [`${person.familyName}, ${person.givenName}`])
  })
})

describe('merging duplicate records', () => {
  it('a clinician finds the duplicate, confirms the merge after a missing reason, sees it in the history and reverses it', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const survivor = await personInScope(db(), clinician, 'Marigold', 'Snickerdoodle', '1979-06-15')
    const duplicate = await personInScope(db(), clinician, 'Marigold', 'Snickerdoodel', '1979-06-15')
    const tab = await signedIn(clinician)

    const choose = await new MergeChoosePage(tab, survivor).open()
    await choose.expectHeading()
    await choose.expectTitle()
    const found = await choose.searchFor('Marigold Snickerdoodle 15/6/1979')
    const confirm = await found.choose(duplicate)
    await confirm.expectHeading()
    assert.deepEqual(await confirm.sides(), ['Marigold Snickerdoodle', 'Marigold Snickerdoodel'])
    await confirm.submitExpectingProblems([content.t('personMerge.errors.reasonMissing')])

    const history = await confirm.merge('Same date of birth and address; confirmed with Marigold at her appointment.')
    await history.expectHeading()
    await history.expectTitle()
    const [merge] = await history.merges()
    assert.ok(merge?.[0]?.includes('Marigold Snickerdoodel'), 'the merged record is listed')
    assert.ok(merge?.[4]?.includes(content.t('personMerge.merges.reverse')))

    const reversed = await history.reverse(duplicate)
    const [after] = await reversed.merges()
    assert.match(after?.[4] ?? '', /^Reversed at /)
    assert.equal(await reversed.reverseButton(duplicate).count(), 0)
    reversed.expectNoBrowserProblems()
  })

  it('a service manager gets 404 for the merge pages of a person outside their scope', async () => {
    const manager = await demoAccount(db(), 'service_manager')
    const outside = await personOutsideScopeOf(db(), manager)
    const tab = await signedIn(manager)
    await new ErrorPage(tab, personMergePaths.choose({ personId: outside.id }), 404).open()
    await new ErrorPage(tab, personMergePaths.merges({ personId: outside.id }), 404).open()
  })
})
