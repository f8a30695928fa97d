import type { Locator } from 'playwright-core'
import { allocationsPaths } from '../../../src/modules/allocations/paths.ts'
import { caseworkPaths } from '../../../src/modules/casework/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import type { CaseRef } from './case-note-pages.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

const nameOf = (caseRef: CaseRef) => `${caseRef.person.givenName} ${caseRef.person.familyName}`
const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The cells of a table's body, row by row, as the user reads them. */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr')
  const found: string[][] = []
  for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('th, td').allInnerTexts()).map(squashed))
  return found
}

/** The date boxes of a GOV.UK date input, by its fieldset's legend. */
async function fillDate(page: FormPage, legend: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-')
  const group = page.mainContent().getByRole('group', { name: legend, exact: true })
  await group.getByLabel('Day', { exact: true }).fill(String(Number(day)))
  await group.getByLabel('Month', { exact: true }).fill(String(Number(month)))
  await group.getByLabel('Year', { exact: true }).fill(year ?? '')
}

/** The overview of a case: the place, the workers, the tier and its history, and the form to move the case into a tier. */
export class CaseOverviewPage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('casework.tiers.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = caseworkPaths.overview({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('casework.sections.overview')} – ${this.heading}`
  }

  /** The value beside `key` (a content key) in the case's summary list. */
  async summaryValue(key: string): Promise<string> {
    const row = this.mainContent().locator('.govuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: content.t(key) }) })
    return squashed(await row.locator('dd').innerText())
  }

  /** The tiers the case has been in, the current one first: [tier, from, to, recorded by]. */
  tierHistory(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-tier-history'))
  }

  /** Chooses a tier (by its label, e.g. "Tier 3: co-working") and the date it starts (YYYY-MM-DD). */
  async chooseTier(label: string, startsOn: string): Promise<void> {
    await this.field(label).check()
    await fillDate(this, content.t('casework.tiers.startsOn'), startsOn)
  }

  /** "End the place and close the case", shown to the service's own allocators while the case is open. */
  closeLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('casework.overview.close'), exact: true })
  }

  /** A section in the case's sub-navigation, by its content key under casework.sections. */
  sectionLink(section: string): Locator {
    return this.mainContent().getByRole('navigation', { name: content.t('casework.sectionsLabel'), exact: true }).getByRole('link', { name: content.t(`casework.sections.${section}`), exact: true })
  }
}

/** Everything that happened in the case, newest first, a page at a time. */
export class CaseHistoryPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, page = 1) {
    super(tab)
    const list = caseworkPaths.history({ allocationId: caseRef.allocationId })
    this.path = page > 1 ? `${list}?page=${page}` : list
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('casework.sections.history')} – ${this.heading}`
  }

  /** [when, what happened, by] for each event on the page. */
  events(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table'))
  }
}

/** Closing a case: the allocations module's form that ends the place, with the closing summary and, for a transfer, the receiving team. */
export class CloseCasePage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('allocations.end.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('allocations.end.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = allocationsPaths.end({ allocationId: caseRef.allocationId })
    this.titleText = `${this.heading} – ${nameOf(caseRef)}`
  }

  /** How the work ends, by its label (e.g. "Transferred to another service"), and the reason's label if it takes one. */
  async chooseEnding(label: string, reason?: string): Promise<void> {
    await this.field(label).check()
    if (reason) await this.field(reason).check()
  }

  /** The team taking a transferred case on, as the select shows it: "Team (Organisation)". */
  async chooseReceivingTeam(team: string, organisation: string): Promise<void> {
    await this.field(content.t('allocations.end.team')).selectOption({ label: content.t('allocations.end.teamOption', { team, organisation }) })
  }

  async writeClosingSummary(text: string): Promise<void> {
    await this.field(content.t('allocations.end.closingSummary')).fill(text)
  }
}

/** "My tasks", or (`teams`) "My teams' tasks": stored tasks to complete and reminders from the records. */
export class TasksPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, view: 'mine' | 'teams' = 'mine') {
    super(tab)
    this.path = view === 'teams' ? `${caseworkPaths.tasks()}?show=teams` : caseworkPaths.tasks()
    this.heading = content.t(view === 'teams' ? 'casework.tasks.teamsTitle' : 'casework.tasks.title')
    this.titleText = this.heading
  }

  /** [task (title, kind, detail, due), person, assigned to, since, button] for each stored task. */
  tasks(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-tasks'))
  }

  /** [what, person, due] for each reminder, earliest due first. */
  reminders(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-reminders'))
  }

  /** The "Mark as done" button of the task with this title (its hidden text names the task). */
  markDoneButton(title: string): Locator {
    return this.mainContent().getByRole('button', { name: `${content.t('casework.tasks.markDone')} ${content.t('casework.tasks.markDoneHidden', { title })}`, exact: true })
  }

  /** Marks the task done; the list comes back without it. */
  async markDone(title: string): Promise<void> {
    await this.navigateBy(() => this.markDoneButton(title).click())
  }

  /** The link to the other view (mine ↔ teams) in the sub-navigation. */
  viewLink(view: 'mine' | 'teams'): Locator {
    return this.mainContent().getByRole('navigation', { name: content.t('casework.tasks.viewsLabel'), exact: true }).getByRole('link', { name: content.t(view === 'teams' ? 'casework.tasks.teamsTitle' : 'casework.tasks.title'), exact: true })
  }
}
