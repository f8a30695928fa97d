import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { accountPaths } from '../../src/modules/account/paths.ts'
import { peoplePaths } from '../../src/modules/people/paths.ts'
import { recoveryCodePolicy } from '../../src/platform/auth/mfa.ts'
import { authenticatorCode } from '../support/sessions.ts'
import { AccountPage, AuthenticatorSetUpPage, ConfirmIdentityPage, RecoveryCodesPage, SignInPage } from './pages/account-pages.ts'
import { InviteUserPage, NewOrganisationPage, OrganisationPage, OrganisationsPage, UserPage, UsersPage } from './pages/admin-pages.ts'
import { ErrorPage } from './pages/error-page.ts'
import { AgreementsPage, AuditTrailPage, BreakGlassQueuePage, NewAgreementPage } from './pages/governance-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { BreakGlassPage, PersonPage } from './pages/people-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import {
  createStaffMember,
  demoAccount,
  makePasswordConfirmationStale,
  personOutsideScopeOf,
  recordBreakGlassUse,
  type StaffMember,
} from './support/fixtures.ts'
import type { Tab } from './support/tab.ts'

// Every page below is reached through its page object, which checks its status and runs
// axe (WCAG 2.2 AA) on it; a form's error state is checked the same way, axe included.

const site = useSite()
const db = () => site().database.handle.db

/** Signs `member` in through the sign-in form in a new tab; they land on the home page, signed in. */
async function signedIn(member: StaffMember): Promise<{ tab: Tab; home: HomePage }> {
  const tab = await site().openTab()
  const signIn = await new SignInPage(tab).open()
  const home = await signIn.signIn(member, new HomePage(tab))
  await home.expectSignedInAs(member.displayName)
  return { tab, home }
}

/** A 6-digit code the authenticator with `secret` does not show now, nor two steps either side. */
function wrongCodeFor(secret: string): string {
  const now = Date.now()
  const shown = new Set([-2, -1, 0, 1, 2].map((step) => authenticatorCode(secret, new Date(now + step * 30_000))))
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, '0')
    if (!shown.has(code)) return code
  }
}

describe('signing in and out', () => {
  it('shows the error summary for an empty form, signs a demo account in by typing and clicking, shows the account page, and signs out by clicking', async () => {
    const member = await demoAccount(db(), 'clinician')
    const tab = await site().openTab()

    const signIn = await new SignInPage(tab).open()
    await signIn.expectHeading()
    await signIn.expectTitle()
    await signIn.expectSignedOut()
    await signIn.submitExpectingProblems([content.t('account.signIn.errors.emailMissing'), content.t('account.signIn.errors.passwordMissing')])

    const home = await signIn.signIn(member, new HomePage(tab))
    await home.expectSignedInAs(member.displayName)

    const account = await home.follow(home.accountLink(member.displayName), new AccountPage(tab))
    await account.expectHeading()
    await account.expectTitle()
    assert.equal(await account.detail('email'), member.email)
    assert.equal(await account.detail('organisation'), member.organisation.name)

    const signedOut = await account.arriveAt(new SignInPage(tab, { signedOut: true }), () => account.signOutButton().click(), 'clicking the sign-out button')
    assert.equal(await signedOut.signedOutBanner().isVisible(), true, 'the "signed out" banner is shown')
    assert.ok((await signedOut.signedOutBanner().innerText()).includes(content.t('account.signIn.signedOut')), 'the banner says you have signed out')
    await signedOut.expectSignedOut()

    // The session has ended: the account page sends the browser to sign in again.
    const signInAgain = await new SignInPage(tab, { returnTo: accountPaths.account() }).openVia(accountPaths.account())
    signInAgain.expectNoBrowserProblems()
  })

  it('signs in with the keyboard only: Tab to the email address, type, Tab to the password, type, Enter', async () => {
    const member = await demoAccount(db(), 'service_manager')
    const tab = await site().openTab()
    const signIn = await new SignInPage(tab).open()

    await signIn.tabTo(signIn.emailField())
    await signIn.type(member.email)
    await signIn.press('Tab')
    assert.equal(await signIn.isFocused(signIn.passwordField()), true, 'Tab moves from the email address to the password')
    await signIn.type(member.password)

    const home = await signIn.arriveAt(new HomePage(tab), () => signIn.press('Enter'), 'pressing Enter in the password field')
    await home.expectSignedInAs(member.displayName)
    home.expectNoBrowserProblems()
  })
})

describe('setting up an authenticator at the first sign-in', () => {
  it('takes a new user in a role that needs one from the QR code and key, past a missing and a wrong code, to the recovery codes and in', async () => {
    const colleague = await demoAccount(db(), 'clinician')
    const member = await createStaffMember(db(), colleague.organisation.id, ['clinician'])
    const tab = await site().openTab()

    const signIn = await new SignInPage(tab).open()
    const setUp = await signIn.signIn(member, new AuthenticatorSetUpPage(tab))
    await setUp.expectHeading()
    await setUp.expectTitle()
    await setUp.expectSignedOut()

    const qrCode = setUp.qrCode()
    assert.equal(await qrCode.isVisible(), true, 'the QR code is visible, with its accessible name')
    assert.equal(await qrCode.evaluate((element) => element.tagName.toLowerCase()), 'svg')
    const box = await qrCode.boundingBox()
    assert.ok(box && box.width >= 100 && box.height >= 100, `the QR code is big enough to scan (${JSON.stringify(box)})`)
    const secret = await setUp.secret()
    assert.match(secret, /^[A-Z2-7]{32}$/, 'the key shown is a base32 secret')

    await setUp.submitExpectingProblems([content.t('mfa.enrol.errors.codeMissing')])
    await setUp.codeField().fill(wrongCodeFor(secret))
    await setUp.submitExpectingProblems([content.t('mfa.enrol.errors.wrongCode')])
    assert.equal(await setUp.secret(), secret, 'after a wrong code the page shows the same key, so the app already set up still works')

    await setUp.codeField().fill(authenticatorCode(secret))
    const recoveryCodes = await setUp.submitTo(new RecoveryCodesPage(tab))
    await recoveryCodes.expectHeading()
    await recoveryCodes.expectTitle()
    assert.ok((await recoveryCodes.successBanner().innerText()).includes(content.t('mfa.recoveryCodes.enrolled')), 'the banner says the app is set up')
    const codes = await recoveryCodes.codes()
    assert.equal(codes.length, recoveryCodePolicy.count)
    for (const code of codes) assert.match(code, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/)

    const home = await recoveryCodes.follow(recoveryCodes.continueButton(), new HomePage(tab))
    await home.expectSignedInAs(member.displayName)
    home.expectNoBrowserProblems()
  })
})

describe('administration', () => {
  it('as an organisation administrator: organisations, their organisation, its users, the invite form and its errors, and a user', async () => {
    const admin = await demoAccount(db(), 'organisation_administrator')
    const colleague = await demoAccount(db(), 'clinician')
    assert.equal(colleague.organisation.id, admin.organisation.id, 'the demo clinician works in the administrator’s organisation')
    const { tab } = await signedIn(admin)

    const organisations = await new OrganisationsPage(tab).open()
    await organisations.expectHeading()
    assert.equal(await organisations.addButton().count(), 0, 'only a system administrator may add an organisation')
    const organisation = await organisations.follow(organisations.organisationLink(admin.organisation.name), new OrganisationPage(tab, admin.organisation))
    await organisation.expectHeading()
    await organisation.expectTitle()

    const users = await organisation.follow(organisation.usersLink(), new UsersPage(tab, admin.organisation))
    await users.expectTitle()
    const invite = await users.follow(users.inviteButton(), new InviteUserPage(tab, admin.organisation))
    await invite.expectTitle()
    await invite.submitExpectingProblems([
      content.t('admin.invite.errors.nameMissing'),
      content.t('admin.invite.errors.emailMissing'),
      content.t('admin.access.errors.rolesMissing'),
    ])

    const usersAgain = await new UsersPage(tab, admin.organisation).open()
    const user = await usersAgain.follow(usersAgain.userLink(colleague.displayName), new UserPage(tab, colleague))
    await user.expectHeading()
    await user.expectTitle()
    user.expectNoBrowserProblems()
  })

  it('as a system administrator: the new-organisation form and its errors', async () => {
    const sysadmin = await demoAccount(db(), 'system_administrator')
    const { tab } = await signedIn(sysadmin)

    const organisations = await new OrganisationsPage(tab).open()
    const newOrganisation = await organisations.follow(organisations.addButton(), new NewOrganisationPage(tab))
    await newOrganisation.expectHeading()
    await newOrganisation.expectTitle()
    await newOrganisation.submitExpectingProblems([content.t('admin.newOrganisation.errors.nameMissing'), content.t('admin.newOrganisation.errors.typeMissing')])
    newOrganisation.expectNoBrowserProblems()
  })
})

describe('break-glass', () => {
  it('a probation officer gets 404 for a person outside their scope, confirms their password, gives a reason and sees the record under the emergency-access banner', async () => {
    const officer = await demoAccount(db(), 'probation_officer')
    const person = await personOutsideScopeOf(db(), officer)
    const { tab } = await signedIn(officer)

    await new ErrorPage(tab, peoplePaths.person({ personId: person.id }), 404).open()

    // The sign-in a moment ago counts as a fresh password; make it an old one, so break-glass asks again.
    await makePasswordConfirmationStale(db(), officer)
    const breakGlassPath = peoplePaths.breakGlass({ personId: person.id })
    const confirm = await new ConfirmIdentityPage(tab, breakGlassPath).openVia(breakGlassPath)
    await confirm.expectHeading()
    await confirm.expectTitle()
    await confirm.submitExpectingProblems([content.t('account.confirm.errors.passwordMissing')])

    const breakGlass = await confirm.confirm(officer.password, new BreakGlassPage(tab, person.id))
    await breakGlass.expectHeading()
    await breakGlass.expectTitle()
    await breakGlass.submitExpectingProblems([content.t('people.breakGlass.errors.categoryMissing'), content.t('people.breakGlass.errors.reasonTooShort')])

    const record = await breakGlass.requestAccess('safeguarding', 'E2E journey: a safeguarding concern reported out of hours.', new PersonPage(tab, person))
    await record.expectHeading()
    await record.expectTitle()
    await record.expectEmergencyAccessBanner()
    record.expectNoBrowserProblems()
  })
})

describe('information governance', () => {
  it('an IG lead sees the audit trail (and a filter error), the sharing agreements, the new-agreement form and its errors, and the break-glass review queue', async () => {
    const igLead = await demoAccount(db(), 'ig_lead')
    const clinician = await demoAccount(db(), 'clinician')
    assert.equal(clinician.organisation.id, igLead.organisation.id, 'the demo clinician works in the IG lead’s organisation')
    await recordBreakGlassUse(db(), clinician, await personOutsideScopeOf(db(), clinician), 'E2E fixture: a use waiting for review.')
    const { tab } = await signedIn(igLead)

    const audit = await new AuditTrailPage(tab).open()
    await audit.expectHeading()
    await audit.expectTitle()
    await audit.personFilter().fill('not-a-pathways-id')
    await audit.submitExpectingProblems([content.t('auditReview.filters.errors.personInvalid')])
    // Viewing the audit trail is itself audited, so now it has events to show in its table.
    const auditWithEvents = await new AuditTrailPage(tab).open()
    assert.ok((await auditWithEvents.eventRows().count()) > 0, 'the audit trail lists events')

    const agreements = await new AgreementsPage(tab).open()
    await agreements.expectHeading()
    await agreements.expectTitle()
    const newAgreement = await agreements.follow(agreements.addButton(), new NewAgreementPage(tab))
    await newAgreement.expectTitle()
    await newAgreement.submitExpectingProblems([
      content.t('access.newAgreement.errors.nameMissing'),
      content.t('access.newAgreement.errors.partiesMissing'),
      content.t('access.newAgreement.errors.purposesMissing'),
      content.t('access.newAgreement.errors.categoriesMissing'),
      content.t('access.newAgreement.errors.startsOn.empty'),
    ])

    const queue = await new BreakGlassQueuePage(tab).open()
    await queue.expectHeading()
    await queue.expectTitle()
    assert.ok((await queue.useRows().filter({ hasText: clinician.displayName }).count()) >= 1, 'the clinician’s use waits for review')
    queue.expectNoBrowserProblems()
  })
})
