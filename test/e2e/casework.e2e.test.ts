import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { labelOf } from '../../src/platform/content/code-lists.ts'
import { SignInPage } from './pages/account-pages.ts'
import { CaseloadPage } from './pages/allocation-pages.ts'
import { CaseHistoryPage, CaseOverviewPage, TasksPage } from './pages/case-pages.ts'
import { AddNotePage, AmendNotePage, CaseDocumentsPage, CaseNotesPage, type CaseRef } from './pages/case-note-pages.ts'
import { ContactsPage, RecordContactPage } from './pages/contact-pages.ts'
import { AddGoalPage, FormulationPage, NewFormulationPage, PlanPage } from './pages/formulation-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { core10, OutcomesPage, RecordMeasurePage } from './pages/outcome-pages.ts'
import { NewRiskPlanVersionPage, RiskPlanPage } from './pages/risk-plan-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, type StaffMember } from './support/fixtures.ts'

// Case work with the demo accounts and cases: the lead clinician goes through every section
// of a case, writing in each; the person's probation officer then reads the same case and
// sees nothing health-only. Every page is reached through its page object, which checks its
// status and runs axe (WCAG 2.2 AA) on it.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember) {
  const tab = await site().openTab()
  await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
  return tab
}

/** An open case led by the demo clinician, about a person the demo probation officer's team also works with. */
async function sharedCase(clinician: StaffMember, officer: StaffMember): Promise<CaseRef> {
  const row = await db()
    .selectFrom('allocation')
    .innerJoin('person', 'person.id', 'allocation.person_id')
    .select(['allocation.id', 'person.id as person_id', 'person.given_name', 'person.family_name'])
    .where('allocation.lead_clinician_user_id', '=', clinician.id)
    .where('allocation.status', '=', 'active')
    .where('person.is_restricted', '=', false)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('involvement')
          .innerJoin('team_membership', 'team_membership.team_id', 'involvement.team_id')
          .select('involvement.id')
          .whereRef('involvement.person_id', '=', 'person.id')
          .where('involvement.status', '=', 'open')
          .where('team_membership.user_id', '=', officer.id),
      ),
    )
    .orderBy('allocation.id')
    .executeTakeFirstOrThrow()
  return { allocationId: row.id, person: { id: row.person_id, givenName: row.given_name, familyName: row.family_name } }
}

// Dates as a worker types them: today and a day within the next three months, in UK time.
const today = new Date()
const ukParts = (date: Date) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/London' }).formatToParts(date).map((part) => [part.type, part.value]))
const todayTyped = ukParts(today) as { day: string; month: string; year: string }
const yesterdayTyped = ukParts(new Date(today.getTime() - 86_400_000)) as { day: string; month: string; year: string }
const inTwoMonths = ukParts(new Date(today.getTime() + 60 * 86_400_000)) as { day: string; month: string; year: string }

const healthOnlyText = 'Spoke about the anniversary of his brother’s death; low mood this week, no plans to harm himself.'
const ordinaryText = 'Attended keywork on time and asked about the education department’s courses.'

describe('working a case', () => {
  it('the lead clinician goes through every section of a case, writing in each, and the history and tasks follow', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const officer = await demoAccount(db(), 'probation_officer')
    const caseRef = await sharedCase(clinician, officer)
    const tab = await signedIn(clinician)

    // From the caseload to the case.
    const caseload = await new CaseloadPage(tab).open()
    const overview = await caseload.follow(caseload.mainContent().getByRole('link', { name: `${caseRef.person.givenName} ${caseRef.person.familyName}`, exact: true }).first(), new CaseOverviewPage(tab, caseRef))
    await overview.expectHeading()

    // Formulation: a new version with a shared and a clinical part, co-authored.
    const formulation = await overview.follow(overview.sectionLink('formulation'), new FormulationPage(tab, caseRef))
    const form = await formulation.follow(formulation.writeLink(), new NewFormulationPage(tab, caseRef))
    await form.write({ presentingDifficulties: 'Conflict with officers when plans change at short notice.', clinicalImpressions: 'Hypervigilance consistent with early trauma; review at the next supervision.' })
    await form.fillFormulatedOn(todayTyped)
    const written = await form.submitTo(new FormulationPage(tab, caseRef))
    assert.match(await written.sectionText('presentingDifficulties'), /plans change at short notice/)
    assert.equal(await written.showsClinicalPart(), true)

    // Plan: a goal.
    const plan = await written.follow(written.mainContent().page().getByRole('navigation', { name: content.t('casework.sectionsLabel') }).getByRole('link', { name: content.t('casework.sections.plan'), exact: true }), new PlanPage(tab, caseRef))
    const goalForm = await plan.follow(plan.addGoalButton(), new AddGoalPage(tab, caseRef))
    await goalForm.field(content.t('formulation.goal.description')).fill('Take part in the wing’s weekly community meeting')
    const planned = await goalForm.submitTo(new PlanPage(tab, caseRef))
    assert.ok((await planned.goals()).some((goal) => goal.includes('weekly community meeting')))

    // Contacts: yesterday's keywork session, attended.
    const contacts = await new ContactsPage(tab, caseRef).open()
    const record = await contacts.follow(contacts.recordButton(), new RecordContactPage(tab, caseRef))
    await record.describe({ kind: labelOf('contact_kind', 'keywork'), ...yesterdayTyped, time: '10:30', minutes: '45', location: 'Wing office' })
    await record.chooseOutcome(labelOf('contact_outcome', 'attended'))
    const recorded = await record.submitTo(new ContactsPage(tab, caseRef))
    assert.ok((await recorded.past()).some((row) => row.join(' ').includes('Wing office')))

    // Notes: an ordinary note and a health-only one, which is then amended.
    const notes = await new CaseNotesPage(tab, caseRef).open()
    const ordinary = await notes.follow(notes.addNoteButton(), new AddNotePage(tab, caseRef))
    await ordinary.chooseType(labelOf('case_note_type', 'keywork'))
    await ordinary.write(ordinaryText)
    const withOrdinary = await ordinary.submitTo(new CaseNotesPage(tab, caseRef))
    const clinical = await withOrdinary.follow(withOrdinary.addNoteButton(), new AddNotePage(tab, caseRef))
    await clinical.chooseType(labelOf('case_note_type', 'therapy_session'))
    await clinical.write(healthOnlyText)
    const withClinical = await clinical.submitTo(new CaseNotesPage(tab, caseRef))
    assert.equal(await withClinical.isHealthOnly(withClinical.note(healthOnlyText)), true)
    const note = await db().selectFrom('case_note').select('id').where('allocation_id', '=', caseRef.allocationId).where('text', '=', healthOnlyText).executeTakeFirstOrThrow()
    const amend = await withClinical.follow(withClinical.amendLink(withClinical.note(healthOnlyText)), new AmendNotePage(tab, caseRef, note.id))
    await amend.rewrite(`${healthOnlyText} Agreed to see the chaplain.`)
    await amend.giveReason('Left out what was agreed at the end of the session')
    const amended = await amend.submitTo(new CaseNotesPage(tab, caseRef))
    assert.match(await amended.amendedLine(amended.note(`${healthOnlyText} Agreed to see the chaplain.`)), /Left out what was agreed/)
    assert.equal((await db().selectFrom('case_note').select('text').where('id', '=', note.id).executeTakeFirstOrThrow()).text, healthOnlyText, 'the original is kept as written')

    // Risk: a new version of the plan with a contingency and a review in two months.
    const risk = await new RiskPlanPage(tab, caseRef).open()
    const riskForm = await risk.follow(risk.writeButton(), new NewRiskPlanVersionPage(tab, caseRef))
    await riskForm.fill('summary', 'Risk of violence to staff when frustrated; lower since joining the community meeting.')
    await riskForm.fillContingency(1, 'Offer time out in the quiet room', 'Wing senior officer')
    await riskForm.setReviewDate(inTwoMonths.day, inTwoMonths.month, inTwoMonths.year)
    const riskPlan = await riskForm.submitTo(new RiskPlanPage(tab, caseRef))
    assert.match(await riskPlan.section('summary'), /lower since joining/)

    // Outcomes: a CORE-10 today, all "not at all" (the two reversed items "most or all of the time").
    const outcomes = await new OutcomesPage(tab, caseRef).open()
    const measure = await outcomes.follow(outcomes.recordButton(core10), new RecordMeasurePage(tab, caseRef, core10))
    await measure.fillMeasuredOn(todayTyped.day, todayTyped.month, todayTyped.year)
    await measure.answer({ tense: 0, someone_to_turn_to: 4, able_to_cope: 4, talking_too_much: 0, panic: 0, plans_to_end_life: 0, sleep: 0, despairing: 0, unhappy: 0, unwanted_images: 0 })
    const measured = await measure.submitTo(new OutcomesPage(tab, caseRef))
    assert.equal((await measured.totals(core10)).at(-1)?.[1], '0')
    assert.match(await measured.chartDescription(core10), /CORE-10/)

    // Documents and history: what was written shows in the case's history.
    await overview.open()
    await overview.follow(overview.sectionLink('documents'), new CaseDocumentsPage(tab, caseRef))
    const history = await new CaseHistoryPage(tab, caseRef).open()
    const events = (await history.events()).map((cells) => cells[1])
    for (const kind of ['formulation.version_added', 'plan.changed', 'contact.recorded', 'case_note.added', 'case_note.amended', 'risk_plan.version_added', 'outcome.measured']) {
      assert.ok(events.includes(content.t(`people.timeline.kinds.${kind}`)), `the history shows "${kind}"`)
    }

    // My tasks lists what is due across the clinician's cases.
    const tasks = await new TasksPage(tab).open()
    assert.ok((await tasks.reminders()).length > 0, 'the demo clinician has reminders')
    tasks.expectNoBrowserProblems()
  })

  it('the person’s probation officer reads the same case without anything health-only', async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const officer = await demoAccount(db(), 'probation_officer')
    const caseRef = await sharedCase(clinician, officer)
    const tab = await signedIn(officer)
    const overview = await new CaseOverviewPage(tab, caseRef).open()
    assert.equal(await overview.sectionLink('outcomes').count(), 0, 'no outcomes section for a non-clinician')
    const notes = await overview.follow(overview.sectionLink('notes'), new CaseNotesPage(tab, caseRef))
    const texts = (await notes.currentTexts()).join('\n')
    assert.match(texts, /asked about the education department/)
    assert.doesNotMatch(texts, /brother’s death/)
    const formulation = await notes.follow(notes.mainContent().page().getByRole('navigation', { name: content.t('casework.sectionsLabel') }).getByRole('link', { name: content.t('casework.sections.formulation'), exact: true }), new FormulationPage(tab, caseRef))
    assert.equal(await formulation.showsClinicalPart(), false)
    assert.doesNotMatch(await formulation.mainText(), /Hypervigilance/)
    formulation.expectNoBrowserProblems()
  })
})
