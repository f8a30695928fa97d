import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { notificationsPaths } from '../../../src/modules/notifications/paths.ts'
import { referralsPaths } from '../../../src/modules/referrals/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import type { PersonRef } from './people-pages.ts'

export interface ReferralRef {
  id: string
  serviceName: string
  person: PersonRef
}

/** The answers a referrer types, by the form's labels. */
export interface ReferralAnswers {
  reasons: string
  riskSummary: string
  needsSummary: string
  /** Labels of the code lists' codes, as the radios show them. */
  riskOfSeriousHarm: string
  legalBasis: string
  sentenceEndOn?: [day: string, month: string, year: string]
}

const nameOf = (person: PersonRef) => `${person.givenName} ${person.familyName}`

/** The referral form: new for a person, or changing a referral. Its first button submits; the second saves a draft. */
abstract class ReferralFormPage extends FormPage {
  protected readonly submitText = content.t('referrals.form.submit')

  /** The service (or one of its parts) radio, by its label. */
  async chooseService(label: string): Promise<void> {
    await this.field(label).check()
  }

  async fillAnswers(answers: ReferralAnswers): Promise<void> {
    await this.field(content.t('referrals.form.reasons')).fill(answers.reasons)
    await this.field(content.t('referrals.form.riskSummary')).fill(answers.riskSummary)
    await this.field(content.t('referrals.form.needsSummary')).fill(answers.needsSummary)
    await this.mainContent().getByRole('group', { name: content.t('referrals.form.riskOfSeriousHarm') }).getByLabel(answers.riskOfSeriousHarm, { exact: true }).check()
    await this.mainContent().getByRole('group', { name: content.t('referrals.form.legalBasis') }).getByLabel(answers.legalBasis, { exact: true }).check()
    if (answers.sentenceEndOn) {
      const sentence = this.mainContent().getByRole('group', { name: content.t('referrals.form.sentenceEndOn') })
      const [day, month, year] = answers.sentenceEndOn
      await sentence.getByLabel(content.t('referrals.form.day'), { exact: true }).fill(day)
      await sentence.getByLabel(content.t('referrals.form.month'), { exact: true }).fill(month)
      await sentence.getByLabel(content.t('referrals.form.year'), { exact: true }).fill(year)
    }
  }

  saveDraftButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('referrals.form.saveDraft'), exact: true })
  }

  /** Presses "Save as draft"; returns the id of the referral it led to (its page). */
  async saveDraft(): Promise<string> {
    const response = await this.navigateBy(() => this.saveDraftButton().click())
    assert.equal(response.status(), 200)
    return new URL(response.url()).pathname.split('/').at(-1) ?? ''
  }
}

/** "Refer to a service", for a person in the referrer's scope. */
export class NewReferralPage extends ReferralFormPage {
  protected readonly path: string
  readonly heading = content.t('referrals.form.newTitle')
  protected readonly titleText = content.t('referrals.form.newTitle')

  constructor(tab: Tab, person: PersonRef) {
    super(tab)
    this.path = referralsPaths.newReferral({ personId: person.id })
  }
}

/** "Change the referral": a draft, or one the service asked more about. */
export class EditReferralPage extends ReferralFormPage {
  protected readonly path: string
  readonly heading = content.t('referrals.form.changeTitle')
  protected readonly titleText = content.t('referrals.form.changeTitle')

  constructor(tab: Tab, referral: Pick<ReferralRef, 'id'>) {
    super(tab)
    this.path = referralsPaths.edit({ referralId: referral.id })
  }
}

/** A referral's page: its status, answers, documents, history, the moves the user may make, and for the service its eligibility and notes. */
export class ReferralPage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  /** The page's own form is the service's note; each move has a small form of its own. */
  protected readonly submitText = content.t('referrals.notes.submit')

  constructor(tab: Tab, referral: ReferralRef) {
    super(tab)
    this.path = referralsPaths.referral({ referralId: referral.id })
    this.heading = content.t('referrals.referral.title', { service: referral.serviceName })
    this.titleText = `${this.heading} – ${nameOf(referral.person)}`
  }

  /** The status tag's text. */
  async statusTag(): Promise<string> {
    return (await this.mainContent().locator('.govuk-tag').first().innerText()).trim()
  }

  link(text: string): Locator {
    return this.mainContent().getByRole('link', { name: text, exact: true })
  }

  /** Opens a move's form (a details element named by its button) and returns it. */
  async openMove(button: string): Promise<Locator> {
    const details = this.mainContent().locator('details').filter({ has: this.page.locator('summary', { hasText: button }) })
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
    return details
  }

  /** Makes a move: opens its form, picks the reason and types the note given, and presses its button. */
  async move(button: string, answers: { reason?: string; note?: string } = {}): Promise<void> {
    const form = await this.openMove(button)
    if (answers.reason) await form.getByLabel(answers.reason, { exact: true }).check()
    if (answers.note) await form.getByLabel(content.t('referrals.moves.note'), { exact: true }).fill(answers.note)
    await this.navigateBy(() => form.getByRole('button', { name: button, exact: true }).click())
  }

  /** Tries a move with the answers given and expects it refused with `problems`, in the GOV.UK error pattern. */
  async moveExpectingProblems(button: string, problems: readonly string[]): Promise<void> {
    const form = await this.openMove(button)
    const response = await this.navigateBy(() => form.getByRole('button', { name: button, exact: true }).click())
    assert.equal(response.status(), 400)
    await this.expectProblems(problems)
  }

  /** The history's entries, newest first: "From to To". */
  async history(): Promise<string[]> {
    return (await this.mainContent().locator('.moj-timeline__title').allInnerTexts()).map((text) => text.trim())
  }

  /** The eligibility panel's rows: rule, outcome, because. */
  async eligibility(): Promise<string[][]> {
    const rows = this.mainContent().locator('table.govuk-table tbody tr')
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('th, td').allInnerTexts()).map((cell) => cell.trim())))
  }

  async addNote(text: string): Promise<void> {
    await this.field(content.t('referrals.notes.add')).fill(text)
    await this.navigateBy(() => this.submitButton().click())
  }
}

/** The supporting documents of a referral being written. */
export class AttachmentsPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('referrals.attachments.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('referrals.attachments.submit')

  constructor(tab: Tab, referral: ReferralRef) {
    super(tab)
    this.path = referralsPaths.attachments({ referralId: referral.id })
    this.titleText = `${content.t('referrals.attachments.title')} – ${referral.serviceName}`
  }

  async choose(title: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.field(content.t('referrals.attachments.fileTitle')).fill(title)
    await this.field(content.t('referrals.attachments.file')).setInputFiles(file)
  }

  /** The documents listed, by title. */
  async documents(): Promise<string[]> {
    return (await this.mainContent().locator('table a[download]').allInnerTexts()).map((text) => text.trim())
  }
}

/** The referrals the user made. */
export class MyReferralsPage extends Page {
  protected readonly path = referralsPaths.mine()
  readonly heading = content.t('referrals.list.mine.title')
  protected readonly titleText = content.t('referrals.list.mine.title')

  /** The row's link to a person's referral, by the person's name. */
  referralLink(person: PersonRef): Locator {
    return this.mainContent().getByRole('link', { name: nameOf(person), exact: true })
  }

  inboxLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('referrals.list.inbox.title'), exact: true })
  }
}

/** New and in-review referrals to the services of the user's teams. */
export class InboxPage extends Page {
  protected readonly path: string
  readonly heading = content.t('referrals.list.inbox.title')
  protected readonly titleText = content.t('referrals.list.inbox.title')

  constructor(tab: Tab, query = '') {
    super(tab)
    this.path = `${referralsPaths.inbox()}${query}`
  }

  referralLinks(person: PersonRef): Locator {
    return this.mainContent().getByRole('link', { name: nameOf(person), exact: true })
  }
}

export class NotificationsPage extends Page {
  protected readonly path = notificationsPaths.list()
  readonly heading = content.t('notifications.title')
  protected readonly titleText = content.t('notifications.title')

  /** The notifications' texts, newest first. */
  async texts(): Promise<string[]> {
    return (await this.mainContent().locator('.app-notification .govuk-body').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
  }

  notificationLink(text: string): Locator {
    return this.mainContent().getByRole('link', { name: text, exact: true })
  }
}
