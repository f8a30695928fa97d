import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { labelOf } from '../../src/platform/content/code-lists.ts'
import { HomePage } from './pages/home-page.ts'
import { SignInPage } from './pages/account-pages.ts'
import { peoplePaths } from '../../src/modules/people/paths.ts'
import { newId } from '../../src/platform/db/ids.ts'
import { EditDetailsPage, HistoryPage, IdentifiersPage, NewPersonPage, PeopleListPage, PersonPage, PossibleMatchesPage, RecordSectionPage } from './pages/people-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, personKnownTo, personOutsideScopeOf, type StaffMember } from './support/fixtures.ts'

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

describe('the person record', () => {
  it('adds a person past a possible match, changes their details after an error, adds an identifier, and shows the history', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const existing = await personKnownTo(db(), clinician.organisation.id)
    const { date_of_birth: dateOfBirth } = await db().selectFrom('person').select('date_of_birth').where('id', '=', existing.id).executeTakeFirstOrThrow()
    const [year = '', month = '', day = ''] = dateOfBirth.split('-')
    const tab = await signedIn(clinician)

    const list = await new PeopleListPage(tab).open()
    await list.expectTitle()
    assert.equal(await list.searchBox().isVisible(), true, 'the list has a search box')
    const form = await list.follow(list.addPersonButton(), new NewPersonPage(tab))
    await form.expectHeading()
    assert.equal(await form.team('Fallowmere PIPE clinical team').isChecked(), true, 'the clinician’s only team is chosen already')

    // The same name and date of birth as someone the clinician's team already works with.
    await form.fillDetails({ givenName: existing.givenName, familyName: existing.familyName, dateOfBirth: [String(Number(day)), String(Number(month)), year] })
    const matches = await form.submitTo(new PossibleMatchesPage(tab))
    await matches.expectHeading()
    assert.ok((await matches.matchNames()).includes(`${existing.givenName} ${existing.familyName}`), 'the existing record is offered as a possible match')

    const person = await matches.createAnyway({ givenName: existing.givenName, familyName: existing.familyName })
    assert.notEqual(person.person.id, existing.id, 'a new record was made')
    assert.deepEqual(await person.timelineHeadings(), [content.t('people.history.headings.record.created')])

    const details = await person.follow(person.changeLink('people.record.identityHeading'), new EditDetailsPage(tab, person.person))
    await details.field(content.t('people.fields.givenName')).fill('')
    await details.submitExpectingProblems([content.t('people.fields.errors.givenNameMissing')])
    await details.field(content.t('people.fields.givenName')).fill('Marigold')
    await details.field(content.t('people.fields.pronouns')).fill('she/her')
    const renamed = { ...person.person, givenName: 'Marigold' }
    const updated = await details.submitTo(new PersonPage(tab, renamed))
    assert.deepEqual((await updated.card('people.record.identityHeading')).find(([key]) => key === content.t('people.labels.pronouns')), [content.t('people.labels.pronouns'), 'she/her'])

    const identifiers = await updated.follow(updated.changeLink('people.record.identifiersHeading'), new IdentifiersPage(tab, renamed))
    await identifiers.fillIdentifier(labelOf('identifier_kind', 'crn'), 'x 765 432')
    const added = await identifiers.submitTo(new IdentifiersPage(tab, renamed))
    assert.deepEqual(await added.identifiers(), [[labelOf('identifier_kind', 'crn'), 'X765432']])

    const record = await added.follow(added.backToRecord(), new PersonPage(tab, renamed))
    const history = await record.follow(record.historyLink(), new HistoryPage(tab, renamed))
    await history.expectTitle()
    const entries = await history.entries()
    assert.deepEqual(entries.map(([heading]) => heading), [
      content.t('people.history.headings.identifier.added'),
      content.t('people.history.headings.details.updated'),
      content.t('people.history.headings.record.created'),
    ])
    assert.ok(entries[1]?.includes(`${content.t('people.labels.given_name')}: from ${existing.givenName} to Marigold`), JSON.stringify(entries[1]))
    history.expectNoBrowserProblems()
  })

  it('shows the form with its problems without JavaScript too', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const tab = await site().openTab({ javaScriptEnabled: false })
    const signIn = await new SignInPage(tab).open()
    await signIn.signIn(clinician, new HomePage(tab))
    const form = await new NewPersonPage(tab).open()
    await form.field(content.t('people.identifiers.labels.nhs_number')).fill('943 476 5918')
    assert.deepEqual(await form.submitForProblems(), [
      content.t('people.fields.errors.givenNameMissing'),
      content.t('people.fields.errors.familyNameMissing'),
      content.t('people.fields.errors.dateOfBirthMissing'),
      content.t('people.fields.errors.nhsNumber.checkDigit'),
    ])
    assert.equal(await form.field(content.t('people.identifiers.labels.nhs_number')).inputValue(), '943 476 5918', 'what was typed is kept')
  })

  it('says only that a match exists at another organisation, and offers to ask for access', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const theirs = await personOutsideScopeOf(db(), clinician)
    const { date_of_birth: dateOfBirth } = await db().selectFrom('person').select('date_of_birth').where('id', '=', theirs.id).executeTakeFirstOrThrow()
    const [year = '', month = '', day = ''] = dateOfBirth.split('-')
    const tab = await signedIn(clinician)
    const form = await new NewPersonPage(tab).open()
    await form.fillDetails({ givenName: theirs.givenName, familyName: theirs.familyName, dateOfBirth: [day, month, year] })
    const matches = await form.submitTo(new PossibleMatchesPage(tab))
    assert.equal(await matches.elsewhereNotice().isVisible(), true)
    assert.deepEqual(await matches.matchNames(), [])
    assert.ok(!(await matches.html()).includes(theirs.id), 'nothing identifies the other organisation’s record')
    assert.equal(await matches.reasonField().isVisible(), true, 'a reason is asked for the access request')
  })

  it('gives every part of the record a page of its own that passes axe', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const known = await personKnownTo(db(), clinician.organisation.id)
    const personId = known.id
    const [identifierId, needId] = [newId(), newId()]
    await db().insertInto('person_identifier').values({ id: identifierId, person_id: personId, kind: 'pnc_id', value: '2012/0000123Q' }).execute()
    await db().insertInto('person_need').values({ id: needId, person_id: personId, need: 'homelessness', source: 'self_reported', started_on: '2026-01-02' }).execute()
    await db().insertInto('person_alias').values({ id: newId(), person_id: personId, alias_type: 'nickname', given_name: 'Kit', family_name: known.familyName }).execute()
    const involvement = await db().selectFrom('involvement').innerJoin('team', 'team.id', 'involvement.team_id').select('involvement.id').where('involvement.person_id', '=', personId).where('team.organisation_id', '=', clinician.organisation.id).where('involvement.status', '=', 'open').executeTakeFirstOrThrow()
    const tab = await signedIn(clinician)
    const sections: [string, string, string][] = [
      [peoplePaths.edit.location({ personId }), 'people.edit.location.title', 'people.edit.save'],
      [peoplePaths.edit.language({ personId }), 'people.edit.language.title', 'people.edit.save'],
      [peoplePaths.edit.characteristics({ personId }), 'people.edit.characteristics.title', 'people.edit.save'],
      [peoplePaths.edit.aliases({ personId }), 'people.edit.aliases.title', 'people.edit.aliases.add'],
      [peoplePaths.edit.endIdentifier({ personId, identifierId }), 'people.edit.endIdentifier.title', 'people.edit.endIdentifier.submit'],
      [peoplePaths.edit.needs({ personId }), 'people.edit.needs.title', 'people.edit.needs.add'],
      [peoplePaths.edit.endNeed({ personId, needId }), 'people.edit.endNeed.title', 'people.edit.endNeed.submit'],
      [peoplePaths.newInvolvement({ personId }), 'people.involvements.open.title', 'people.involvements.open.submit'],
      [peoplePaths.closeInvolvement({ personId, involvementId: involvement.id }), 'people.involvements.close.title', 'people.involvements.close.submit'],
    ]
    for (const [path, titleKey, submitKey] of sections) {
      const page = await new RecordSectionPage(tab, known, path, titleKey, submitKey).open()
      await page.expectHeading()
      await page.expectTitle()
    }
    // One of them with its problems shown, as every form shows them.
    const closing = await new RecordSectionPage(tab, known, peoplePaths.closeInvolvement({ personId, involvementId: involvement.id }), 'people.involvements.close.title', 'people.involvements.close.submit').open()
    await closing.submitExpectingProblems([content.t('people.fields.errors.closingReasonMissing')])
    const record = await new PersonPage(tab, known).open()
    assert.deepEqual((await record.card('people.record.identifiersHeading')).filter(([, value]) => value.startsWith('2012/0000123Q')), [[labelOf('identifier_kind', 'pnc_id'), `2012/0000123Q ${content.t('people.record.current')}`]])
  })
})
