import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SignInPage } from './pages/account-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { NewPersonPage } from './pages/people-pages.ts'
import { AccessRequestPage, AccessRequestsPage, ImportPeoplePage, ImportResultPage, PossibleMatchElsewherePage, RequestAccessPage, RequestSentPage } from './pages/person-import-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { createStaffMember, demoAccount, personOutsideScopeOf, type StaffMember } from './support/fixtures.ts'

// Every page below is reached through its page object, which checks its status and runs axe
// (WCAG 2.2 AA) on it; a form's error state is checked the same way.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember) {
  const tab = await site().openTab()
  const signIn = await new SignInPage(tab).open()
  await signIn.signIn(member, new HomePage(tab))
  return tab
}

describe('cohort import', () => {
  it('asks for a file, lists the rejected rows of a bad file and imports no one, then imports a good file', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const tab = await signedIn(clinician)
    const people = async () => Number((await db().selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

    const form = await new ImportPeoplePage(tab).open()
    await form.expectTitle()
    assert.equal(await form.team('Fallowmere PIPE clinical team').isChecked(), true, 'the clinician’s only team is chosen already')
    assert.deepEqual((await form.documentedColumns()).slice(0, 3), ['given_name', 'family_name', 'date_of_birth'])
    await form.submitExpectingProblems([content.t('personImport.upload.errors.fileMissing')])

    const before = await people()
    await form.chooseFile('cohort.csv', ['given_name,family_name,date_of_birth,crn', 'Wilhelmina,Sprocketnook,1984-06-01,X100001', ',Sprocketnook,1984-06-02,', 'Ambrose,Sprocketnook,1984-06-31,', 'Bertram,Sprocketnook,1984-06-05,x 100001'].join('\r\n'))
    const rejected = await form.submitTo(new ImportResultPage(tab, 'rejected'))
    await rejected.expectTitle()
    assert.deepEqual(await rejected.rejectedRows(), [
      [3, `given_name: ${content.t('people.fields.errors.givenNameMissing')}`],
      [4, `date_of_birth: ${content.t('people.fields.errors.dateOfBirthNotReal')}`],
      [5, `crn: ${content.t('personImport.problems.sameIdentifierInFile', { row: 2 })}`],
    ])
    assert.equal(await rejected.downloadLink().getAttribute('href'), `/people/import/${rejected.importId}/rejected-rows.csv`)
    assert.equal(await people(), before, 'no one imported')

    const again = await rejected.follow(rejected.uploadAgainLink(), new ImportPeoplePage(tab))
    await again.chooseFile('cohort.csv', ['given_name,family_name,date_of_birth,crn', 'Wilhelmina,Sprocketnook,1984-06-01,X100001', 'Ambrose,Sprocketnook,1984-06-30,X100002'].join('\r\n'))
    const imported = await again.submitTo(new ImportResultPage(tab, 'imported'))
    assert.equal((await imported.panelText()).trim(), content.t('personImport.result.importedText', { count: 2, team: 'Fallowmere PIPE clinical team' }))
    assert.equal(await people(), before + 2)
    imported.expectNoBrowserProblems()
  })
})

describe('a possible match at another organisation', () => {
  it('lets the user ask the team that holds it for access, saying nothing about it, and that team decide', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const hidden = await personOutsideScopeOf(db(), clinician)
    const { date_of_birth: dateOfBirth } = await db().selectFrom('person').select('date_of_birth').where('id', '=', hidden.id).executeTakeFirstOrThrow()
    const [year = '', month = '', day = ''] = dateOfBirth.split('-')
    const tab = await signedIn(clinician)

    const form = await new NewPersonPage(tab).open()
    await form.fillDetails({ givenName: hidden.givenName, familyName: hidden.familyName, dateOfBirth: [String(Number(day)), String(Number(month)), year] })
    const matches = await form.submitTo(new PossibleMatchElsewherePage(tab))
    assert.equal(await matches.elsewhereNotice().isVisible(), true, 'the page says a match exists elsewhere')

    const retry = await matches.requestAccess('urgent', new RequestAccessPage(tab))
    await retry.expectProblems([content.t('personMatching.request.errors.reasonTooShort')])
    assert.equal(await retry.reason().inputValue(), 'urgent', 'what was typed is kept')
    await retry.reason().fill('Assessing them in police custody tonight; I need their risk plan.')
    const sent = await retry.submitTo(new RequestSentPage(tab))
    assert.equal((await sent.panelText()).trim(), content.t('personMatching.sent.text'))
    const sentText = await sent.mainText()
    for (const secret of [hidden.id, hidden.familyName]) assert.ok(!sentText.includes(secret), `the answer does not name ${secret}`)

    // A member of the team holding the record sees the request and decides it.
    const holding = await db()
      .selectFrom('involvement')
      .innerJoin('team', 'team.id', 'involvement.team_id')
      .select(['team.id', 'team.organisation_id'])
      .where('involvement.person_id', '=', hidden.id)
      .where('involvement.status', '=', 'open')
      .orderBy('team.id')
      .executeTakeFirstOrThrow()
    const holder = await createStaffMember(db(), holding.organisation_id, ['volunteer'])
    await db().insertInto('team_membership').values({ user_id: holder.id, team_id: holding.id }).execute()
    const request = await db().selectFrom('access_request').select('id').where('person_id', '=', hidden.id).where('owning_team_id', '=', holding.id).executeTakeFirstOrThrow()
    const holderTab = await signedIn(holder)
    const received = await new AccessRequestsPage(holderTab).open()
    const one = await received.follow(received.requestAbout(`${hidden.givenName} ${hidden.familyName}`), new AccessRequestPage(holderTab, request.id))
    assert.deepEqual((await one.details()).find(([key]) => key === content.t('personMatching.decision.organisation')), [content.t('personMatching.decision.organisation'), clinician.organisation.name])
    await one.field(content.t('personMatching.decision.declined')).check()
    await one.submitExpectingProblems([content.t('personMatching.decision.errors.noteMissing')])
    await one.decide('granted', 'We will call you this evening.')
    const decided = await one.submitTo(new AccessRequestPage(holderTab, request.id))
    assert.ok((await decided.details()).some(([key, value]) => key === content.t('personMatching.decision.status') && value === content.t('personMatching.statuses.granted')))
    await decided.expectNoDecisionForm()
    decided.expectNoBrowserProblems()
  })
})
