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

/** The people the user's teams work with, with the search box and, for those who may, "Add a person". */
export class PeopleListPage extends Page {
  protected readonly path = peoplePaths.list()
  readonly heading = content.t('people.list.title')
  protected readonly titleText = content.t('people.list.title')

  addPersonButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('people.list.add'), exact: true })
  }

  searchBox(): Locator {
    return this.mainContent().getByRole('searchbox', { name: content.t('people.list.searchLabel') })
  }
}

export interface NewPersonDetails {
  givenName: string
  familyName: string
  /** Day, month and year as typed into the date input. */
  dateOfBirth: [day: string, month: string, year: string]
}

/** The new-person form; a user with one team finds it chosen already. */
export class NewPersonPage extends FormPage {
  protected readonly path = peoplePaths.newPerson()
  readonly heading = content.t('people.new.title')
  protected readonly titleText = content.t('people.new.title')
  protected readonly submitText = content.t('people.new.submit')

  /** Types the names and date of birth, as someone adding a person would. */
  async fillDetails(person: NewPersonDetails): Promise<void> {
    await this.field(content.t('people.fields.givenName')).fill(person.givenName)
    await this.field(content.t('people.fields.familyName')).fill(person.familyName)
    const [day, month, year] = person.dateOfBirth
    await this.field(content.t('people.fields.day')).fill(day)
    await this.field(content.t('people.fields.month')).fill(month)
    await this.field(content.t('people.fields.year')).fill(year)
  }

  /** The team radio with this name. */
  team(name: string): Locator {
    return this.field(name)
  }

  /**
   * Sends the form and returns the problems the error summary lists, for a tab without
   * JavaScript (where nothing moves the focus to the summary, so `expectProblems` does not apply).
   */
  async submitForProblems(): Promise<string[]> {
    const response = await this.navigateBy(() => this.submitButton().click())
    assert.equal(response.status(), 400)
    await this.expectNoAxeViolations()
    return (await this.mainContent().locator('.govuk-error-summary__list a').allInnerTexts()).map((problem) => problem.trim())
  }
}

/** Shown instead of creating the record while possible matches exist (the answer to the new-person form). */
export class PossibleMatchesPage extends Page {
  protected readonly path = peoplePaths.newPerson()
  readonly heading = content.t('people.matches.title')
  protected readonly titleText = content.t('people.matches.title')

  /** The links to matching records the user may see, by their text. */
  async matchNames(): Promise<string[]> {
    return (await this.mainContent().locator('table tbody tr td:first-child a').allInnerTexts()).map((name) => name.trim())
  }

  elsewhereNotice(): Locator {
    return this.mainContent().getByText(content.t('people.matches.elsewhere'), { exact: true })
  }

  /** The access request's reason box, shown with a match at another organisation. */
  reasonField(): Locator {
    return this.mainContent().getByLabel(content.t('people.matches.reason'), { exact: true })
  }

  /** The whole document as HTML, hidden inputs included. */
  async html(): Promise<string> {
    return this.page.content()
  }

  /** "None of these – create a new record": posts the form again with the confirmation, and opens the new record. */
  async createAnyway(person: Omit<PersonRef, 'id'>): Promise<PersonPage> {
    await this.mainContent().getByRole('button', { name: content.t('people.matches.createAnyway'), exact: true }).click()
    await this.page.waitForURL(/\/people\/[0-9a-f-]{36}$/)
    const id = this.currentUrl.pathname.split('/').pop() ?? ''
    return new PersonPage(this.tab, { id, ...person }).open()
  }
}

/** A person's record summary, for a user whose scope (or break-glass) lets them see it. */
export class PersonPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, readonly person: PersonRef) {
    super(tab)
    this.path = peoplePaths.person({ personId: person.id })
    this.heading = `${person.givenName} ${person.familyName}`
    this.titleText = this.heading
  }

  /** The "Change" link of a summary card, by the card's title (content key under people.record). */
  changeLink(cardTitleKey: string): Locator {
    return this.mainContent().locator('.govuk-summary-card').filter({ has: this.page.getByRole('heading', { name: content.t(cardTitleKey), exact: true }) }).getByRole('link', { name: `${content.t('people.record.change')} (${content.t(cardTitleKey)})`, exact: true })
  }

  /** The values of a summary card, row by row as [key, value]. */
  async card(cardTitleKey: string): Promise<[string, string][]> {
    const rows = this.mainContent().locator('.govuk-summary-card').filter({ has: this.page.getByRole('heading', { name: content.t(cardTitleKey), exact: true }) }).locator('.govuk-summary-list__row')
    const found: [string, string][] = []
    for (const row of await rows.all()) found.push([(await row.locator('dt').innerText()).trim(), (await row.locator('dd.govuk-summary-list__value').innerText()).trim().replace(/\s+/g, ' ')])
    return found
  }

  historyLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('people.timeline.historyLink'), exact: true })
  }

  /** The headings of the timeline's entries, newest first. */
  async timelineHeadings(): Promise<string[]> {
    return (await this.mainContent().locator('.moj-timeline__title').allInnerTexts()).map((heading) => heading.trim())
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

/** The pages that change one part of the record: their title names the part and the person. */
abstract class EditPage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, person: PersonRef, path: string, titleKey: string) {
    super(tab)
    this.path = path
    this.heading = content.t(titleKey)
    this.titleText = `${content.t(titleKey)} – ${person.givenName} ${person.familyName}`
  }
}

/** Any one of the record's edit pages, opened to check it as a page (axe included). */
export class RecordSectionPage extends EditPage {
  protected readonly submitText: string

  constructor(tab: Tab, person: PersonRef, path: string, titleKey: string, submitKey: string) {
    super(tab, person, path, titleKey)
    this.submitText = content.t(submitKey)
  }
}

export class EditDetailsPage extends EditPage {
  protected readonly submitText = content.t('people.edit.save')

  constructor(tab: Tab, person: PersonRef) {
    super(tab, person, peoplePaths.edit.details({ personId: person.id }), 'people.edit.details.title')
  }
}

export class IdentifiersPage extends EditPage {
  protected readonly submitText = content.t('people.edit.identifiers.add')

  constructor(tab: Tab, person: PersonRef) {
    super(tab, person, peoplePaths.edit.identifiers({ personId: person.id }), 'people.edit.identifiers.title')
  }

  /** Chooses the kind of identifier (a label of the identifier_kind code list) and types its value. */
  async fillIdentifier(kindLabel: string, value: string): Promise<void> {
    await this.field(kindLabel).check()
    await this.field(content.t('people.edit.identifiers.value')).fill(value)
  }

  /** The identifiers table, row by row as [identifier, value]. */
  async identifiers(): Promise<[string, string][]> {
    const rows = await this.mainContent().locator('table tbody tr').all()
    return Promise.all(rows.map(async (row) => [(await row.locator('td').nth(0).innerText()).trim(), (await row.locator('td').nth(1).innerText()).trim()] as [string, string]))
  }

  backToRecord(): Locator {
    return this.page.getByRole('link', { name: content.t('people.edit.backToRecord'), exact: true })
  }
}

/** Every change to the record, newest first. */
export class HistoryPage extends Page {
  protected readonly path: string
  readonly heading = content.t('people.history.title')
  protected readonly titleText: string

  constructor(tab: Tab, person: PersonRef) {
    super(tab)
    this.path = peoplePaths.history({ personId: person.id })
    this.titleText = `${content.t('people.history.title')} – ${person.givenName} ${person.familyName}`
  }

  /** Each entry as its heading followed by its lines, newest first. */
  async entries(): Promise<string[][]> {
    const items = await this.mainContent().locator('.moj-timeline__item').all()
    return Promise.all(items.map(async (item) => [(await item.locator('.moj-timeline__title').innerText()).trim(), ...(await item.locator('li').allInnerTexts()).map((line) => line.trim())]))
  }
}
