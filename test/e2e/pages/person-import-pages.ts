import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { personImportPaths } from '../../../src/modules/person-import/paths.ts'
import { personMatchingPaths } from '../../../src/modules/person-matching/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import { PossibleMatchesPage } from './people-pages.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The upload form of the cohort import. */
export class ImportPeoplePage extends FormPage {
  protected readonly path = personImportPaths.importPeople()
  readonly heading = content.t('personImport.upload.title')
  protected readonly titleText = content.t('personImport.upload.title')
  protected readonly submitText = content.t('personImport.upload.submit')

  team(name: string): Locator {
    return this.field(name)
  }

  /** Chooses a file to upload, as if picked from the computer: its name and contents. */
  async chooseFile(name: string, contents: string): Promise<void> {
    await this.field(content.t('personImport.upload.file')).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(contents) })
  }

  /** The "how to lay out the file" details, opened: the columns it lists. */
  async documentedColumns(): Promise<string[]> {
    await this.mainContent().getByText(content.t('personImport.format.title'), { exact: true }).click()
    return (await this.mainContent().locator('.govuk-details table tbody tr td:first-child').allInnerTexts()).map(squashed)
  }
}

/**
 * What became of an import: everyone imported, or the rejected rows a page at a time. The
 * import's id is made by the upload, so the page is wherever the tab shows an import's result.
 */
export class ImportResultPage extends Page {
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, outcome: 'imported' | 'rejected') {
    super(tab)
    this.heading = content.t(outcome === 'imported' ? 'personImport.result.importedTitle' : 'personImport.result.rejectedTitle')
    this.titleText = this.heading
  }

  protected get path(): string {
    const shown = this.currentPath
    return /^\/people\/import\/[0-9a-f-]{36}(\?page=\d+)?$/.test(shown) ? shown : personImportPaths.importResult.pattern
  }

  get importId(): string {
    return this.currentUrl.pathname.split('/').pop() ?? ''
  }

  /** Each rejected row on this page: its number and what is wrong, in words. */
  async rejectedRows(): Promise<Array<[row: number, problems: string]>> {
    const rows = this.mainContent().locator('table tbody tr')
    const found: Array<[number, string]> = []
    for (const row of await rows.all()) found.push([Number(await row.locator('th').innerText()), squashed(await row.locator('td').innerText())])
    return found
  }

  panelText(): Promise<string> {
    return this.mainContent().locator('.govuk-panel__body').innerText()
  }

  downloadLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('personImport.result.download'), exact: true })
  }

  uploadAgainLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('personImport.result.again'), exact: true })
  }
}

/** The possible-match page of the new-person form, where a match elsewhere can only be asked for. */
export class PossibleMatchElsewherePage extends PossibleMatchesPage {
  /** Types the reason into the request-access form and sends it. */
  async requestAccess<Destination extends Page>(reason: string, destination: Destination): Promise<Destination> {
    await this.mainContent().getByLabel(content.t('people.matches.reason'), { exact: true }).fill(reason)
    const button = this.mainContent().getByRole('button', { name: content.t('people.matches.requestAccess'), exact: true })
    return this.arriveAt(destination, () => button.click(), 'sending the access request')
  }
}

/** The request-access form shown again when its reason needs fixing (the answer to its POST). */
export class RequestAccessPage extends FormPage {
  protected readonly path = personMatchingPaths.accessRequests()
  readonly heading = content.t('personMatching.request.title')
  protected readonly titleText = content.t('personMatching.request.title')
  protected readonly submitText = content.t('personMatching.request.submit')
  override readonly expectedStatus = 400

  reason(): Locator {
    return this.field(content.t('personMatching.request.reason'))
  }
}

/** The same words whoever holds (or does not hold) a match. */
export class RequestSentPage extends Page {
  protected readonly path = personMatchingPaths.accessRequestSent()
  readonly heading = content.t('personMatching.sent.title')
  protected readonly titleText = content.t('personMatching.sent.title')

  panelText(): Promise<string> {
    return this.mainContent().locator('.govuk-panel__body').innerText()
  }
}

/** The requests the user's teams received. */
export class AccessRequestsPage extends Page {
  protected readonly path = personMatchingPaths.accessRequests()
  readonly heading = content.t('personMatching.received.title')
  protected readonly titleText = content.t('personMatching.received.title')

  /** The link to the request about `personName`. */
  requestAbout(personName: string): Locator {
    return this.mainContent().locator('table tbody tr', { hasText: personName }).getByRole('link', { name: new RegExp(content.t('personMatching.received.open')) })
  }
}

/** One received request, with the decision form while it waits. */
export class AccessRequestPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('personMatching.decision.title')
  protected readonly titleText = content.t('personMatching.decision.title')
  protected readonly submitText = content.t('personMatching.decision.submit')

  constructor(tab: Tab, accessRequestId: string) {
    super(tab)
    this.path = personMatchingPaths.accessRequest({ accessRequestId })
  }

  /** The summary list's rows, key and value. */
  async details(): Promise<Array<[string, string]>> {
    const rows = this.mainContent().locator('.govuk-summary-list__row')
    const found: Array<[string, string]> = []
    for (const row of await rows.all()) found.push([squashed(await row.locator('dt').innerText()), squashed(await row.locator('dd').innerText())])
    return found
  }

  async decide(decision: 'granted' | 'declined', note: string): Promise<void> {
    await this.field(content.t(`personMatching.decision.${decision}`)).check()
    await this.field(content.t('personMatching.decision.noteLabel')).fill(note)
  }

  async expectNoDecisionForm(): Promise<void> {
    assert.equal(await this.submitButton().count(), 0, 'a decided request has no decision form')
  }
}
