import type { Locator } from 'playwright-core'
import { contactsPaths } from '../../../src/modules/contacts/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import type { CaseRef } from './case-note-pages.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()
const nameOf = (caseRef: CaseRef) => `${caseRef.person.givenName} ${caseRef.person.familyName}`

/** The contacts section of a case: what is coming up, then past contacts (and overdue ones), newest first. */
export class ContactsPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, page = 1) {
    super(tab)
    const list = contactsPaths.list({ allocationId: caseRef.allocationId })
    this.path = page > 1 ? `${list}?page=${page}` : list
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('casework.sections.contacts')} – ${this.heading}`
  }

  private async rows(caption: string): Promise<string[][]> {
    const table = this.mainContent().locator('table.app-contacts').filter({ has: this.page.locator('caption', { hasText: caption }) })
    const rows = table.locator('tbody tr')
    const found: string[][] = []
    for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('td').allInnerTexts()).map(squashed))
    return found
  }

  /** Planned contacts still to come: [date and time, contact, length, where, outcome, follow-up]. */
  upcoming(): Promise<string[][]> {
    return this.rows(content.t('contacts.list.upcoming'))
  }

  /** Contacts that have happened, or whose outcome is overdue, in the same columns. */
  past(): Promise<string[][]> {
    return this.rows(content.t('contacts.list.past'))
  }

  recordButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('contacts.list.record'), exact: true })
  }

  planGroupLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('contacts.list.planGroup'), exact: true })
  }

  /** The "Record outcome" link of a planned contact; `kind` its kind's label, `when` as the page shows it ("14:30 on 27 March 2026"). */
  recordOutcomeLink(kind: string, when: string): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('contacts.list.recordOutcome')} ${content.t('contacts.list.recordOutcomeOf', { kind: kind.toLowerCase(), when })}`, exact: true })
  }

  /** The "Attendance" link of a group session, for the teams delivering the service. */
  attendanceLink(title: string, when: string): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('contacts.list.takeAttendance')} ${content.t('contacts.list.takeAttendanceOf', { title, when })}`, exact: true })
  }
}

/** The outcome radios with their conditional questions (views/macros.njk outcomeFields), on any contact form. */
abstract class OutcomeFormPage extends FormPage {
  /** A radio inside the fieldset whose legend is `legend`, by its label. */
  protected choice(legend: string, label: string): Locator {
    return this.mainContent().getByRole('group', { name: legend, exact: true }).getByLabel(label, { exact: true })
  }

  protected abstract readonly outcomeLegend: string

  async chooseOutcome(label: string): Promise<void> {
    await this.choice(this.outcomeLegend, label).check()
  }

  async chooseCancelledBy(label: string): Promise<void> {
    await this.choice(content.t('contacts.form.cancelledBy'), label).check()
  }

  async chooseCancellationReason(label: string): Promise<void> {
    await this.choice(content.t('contacts.form.cancellationReason'), label).check()
  }

  async chooseDidNotAttendReason(label: string): Promise<void> {
    await this.choice(content.t('contacts.form.didNotAttendReason'), label).check()
  }
}

export interface ContactDetails {
  /** The kind's label, e.g. "Keywork session". */
  kind: string
  /** The UK date and time as typed. */
  day: string
  month: string
  year: string
  time: string
  minutes: string
  location?: string
  followUp?: string
}

/** Recording a contact of a case: kind, date and time, length, place, follow-up and, once it has happened, the outcome. */
export class RecordContactPage extends OutcomeFormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('contacts.record.submit')
  protected readonly outcomeLegend = content.t('contacts.form.outcomeHeading')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = contactsPaths.record({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('contacts.record.title')} – ${this.heading}`
  }

  /** Fills in what the contact is and when and where it happens; leaves the outcome alone. */
  async describe(contact: ContactDetails): Promise<void> {
    await this.choice(content.t('contacts.form.kind'), contact.kind).check()
    const date = this.mainContent().getByRole('group', { name: content.t('contacts.form.occursOn') })
    await date.getByLabel('Day', { exact: true }).fill(contact.day)
    await date.getByLabel('Month', { exact: true }).fill(contact.month)
    await date.getByLabel('Year', { exact: true }).fill(contact.year)
    await this.field(content.t('contacts.form.time')).fill(contact.time)
    await this.field(content.t('contacts.form.duration')).fill(contact.minutes)
    if (contact.location !== undefined) await this.field(content.t('contacts.form.location')).fill(contact.location)
    if (contact.followUp !== undefined) await this.field(content.t('contacts.form.followUp')).fill(contact.followUp)
  }

  /** The kinds offered, in order (a tier's own kind only while the case is in that tier). */
  async kinds(): Promise<string[]> {
    return (await this.mainContent().getByRole('group', { name: content.t('contacts.form.kind'), exact: true }).locator('.govuk-radios__label').allInnerTexts()).map(squashed)
  }
}

/** Recording what happened at one planned contact of a case. */
export class RecordOutcomePage extends OutcomeFormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('contacts.outcome.submit')
  protected readonly outcomeLegend = content.t('contacts.form.outcome')

  constructor(tab: Tab, caseRef: CaseRef, contactId: string) {
    super(tab)
    this.path = contactsPaths.outcome({ allocationId: caseRef.allocationId, contactId })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('contacts.outcome.title')} – ${this.heading}`
  }
}
