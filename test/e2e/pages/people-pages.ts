import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { breakGlassCategories } from '../../../src/modules/people/forms.ts'
import { peoplePaths } from '../../../src/modules/people/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

export interface PersonRef {
  id: string
  givenName: string
  familyName: string
}

export type BreakGlassCategory = (typeof breakGlassCategories)[number]

/** A person's record summary, for a user whose scope (or break-glass) lets them see it. */
export class PersonPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, person: PersonRef) {
    super(tab)
    this.path = peoplePaths.person({ personId: person.id })
    this.heading = `${person.givenName} ${person.familyName}`
    this.titleText = this.heading
  }

  emergencyAccessBanner(): Locator {
    return this.mainContent().locator('.govuk-notification-banner')
  }

  /** The banner saying the record is open through break-glass, and until when. */
  async expectEmergencyAccessBanner(): Promise<void> {
    const banner = this.emergencyAccessBanner()
    assert.equal(await banner.isVisible(), true, 'the emergency-access banner is shown')
    assert.equal((await banner.locator('.govuk-notification-banner__title').innerText()).trim(), content.t('people.breakGlassBanner.title'))
    const text = (await banner.locator('.govuk-notification-banner__content').innerText()).trim()
    const [before, after] = content.t('people.breakGlassBanner.text').split('{time}') as [string, string]
    assert.ok(text.startsWith(before) && text.endsWith(after), `the banner says until when access lasts: "${text}"`)
  }
}

/** Emergency access to a record: why, and an explanation for the reviewer. */
export class BreakGlassPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('people.breakGlass.title')
  protected readonly titleText = content.t('people.breakGlass.title')
  protected readonly submitText = content.t('people.breakGlass.submit')

  constructor(tab: Tab, personId: string) {
    super(tab)
    this.path = peoplePaths.breakGlass({ personId })
  }

  /** Chooses the category, types the reason and opens the record. */
  async requestAccess<Destination extends Page>(category: BreakGlassCategory, reason: string, destination: Destination): Promise<Destination> {
    await this.field(content.t(`people.breakGlass.categories.${category}`)).check()
    await this.field(content.t('people.breakGlass.reason')).fill(reason)
    return this.submitTo(destination)
  }
}
