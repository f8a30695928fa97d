import type { Locator } from 'playwright-core'
import { screeningPaths } from '../../../src/modules/screening/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import type { PersonRef } from './people-pages.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()
const nameOf = (person: PersonRef) => `${person.givenName} ${person.familyName}`

/** The values of a summary list (or card) on the page, row by row as [key, value]. */
async function summaryRows(list: Locator): Promise<[string, string][]> {
  const rows = list.locator('.govuk-summary-list__row')
  const found: [string, string][] = []
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index)
    found.push([squashed(await row.locator('.govuk-summary-list__key').innerText()), squashed(await row.locator('.govuk-summary-list__value').innerText())])
  }
  return found
}

/** The questions of the rule set version in force, for a person whose record says which criteria apply. */
export class NewScreeningPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('screening.record.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('screening.record.submit')

  /** `choice`: the population and date in the address, as the "which criteria" question sends them. */
  constructor(tab: Tab, readonly person: PersonRef, choice?: { population: string; day: string; month: string; year: string }) {
    super(tab)
    const query = choice ? `?${new URLSearchParams({ population: choice.population, 'screened_on-day': choice.day, 'screened_on-month': choice.month, 'screened_on-year': choice.year }).toString()}` : ''
    this.path = `${screeningPaths.newScreening({ personId: person.id })}${query}`
    this.titleText = `${this.heading} – ${nameOf(person)}`
  }

  /** The rows above the form: which criteria (and the version) and the date. */
  async choice(): Promise<[string, string][]> {
    return summaryRows(this.mainContent().locator('.govuk-summary-list').first())
  }

  changeLink(): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('screening.record.change')} ${content.t('screening.record.changeCriteria')}`, exact: true }).first()
  }

  /** Picks an answer (content key under screening.answers) to a criterion's question. */
  async answer(criterion: string, answer: 'yes' | 'no' | 'unknown'): Promise<void> {
    const question = this.mainContent().getByRole('group', { name: content.t(`screening.criteria.${criterion}.question`), exact: true })
    await question.getByLabel(content.t(`screening.answers.${answer}`), { exact: true }).check()
  }

  /** Sends the form and opens the screening it recorded. */
  async save(): Promise<ScreeningPage> {
    await this.submitButton().click()
    await this.page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/)
    const id = this.currentUrl.pathname.split('/').pop() ?? ''
    return new ScreeningPage(this.tab, id, this.person).open()
  }
}

/** The first question of a screening, when asked to change it: which criteria, and the date. Submitting it is a GET. */
export class ChooseCriteriaPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('screening.choose.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('screening.choose.continue')

  constructor(tab: Tab, person: PersonRef, from: string) {
    super(tab)
    this.path = from
    this.titleText = `${this.heading} – ${nameOf(person)}`
  }

  async fillDate(day: string, month: string, year: string): Promise<void> {
    await this.field(content.t('screening.choose.day')).fill(day)
    await this.field(content.t('screening.choose.month')).fill(month)
    await this.field(content.t('screening.choose.year')).fill(year)
  }
}

/** One screening: the outcome, the version that decided it, the answers and, for a clinician, the override form. */
export class ScreeningPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('screening.screening.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('screening.override.submit')

  constructor(tab: Tab, readonly screeningId: string, readonly person: PersonRef) {
    super(tab)
    this.path = screeningPaths.screening({ screeningId })
    this.titleText = `${this.heading} – ${nameOf(person)}`
  }

  /** "Outcome: Screened in" and the line naming the version, as the page says them. */
  async outcomeLines(): Promise<string[]> {
    const main = this.mainContent()
    return [squashed(await main.locator('.govuk-body-l').innerText()), squashed(await main.locator('.govuk-body-l + .govuk-body').innerText())]
  }

  /** The rows of a summary card, by its title (content key). */
  async card(titleKey: string): Promise<[string, string][]> {
    return summaryRows(this.mainContent().locator('.govuk-summary-card').filter({ has: this.page.getByRole('heading', { name: content.t(titleKey), exact: true }) }))
  }

  /** Each criterion's question and answer, from the table. */
  async answers(): Promise<[string, string][]> {
    const rows = this.mainContent().locator('table tbody tr')
    const found: [string, string][] = []
    for (let index = 0; index < (await rows.count()); index += 1) {
      const row = rows.nth(index)
      found.push([squashed(await row.locator('th').innerText()), squashed(await row.locator('td').innerText())])
    }
    return found
  }

  async hasOverrideForm(): Promise<boolean> {
    return (await this.submitButton().count()) === 1
  }

  async fillOverride(outcome: 'screened_in' | 'screened_out', reason: string): Promise<void> {
    await this.mainContent().getByRole('group', { name: content.t('screening.override.outcome'), exact: true }).getByLabel(content.t(`screening.outcomes.${outcome}`), { exact: true }).check()
    await this.field(content.t('screening.override.reason')).fill(reason)
  }
}

export interface RuleSetRow {
  name: string
  population: string
  effectiveFrom: string
  status: string
}

/** Every version of the screening criteria, for a service manager. */
export class RuleSetsPage extends Page {
  protected readonly path = screeningPaths.ruleSets()
  readonly heading = content.t('screening.ruleSets.title')
  protected readonly titleText = content.t('screening.ruleSets.title')

  async versions(): Promise<RuleSetRow[]> {
    const rows = this.mainContent().locator('table tbody tr')
    const found: RuleSetRow[] = []
    for (let index = 0; index < (await rows.count()); index += 1) {
      const cells = rows.nth(index).locator('th, td')
      const text = async (cell: number) => squashed(await cells.nth(cell).innerText())
      found.push({ name: await text(0), population: await text(1), effectiveFrom: await text(2), status: await text(3) })
    }
    return found
  }

  /** The "Create a new version" link of a version, by its name ("opd-men version 1"). */
  newVersionLink(name: string): Locator {
    const [key = '', , version = ''] = name.split(' ')
    return this.mainContent().getByRole('link', { name: `${content.t('screening.ruleSets.newVersion')} ${content.t('screening.ruleSets.newVersionOf', { key, version })}`, exact: true })
  }
}

/** A new version of a rule set, starting as the version it is based on. */
export class NewRuleSetPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('screening.newRuleSet.title')
  protected readonly titleText = content.t('screening.newRuleSet.title')
  protected readonly submitText = content.t('screening.newRuleSet.submit')

  constructor(tab: Tab, fromRuleSetId: string) {
    super(tab)
    this.path = screeningPaths.newRuleSetFrom(fromRuleSetId)
  }

  /** The criteria boxes that are ticked, by their labels. */
  async checkedCriteria(): Promise<string[]> {
    const boxes = this.mainContent().locator('input[name="criteria"]:checked')
    const labels: string[] = []
    for (let index = 0; index < (await boxes.count()); index += 1) {
      const id = await boxes.nth(index).getAttribute('id')
      labels.push(squashed(await this.page.locator(`label[for="${id}"]`).innerText()))
    }
    return labels
  }

  async fillEffectiveFrom(day: string, month: string, year: string): Promise<void> {
    const date = this.mainContent().getByRole('group', { name: content.t('screening.newRuleSet.effectiveFrom') })
    await date.getByLabel(content.t('screening.choose.day'), { exact: true }).fill(day)
    await date.getByLabel(content.t('screening.choose.month'), { exact: true }).fill(month)
    await date.getByLabel(content.t('screening.choose.year'), { exact: true }).fill(year)
  }
}
