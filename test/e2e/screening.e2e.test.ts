import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { screeningPaths } from '../../src/modules/screening/paths.ts'
import { SignInPage } from './pages/account-pages.ts'
import { HomePage } from './pages/home-page.ts'
import type { PersonRef } from './pages/people-pages.ts'
import { ChooseCriteriaPage, NewRuleSetPage, NewScreeningPage, RuleSetsPage, ScreeningPage } from './pages/screening-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount, type StaffMember } from './support/fixtures.ts'

// Every page below is reached through its page object, which checks its status and runs axe
// (WCAG 2.2 AA) on it; a form's error state is checked the same way, axe included.

const site = useSite()
const db = () => site().database.handle.db

async function signedIn(member: StaffMember) {
  const tab = await site().openTab()
  const home = await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
  return { tab, home }
}

/** A demo man one of the member's teams works with: the men's criteria apply to him. */
async function manKnownTo(member: StaffMember): Promise<PersonRef> {
  const person = await db()
    .selectFrom('person')
    .innerJoin('involvement', 'involvement.person_id', 'person.id')
    .innerJoin('team_membership', 'team_membership.team_id', 'involvement.team_id')
    .select(['person.id', 'person.given_name', 'person.family_name'])
    .where('team_membership.user_id', '=', member.id)
    .where('involvement.status', '=', 'open')
    .where('person.is_restricted', '=', false)
    .where('person.sex', '=', 'male')
    .where('person.merged_into_id', 'is', null)
    .orderBy('person.id')
    .executeTakeFirstOrThrow()
  return { id: person.id, givenName: person.given_name, familyName: person.family_name }
}

const today = new Date().toISOString().slice(0, 10)

describe('OPD pathway screening', () => {
  it("screens a demo man on a chosen date, shows the outcome and the version that decided it, and takes a clinician's override", async () => {
    const clinician = await demoAccount(db(), 'clinician')
    const person = await manKnownTo(clinician)
    const { tab } = await signedIn(clinician)

    const form = await new NewScreeningPage(tab, person).open()
    await form.expectHeading()
    await form.expectTitle()
    assert.deepEqual(await form.choice(), [
      [content.t('screening.record.criteriaUsed'), `${content.t('screening.populations.men')} Decided by rule set opd-men version 1 (effective 1 April 2015)`],
      [content.t('screening.record.screenedOn'), new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today}T12:00:00Z`))],
    ])

    // The screening happened earlier this year: the date is changed first.
    const choose = await form.follow(form.changeLink(), new ChooseCriteriaPage(tab, person, screeningPaths.newScreeningWith(person.id, { population: 'men', screenedOn: today }, { change: true })))
    assert.equal(await choose.field(content.t('screening.populations.men')).isChecked(), true)
    await choose.fillDate('31', '2', '2025')
    await choose.submitExpectingProblems([content.t('screening.choose.errors.screenedOnNotReal')])
    await choose.fillDate('3', '2', '2025')
    const dated = await choose.submitTo(new NewScreeningPage(tab, person, { population: 'men', day: '3', month: '2', year: '2025' }))
    assert.equal((await dated.choice())[1]?.[1], '3 February 2025')

    await dated.submitExpectingProblems([
      content.t('screening.criteria.high_risk_of_serious_harm.missing'),
      content.t('screening.criteria.likely_severe_personality_disorder.missing'),
      content.t('screening.criteria.link_between_disorder_and_risk.missing'),
      content.t('screening.criteria.managed_by_probation.missing'),
    ])
    await dated.answer('high_risk_of_serious_harm', 'yes')
    await dated.answer('likely_severe_personality_disorder', 'yes')
    await dated.answer('link_between_disorder_and_risk', 'unknown')
    await dated.answer('managed_by_probation', 'yes')
    await dated.field(content.t('screening.record.itemsPresent')).fill('8')
    const screening = await dated.save()
    await screening.expectHeading()
    await screening.expectTitle()
    assert.deepEqual(await screening.outcomeLines(), [`${content.t('screening.screening.outcome')}: ${content.t('screening.outcomes.consider')}`, 'Decided by rule set opd-men version 1 (effective 1 April 2015)'])
    assert.deepEqual((await screening.answers())[2], [content.t('screening.criteria.link_between_disorder_and_risk.question'), content.t('screening.answers.unknown')])
    assert.deepEqual(await screening.card('screening.screening.scoreHeading'), [
      [content.t('screening.screening.scoreRule'), '7 or more of the 10 OASys personality disorder screening items, or 2 or more of the 4 indicators'],
      [content.t('screening.screening.itemsPresent'), '8 of 10'],
      [content.t('screening.screening.indicatorsPresent'), content.t('screening.screening.notRecorded')],
      [content.t('screening.screening.scoreResult'), content.t('screening.scores.met')],
    ])

    assert.equal(await screening.hasOverrideForm(), true, 'a clinician of an NHS trust may override')
    await screening.submitExpectingProblems([content.t('screening.override.errors.outcomeMissing'), content.t('screening.override.errors.reasonMissing')])
    await screening.fillOverride('screened_in', 'The formulation shows a clear link between the disorder and the risk.')
    const overridden = await screening.submitTo(new ScreeningPage(tab, screening.screeningId, person))
    assert.deepEqual((await overridden.outcomeLines())[0], `${content.t('screening.screening.outcome')}: ${content.t('screening.outcomes.screened_in')}`)
    const details = await overridden.card('screening.screening.detailsHeading')
    assert.equal(details[0]?.[1].startsWith(content.t('screening.outcomes.consider')), true, 'the computed outcome stays on the page')
    assert.match(details[1]?.[1] ?? '', new RegExp(`^${content.t('screening.outcomes.screened_in')} By ${clinician.displayName.replace(/[()]/g, '\\$&')} at `))
    assert.deepEqual(details[2], [content.t('screening.screening.reason'), 'The formulation shows a clear link between the disorder and the risk.'])
    assert.equal(await overridden.hasOverrideForm(), false, 'one override per screening')
    overridden.expectNoBrowserProblems()
  })

  it('lets the demo service manager see every version and start a new one from the women\'s criteria', async () => {
    const manager = await demoAccount(db(), 'service_manager')
    const { tab, home } = await signedIn(manager)
    const list = await home.follow(tab.page.getByRole('banner').getByRole('link', { name: content.t('screening.navigation'), exact: true }), new RuleSetsPage(tab))
    await list.expectHeading()
    await list.expectTitle()
    assert.deepEqual(await list.versions(), [
      { name: 'opd-men version 1', population: content.t('screening.populations.men'), effectiveFrom: '1 April 2015', status: content.t('screening.ruleSets.statuses.in_force') },
      { name: 'opd-women version 1', population: content.t('screening.populations.women'), effectiveFrom: '1 April 2015', status: content.t('screening.ruleSets.statuses.in_force') },
    ])

    const women = await db().selectFrom('screening_rule_set').select('id').where('key', '=', 'opd-women').executeTakeFirstOrThrow()
    const form = await list.follow(list.newVersionLink('opd-women version 1'), new NewRuleSetPage(tab, women.id))
    await form.expectHeading()
    assert.deepEqual(await form.checkedCriteria(), ['qualifying_current_offence', 'high_risk_of_serious_harm', 'likely_personality_disorder', 'link_between_disorder_and_risk'].map((key) => content.t(`screening.criteria.${key}.name`)))
    await form.field(content.t('screening.newRuleSet.itemThreshold')).fill('16')
    await form.submitExpectingProblems([content.t('screening.newRuleSet.errors.itemThresholdInvalid'), content.t('screening.newRuleSet.errors.effectiveFromMissing')])
    await form.field(content.t('screening.newRuleSet.itemThreshold')).fill('9')
    const nextYear = String(new Date().getUTCFullYear() + 1)
    await form.fillEffectiveFrom('1', '4', nextYear)
    const updated = await form.submitTo(new RuleSetsPage(tab))
    assert.deepEqual((await updated.versions()).at(-1), { name: 'opd-women version 2', population: content.t('screening.populations.women'), effectiveFrom: `1 April ${nextYear}`, status: content.t('screening.ruleSets.statuses.scheduled') })
    updated.expectNoBrowserProblems()
  })
})
