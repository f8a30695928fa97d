import type { Locator } from 'playwright-core'
import { servicesPaths } from '../../../src/modules/services/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

const manage = servicesPaths.manage

export interface ManagedServiceRef {
  id: string
  name: string
}

/** A link styled as a button (role="button") in the main content. */
const mainButtonLink = (page: Page, name: string): Locator => page.mainContent().getByRole('button', { name, exact: true })

/** The services a service manager looks after. */
export class ManagedServicesPage extends Page {
  protected readonly path = manage.list()
  readonly heading = content.t('services.manage.list.title')
  protected readonly titleText = content.t('services.manage.list.title')

  serviceLink(name: string): Locator {
    return this.mainContent().getByRole('link', { name, exact: true })
  }

  async serviceNames(): Promise<string[]> {
    return (await this.mainContent().locator('.app-managed-services tbody a').allInnerTexts()).map((name) => name.trim())
  }
}

/** One service as its manager sees it, with a way to change each part. */
export class ManagedServicePage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(
    tab: Tab,
    readonly service: ManagedServiceRef,
  ) {
    super(tab)
    this.path = manage.service({ serviceId: service.id })
    this.heading = service.name
    this.titleText = service.name
  }

  /** The "Change" link of a row of the details, by its key. */
  changeLink(key: string): Locator {
    return this.mainContent().locator('.app-managed-details .govuk-summary-list__row', { has: this.page.locator('dt', { hasText: key }) }).getByRole('link')
  }

  detail(key: string): Promise<string> {
    const row = this.mainContent().locator('.app-managed-details .govuk-summary-list__row', { has: this.page.locator('dt', { hasText: key }) })
    return row.locator('.govuk-summary-list__value').innerText().then((text) => text.trim())
  }

  /** The parts of the service as [name, places]. */
  async elements(): Promise<Array<[string, string]>> {
    const rows = this.mainContent().locator('.app-managed-elements .govuk-summary-list__row')
    const found: Array<[string, string]> = []
    for (const row of await rows.all()) found.push([(await row.locator('dt').innerText()).trim(), (await row.locator('.govuk-summary-list__value').innerText()).trim()])
    return found
  }

  /** The titles of the files for referrers. */
  async downloads(): Promise<string[]> {
    return (await this.mainContent().locator('.app-managed-downloads dt').allInnerTexts()).map((title) => title.trim())
  }

  /** The "What changed" column of the history, newest first. */
  async history(): Promise<string[]> {
    return (await this.mainContent().locator('.app-service-history tbody td:nth-child(3)').allInnerTexts()).map((text) => text.trim())
  }

  addElementButton(): Locator {
    return mainButtonLink(this, content.t('services.manage.service.addElement'))
  }

  uploadButton(): Locator {
    return mainButtonLink(this, content.t('services.manage.service.upload'))
  }

  publishButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('services.manage.service.publish'), exact: true })
  }
}

/** The form that changes a service's details. */
export class ServiceDetailsPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('services.manage.details.changeTitle')
  protected readonly titleText: string
  protected readonly submitText = content.t('services.manage.details.changeSubmit')

  constructor(tab: Tab, service: ManagedServiceRef) {
    super(tab)
    this.path = manage.details({ serviceId: service.id })
    this.titleText = `${content.t('services.manage.details.changeTitle')} – ${service.name}`
  }

  settingBox(setting: string): Locator {
    return this.mainContent().getByRole('checkbox', { name: content.t(`services.settings.${setting}`), exact: true })
  }
}

/** The form that adds a part of the service with its places. */
export class NewElementPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('services.manage.element.addTitle')
  protected readonly titleText: string
  protected readonly submitText = content.t('services.manage.element.addSubmit')

  constructor(tab: Tab, service: ManagedServiceRef) {
    super(tab)
    this.path = manage.newElement({ serviceId: service.id })
    this.titleText = `${content.t('services.manage.element.addTitle')} – ${service.name}`
  }

  async fill(name: string, places: string): Promise<void> {
    await this.field(content.t('services.manage.element.name')).fill(name)
    await this.field(content.t('services.manage.element.capacity')).fill(places)
  }
}

/** The form that uploads a file for referrers. */
export class UploadPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('services.manage.download.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('services.manage.download.submit')

  constructor(tab: Tab, service: ManagedServiceRef) {
    super(tab)
    this.path = manage.newDownload({ serviceId: service.id })
    this.titleText = `${content.t('services.manage.download.title')} – ${service.name}`
  }

  /** Types the title and chooses a file, as a person would in the file picker. */
  async choose(title: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.field(content.t('services.manage.download.fileTitle')).fill(title)
    await this.field(content.t('services.manage.download.file')).setInputFiles(file)
  }
}
