import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { samplePdf } from '../../src/platform/files/sample-documents.ts'
import { SignInPage } from './pages/account-pages.ts'
import { AllocatePage, CaseloadPage, TeamCaseloadPage, WaitingListPage } from './pages/allocation-pages.ts'
import { HomePage } from './pages/home-page.ts'
import type { PersonRef } from './pages/people-pages.ts'
import { AttachmentsPage, EditReferralPage, InboxPage, MyReferralsPage, NewReferralPage, NotificationsPage, ReferralPage, type ReferralRef } from './pages/referral-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, type StaffMember } from './support/fixtures.ts'

// The referral journey end to end, with the demo accounts and people: a probation officer
// refers a man on their caseload to the PIPE wing; the PIPE's service manager reviews and
// accepts it; he waits for a Treatment place, is allocated one and appears in the
// keyworker's caseload. Every page is reached through its page object, which checks its
// status and runs axe (WCAG 2.2 AA) on it.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember) {
  const tab = await site().openTab()
  await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
  return tab
}

/** A man on the officer's team's caseload with no referral and no screening yet, so the journey is his alone. */
async function manOnCaseloadOf(member: StaffMember): Promise<PersonRef> {
  const person = await db()
    .selectFrom('person')
    .innerJoin('involvement', 'involvement.person_id', 'person.id')
    .innerJoin('team_membership', 'team_membership.team_id', 'involvement.team_id')
    .select(['person.id', 'person.given_name', 'person.family_name'])
    .where('team_membership.user_id', '=', member.id)
    .where('involvement.status', '=', 'open')
    .where('person.sex', '=', 'male')
    .where('person.is_restricted', '=', false)
    .where('person.merged_into_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('referral').select('referral.id').whereRef('referral.person_id', '=', 'person.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('screening').select('screening.id').whereRef('screening.person_id', '=', 'person.id'))))
    .orderBy('person.id')
    .executeTakeFirstOrThrow()
  return { id: person.id, givenName: person.given_name, familyName: person.family_name }
}

const pipe = 'Fallowmere PIPE wing'

describe('referring a person, deciding the referral and allocating a place', () => {
  it('a probation officer refers a man to the PIPE; its service manager accepts it, he waits, is allocated a Treatment place and appears in the keyworker’s caseload', async () => {
    const officer = await demoAccount(db(), 'probation_officer')
    const manager = await demoAccount(db(), 'service_manager')
    const keyworker = await demoAccount(db(), 'prison_keyworker')
    const clinician = await demoAccount(db(), 'clinician')
    const person = await manOnCaseloadOf(officer)

    // The officer starts a referral: told what is missing, then saves a draft.
    const officerTab = await signedIn(officer)
    const form = await new NewReferralPage(officerTab, person).open()
    await form.expectHeading()
    await form.expectTitle()
    await form.submitExpectingProblems([
      content.t('referrals.form.errors.serviceMissing'),
      content.t('referrals.form.errors.reasonsMissing'),
      content.t('referrals.form.errors.riskSummaryMissing'),
      content.t('referrals.form.errors.needsSummaryMissing'),
      content.t('referrals.form.errors.riskMissing'),
      content.t('referrals.form.errors.legalBasisMissing'),
    ])
    await form.chooseService(content.t('referrals.form.serviceElement', { service: pipe, element: 'Treatment service' }))
    await form.field(content.t('referrals.form.reasons')).fill('Settled on the wing and asking for psychological work on relationships.')
    const referral: ReferralRef = { id: await form.saveDraft(), serviceName: pipe, person }
    const draft = new ReferralPage(officerTab, referral)
    await draft.open()
    assert.equal(await draft.statusTag(), content.t('referrals.statuses.draft'))

    // A supporting document, then the rest of the answers, and the referral goes to the service.
    const documents = await draft.follow(draft.link(content.t('referrals.referral.manageDocuments')), new AttachmentsPage(officerTab, referral))
    await documents.choose('Latest OASys summary', { name: 'oasys-summary.pdf', mimeType: 'application/pdf', buffer: samplePdf('OASys summary') })
    await documents.submitTo(documents)
    assert.deepEqual(await documents.documents(), ['Latest OASys summary'])
    const back = await documents.follow(documents.mainContent().getByRole('link', { name: content.t('referrals.attachments.done'), exact: true }), new ReferralPage(officerTab, referral))
    const edit = await back.follow(back.link(content.t('referrals.referral.change')), new EditReferralPage(officerTab, referral))
    await edit.fillAnswers({
      reasons: 'Settled on the wing and asking for psychological work on relationships.',
      riskSummary: 'High risk of violence to known adults; managed through the wing\'s plan.',
      needsSummary: 'Trauma history; reading difficulties.',
      riskOfSeriousHarm: 'High',
      legalBasis: 'Public task',
      sentenceEndOn: ['30', '9', '2029'],
    })
    const submitted = await edit.submitTo(new ReferralPage(officerTab, referral))
    assert.equal(await submitted.statusTag(), content.t('referrals.statuses.submitted'))
    assert.deepEqual(await submitted.history(), [content.t('referrals.history.moved', { from: content.t('referrals.statuses.draft'), to: content.t('referrals.statuses.submitted') })])

    // The service manager finds it in the team inbox, newest first, and reviews it.
    const managerTab = await signedIn(manager)
    const mine = await new MyReferralsPage(managerTab).open()
    const inbox = await mine.follow(mine.inboxLink(), new InboxPage(managerTab))
    const newestFirst = await inbox.follow(inbox.mainContent().getByRole('link', { name: content.t('referrals.list.referred'), exact: true }), new InboxPage(managerTab, '?sort=referred&order=desc'))
    assert.equal(await newestFirst.mainContent().locator('th[aria-sort="descending"]').innerText(), content.t('referrals.list.referred'))
    const review = await newestFirst.follow(newestFirst.referralLinks(person).first(), new ReferralPage(managerTab, referral))
    await review.move(content.t('referrals.moves.in_review.button'))
    await review.expectHeading()
    assert.equal(await review.statusTag(), content.t('referrals.statuses.in_review'))
    assert.deepEqual((await review.eligibility()).map(([rule, outcome]) => [rule, outcome]), [
      ['Men only', content.t('referrals.eligibility.outcomes.met')],
      ['Screened in to the offender personality disorder (OPD) pathway', content.t('referrals.eligibility.outcomes.unknown')],
    ])
    await review.addNote('Discuss at Tuesday\'s referrals meeting.')
    await review.expectNoAxeViolations()

    // Declining needs a reason: the GOV.UK error pattern on the referral's page. Then it is accepted.
    await review.moveExpectingProblems(content.t('referrals.moves.declined.button'), [content.t('referrals.transition.problems.reasonRequired.declined')])
    await review.move(content.t('referrals.moves.accepted.button'), { note: 'A Treatment place is likely within two months.' })
    assert.equal(await review.statusTag(), content.t('referrals.statuses.accepted'))

    // The officer is told, and sees the decision and its history, but not the service's notes.
    const notices = await new NotificationsPage(officerTab).open()
    const decided = content.t('notifications.kinds.referral.accepted', { service: pipe })
    assert.ok((await notices.texts()).some((text) => text.includes(decided)), 'the referrer hears of the decision')
    const decision = await notices.follow(notices.notificationLink(decided).first(), new ReferralPage(officerTab, referral))
    assert.equal(await decision.statusTag(), content.t('referrals.statuses.accepted'))
    assert.equal((await decision.history())[0], content.t('referrals.history.moved', { from: content.t('referrals.statuses.in_review'), to: content.t('referrals.statuses.accepted') }))
    assert.doesNotMatch(await decision.mainText(), /Tuesday's referrals meeting/)
    assert.match(await decision.mainText(), /A Treatment place is likely within two months\./)
    decision.expectNoBrowserProblems()

    // From the manager's caseload to the PIPE's waiting list: two Treatment places are free, but not yet offered.
    const service = await db().selectFrom('service').select(['id', 'name']).where('slug', '=', 'fallowmere-pipe').executeTakeFirstOrThrow()
    const team = await db().selectFrom('team').select(['id', 'name']).where('name', '=', 'Fallowmere PIPE clinical team').executeTakeFirstOrThrow()
    const treatment = await db().selectFrom('service_element').select('id').where('service_id', '=', service.id).where('name', '=', 'Treatment service').executeTakeFirstOrThrow()
    const name = `${person.givenName} ${person.familyName}`
    const caseload = await new CaseloadPage(managerTab).open()
    const list = await caseload.follow(caseload.waitingListLink(service.name), new WaitingListPage(managerTab, service))
    assert.deepEqual(await list.places(), [
      ['Engagement service', '30', content.t('allocations.places.full', { capacity: 30 })],
      ['Treatment service', '28', content.t('allocations.places.free', { free: 2, capacity: 30 })],
    ])
    assert.equal((await list.entries()).some((entry) => entry[1] === name), false, 'an accepted referral is not waiting yet')

    // He joins the Treatment list, last among equals; the officer sees his place in it and the time waiting.
    const allocate = await new AllocatePage(managerTab, referral.id, person).open()
    const treatmentList = await allocate.arriveAt(new WaitingListPage(managerTab, service, { element: treatment.id }), () => allocate.waitButton().click(), 'adding to the waiting list')
    const waiting = await treatmentList.entries()
    const entry = waiting.find((row) => row[1] === name)
    assert.ok(entry, `${name} is on the Treatment list`)
    assert.match(entry[0] ?? '', new RegExp(`^\\d+ of ${waiting.length}$`))
    const position = Number((entry[0] ?? '').split(' ')[0])
    const officerView = await new ReferralPage(officerTab, referral).open()
    assert.ok((await officerView.mainText()).includes(content.t('referrals.referral.waiting', { position, of: waiting.length, days: 0 })), 'the referrer sees the place in the list and the time waiting')

    // The allocation form from the list: the full element is refused with the override's question, then Treatment is taken.
    const allocation = await treatmentList.follow(treatmentList.allocateLink(person), new AllocatePage(managerTab, referral.id, person))
    assert.match(await allocation.summaryValue('allocations.allocate.position'), new RegExp(`^${entry[0]}, waiting `))
    await allocation.chooseElement('Engagement service')
    await allocation.chooseWorkers({ keyworker: keyworker.displayName, leadClinician: clinician.displayName })
    await allocation.submitExpectingProblems([content.t('allocations.errors.reasonRequired', { element: 'Engagement service' })])
    await allocation.chooseElement('Treatment service')
    const teamCaseload = await allocation.submitTo(new TeamCaseloadPage(managerTab, team))
    const newest = (await teamCaseload.people())[0]
    assert.deepEqual([newest?.[0], newest?.[1], newest?.[3], newest?.[4]], [name, 'Treatment service Fallowmere PIPE wing', keyworker.displayName, clinician.displayName])
    assert.deepEqual((await teamCaseload.places()).map((row) => [row[0], row[3]]), [
      ['Engagement service', '30'],
      ['Treatment service', '29'],
    ])

    // The keyworker signs in and finds him in their own caseload.
    const keyworkerTab = await signedIn(keyworker)
    const own = await new CaseloadPage(keyworkerTab).open()
    await own.expectHeading()
    const row = (await own.people()).find((cells) => cells[0] === name)
    assert.ok(row, `${name} is in the keyworker's caseload`)
    assert.equal(row[3], content.t('allocations.caseload.roles.keyworker'))
    own.expectNoBrowserProblems()
  })
})
