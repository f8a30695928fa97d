import type { Locator } from 'playwright-core'
import { accountPaths, confirmIdentityReturningTo, signInReturningTo } from '../../../src/modules/account/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

export interface Credentials {
  email: string
  password: string
}

/** The sign-in page: fresh, after signing out (with its banner), or on the way to `returnTo`. */
export class SignInPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('account.signIn.title')
  protected readonly titleText = content.t('account.signIn.title')
  protected readonly submitText = content.t('account.signIn.submit')

  constructor(tab: Tab, options: { returnTo?: string; signedOut?: boolean } = {}) {
    super(tab)
    // sign-out.ts sends the browser to the sign-in page with ?signedOut=1 (there is no path helper for it).
    this.path = options.returnTo ? signInReturningTo(options.returnTo) : options.signedOut ? `${accountPaths.signIn()}?signedOut=1` : accountPaths.signIn()
  }

  emailField(): Locator {
    return this.field(content.t('account.signIn.email'))
  }

  passwordField(): Locator {
    return this.field(content.t('account.signIn.password'))
  }

  /** Types the email address and password into their fields, presses the button, and checks the page it leads to. */
  async signIn<Destination extends Page>(credentials: Credentials, destination: Destination): Promise<Destination> {
    await this.emailField().fill(credentials.email)
    await this.passwordField().fill(credentials.password)
    return this.submitTo(destination)
  }

  /** The green "You have signed out" banner. */
  signedOutBanner(): Locator {
    return this.mainContent().locator('.govuk-notification-banner--success')
  }
}

export class AccountPage extends Page {
  protected readonly path = accountPaths.account()
  readonly heading = content.t('account.page.title')
  protected readonly titleText = content.t('account.page.title')

  /** The value beside `key` (a content key of account.page) in the summary list. */
  async detail(key: string): Promise<string> {
    const row = this.mainContent().locator('.govuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: content.t(`account.page.${key}`) }) })
    return (await row.locator('dd.govuk-summary-list__value').innerText()).trim()
  }
}

/** The password asked for again before a sensitive action, coming back to `returnTo`. */
export class ConfirmIdentityPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('account.confirm.title')
  protected readonly titleText = content.t('account.confirm.title')
  protected readonly submitText = content.t('account.confirm.submit')

  constructor(tab: Tab, returnTo: string) {
    super(tab)
    this.path = confirmIdentityReturningTo(returnTo)
  }

  async confirm<Destination extends Page>(password: string, destination: Destination): Promise<Destination> {
    await this.field(content.t('account.confirm.password')).fill(password)
    return this.submitTo(destination)
  }
}

/** Setting up an authenticator app in the middle of signing in (a role that needs one, a user with none). */
export class AuthenticatorSetUpPage extends FormPage {
  protected readonly path = accountPaths.mfaEnrolAtSignIn()
  readonly heading = content.t('mfa.enrol.title')
  protected readonly titleText = content.t('mfa.enrol.title')
  protected readonly submitText = content.t('mfa.enrol.submit')

  /** The QR code, found by its role and accessible name. */
  qrCode(): Locator {
    return this.mainContent().getByRole('img', { name: content.t('mfa.enrol.qrCodeName'), exact: true })
  }

  /** The setup key as the page shows it for typing, in groups of four. */
  async shownKey(): Promise<string> {
    return (await this.mainContent().locator('code').innerText()).trim()
  }

  /** The setup key without the spaces, as an authenticator app takes it. */
  async secret(): Promise<string> {
    return (await this.shownKey()).replace(/\s/g, '')
  }

  codeField(): Locator {
    return this.field(content.t('mfa.enrol.code'))
  }
}

/** The recovery codes, shown once, in the answer to the form that set up the authenticator. */
export class RecoveryCodesPage extends Page {
  protected readonly path = accountPaths.mfaEnrolAtSignIn()
  readonly heading = content.t('mfa.recoveryCodes.title')
  protected readonly titleText = content.t('mfa.recoveryCodes.title')

  async codes(): Promise<string[]> {
    return (await this.mainContent().locator('li code').allInnerTexts()).map((code) => code.trim())
  }

  /** "I have saved these codes": a link styled as a button. */
  continueButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('mfa.recoveryCodes.continue'), exact: true })
  }

  successBanner(): Locator {
    return this.mainContent().locator('.govuk-notification-banner--success')
  }
}
