import type { Locator } from 'playwright-core'
import { filteredServicesPage, servicesPaths } from '../../../src/modules/services/paths.ts'
import { serviceSettings, type ServiceSetting } from '../../../src/modules/services/rules.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { Page } from './page.ts'

export interface ServiceRef {
  slug: string
  name: string
}

/** The texts of the items of a list, trimmed. */
async function texts(list: Locator): Promise<string[]> {
  return (await list.allInnerTexts()).map((text) => text.trim())
}

/** The public services directory, optionally narrowed by where the services work. */
export class ServicesListPage extends Page {
  protected readonly path: string
  readonly heading = content.t('services.list.heading')
  protected readonly titleText = content.t('services.list.title')

  constructor(
    tab: Tab,
    readonly settings: readonly ServiceSetting[] = [],
  ) {
    super(tab)
    this.path = filteredServicesPage(settings)
  }

  /** The names of the listed services, in page order. */
  async serviceNames(): Promise<string[]> {
    return texts(this.mainContent().locator('.app-services h2 a'))
  }

  serviceLink(name: string): Locator {
    return this.mainContent().getByRole('link', { name, exact: true })
  }

  filterBox(setting: ServiceSetting): Locator {
    return this.mainContent().getByRole('checkbox', { name: content.t(`services.settings.${setting}`), exact: true })
  }

  /** Ticks exactly `settings` in the filter and applies it, arriving at the filtered list (checked as open() checks it). */
  async filterBy(settings: readonly ServiceSetting[]): Promise<ServicesListPage> {
    for (const setting of serviceSettings) await this.filterBox(setting).setChecked(settings.includes(setting))
    const apply = this.mainContent().getByRole('button', { name: content.t('services.filter.apply'), exact: true })
    return this.arriveAt(new ServicesListPage(this.tab, settings), () => apply.click(), 'applying the filter')
  }

  /** Follows a service's link to its page. */
  async openService(service: ServiceRef): Promise<ServicePage> {
    return this.follow(this.serviceLink(service.name), new ServicePage(this.tab, service))
  }
}

/** One public service: what it offers, its places, who it is for, who can refer, how to refer, files and contact. */
export class ServicePage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, service: ServiceRef) {
    super(tab)
    this.path = servicesPaths.service({ slug: service.slug })
    this.heading = service.name
    this.titleText = service.name
  }

  /** The elements table as [name, places] pairs, in page order. */
  async elements(): Promise<Array<[string, string]>> {
    const rows = this.mainContent().locator('table.app-service-elements tbody tr')
    const found: Array<[string, string]> = []
    for (const row of await rows.all()) {
      const cells = await texts(row.locator('td'))
      found.push([cells[0] ?? '', cells[1] ?? ''])
    }
    return found
  }

  /** The value of a row of the facts at the top (provider, setting) by its key's text. */
  async summaryValue(key: string): Promise<string> {
    const row = this.mainContent().locator('.app-service-facts .govuk-summary-list__row', { has: this.page.locator('.govuk-summary-list__key', { hasText: key }) })
    return (await row.locator('.govuk-summary-list__value').innerText()).trim()
  }

  /** The eligibility conditions, in words. */
  async eligibility(): Promise<string[]> {
    return texts(this.mainContent().locator('.app-service-eligibility li'))
  }

  /** The links to files for referrers, by their text ("Title (type, size)"). */
  async downloadLinks(): Promise<string[]> {
    return texts(this.mainContent().locator('.app-service-downloads a'))
  }

  downloadLink(text: string): Locator {
    return this.mainContent().locator('.app-service-downloads').getByRole('link', { name: text, exact: true })
  }
}
