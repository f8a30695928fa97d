import type { Locator } from 'playwright-core'
import { allocationsPaths } from '../../../src/modules/allocations/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import type { PersonRef } from './people-pages.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()
const nameOf = (person: PersonRef) => `${person.givenName} ${person.familyName}`

/** The cells of a table's body, row by row, as the user reads them. */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr')
  const found: string[][] = []
  for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('th, td').allInnerTexts()).map(squashed))
  return found
}

/** The places of each element, as the places table shows them: [element, …counts, free places]. */
function placesTable(page: Page): Promise<string[][]> {
  return tableRows(page.mainContent().locator('table.app-places'))
}

export interface ServiceRef {
  id: string
  name: string
}

/** A service's waiting list, for its own teams; `query` as the filter form or a sort link sends it. */
export class WaitingListPage extends Page {
  protected readonly path: string
  readonly heading = content.t('allocations.waitingList.title')
  protected readonly titleText: string

  constructor(tab: Tab, service: ServiceRef, query: Record<string, string> = {}) {
    super(tab)
    const search = new URLSearchParams(query).toString()
    this.path = `${allocationsPaths.waitingList({ serviceId: service.id })}${search ? `?${search}` : ''}`
    this.titleText = `${this.heading} – ${service.name}`
  }

  /** Each person waiting: [position, person, element, referred, time waiting, urgency]. */
  async entries(): Promise<string[][]> {
    return (await tableRows(this.mainContent().locator('table.app-waiting-list'))).map((cells) => cells.slice(0, 6))
  }

  places(): Promise<string[][]> {
    return placesTable(this)
  }

  /** The "Allocate" link on the person's row (its hidden text names them). */
  allocateLink(person: PersonRef): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('allocations.waitingList.allocate')} ${content.t('allocations.waitingList.allocateFor', { name: nameOf(person) })}`, exact: true })
  }
}

/** The allocation form for one referral, with "Add to the waiting list" while it is only accepted. */
export class AllocatePage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('allocations.allocate.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('allocations.allocate.submit')

  constructor(tab: Tab, referralId: string, person: PersonRef) {
    super(tab)
    this.path = allocationsPaths.allocate({ referralId })
    this.titleText = `${this.heading} – ${nameOf(person)}`
  }

  /** The value beside `key` (a content key) in the summary above the form. */
  async summaryValue(key: string): Promise<string> {
    const row = this.mainContent().locator('.govuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: content.t(key) }) })
    return squashed(await row.locator('dd').innerText())
  }

  async chooseElement(name: string): Promise<void> {
    await this.field(name).check()
  }

  async chooseWorkers(workers: { keyworker?: string; leadClinician?: string }): Promise<void> {
    if (workers.keyworker) await this.field(content.t('allocations.allocate.keyworker')).selectOption({ label: workers.keyworker })
    if (workers.leadClinician) await this.field(content.t('allocations.allocate.leadClinician')).selectOption({ label: workers.leadClinician })
  }

  waitButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('allocations.allocate.wait'), exact: true })
  }
}

/** Moving a place to another element of the service. */
export class MovePage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('allocations.move.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('allocations.move.submit')

  constructor(tab: Tab, allocationId: string, person: PersonRef) {
    super(tab)
    this.path = allocationsPaths.move({ allocationId })
    this.titleText = `${this.heading} – ${nameOf(person)}`
  }
}

/** What both caseload pages list: [person, element and service, since, …role or workers, status]. */
abstract class CaseloadListPage extends Page {
  async people(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-caseload'))
  }

  places(): Promise<string[][]> {
    return placesTable(this)
  }

  /** A sortable column heading's link. */
  sortLink(key: 'allocations.list.person' | 'allocations.place.element' | 'allocations.place.since'): Locator {
    return this.mainContent().locator('table.app-caseload thead').getByRole('link', { name: content.t(key), exact: true })
  }

  /** The "Move" link on the person's row. */
  moveLink(person: PersonRef): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('allocations.caseload.move')} ${content.t('allocations.caseload.placeOf', { name: nameOf(person) })}`, exact: true })
  }
}

/** The caller's own caseload, with links to their teams' caseloads and waiting lists. */
export class CaseloadPage extends CaseloadListPage {
  protected readonly path: string
  readonly heading = content.t('allocations.caseload.title')
  protected readonly titleText = content.t('allocations.caseload.title')

  constructor(tab: Tab, query = '') {
    super(tab)
    this.path = `${allocationsPaths.caseload()}${query}`
  }

  teamLink(team: string): Locator {
    return this.mainContent().getByRole('link', { name: content.t('allocations.caseload.teamLink', { team }), exact: true })
  }

  waitingListLink(service: string): Locator {
    return this.mainContent().getByRole('link', { name: content.t('allocations.caseload.waitingListLink', { service }), exact: true }).first()
  }
}

/** A team's caseload: per worker, per element, then every place. */
export class TeamCaseloadPage extends CaseloadListPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, team: { id: string; name: string }, query = '') {
    super(tab)
    this.path = `${allocationsPaths.teamCaseload({ teamId: team.id })}${query}`
    this.heading = content.t('allocations.teamCaseload.title', { team: team.name })
    this.titleText = this.heading
  }

  /** [worker, as keyworker, as lead clinician] for each member of the team. */
  workerCounts(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-worker-counts'))
  }
}
