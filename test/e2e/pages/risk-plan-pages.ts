import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { riskPlansPaths } from '../../../src/modules/risk-plans/paths.ts'
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

export type RiskPlanField = 'summary' | 'triggers' | 'warningSigns' | 'protectiveFactors'

/** The risk section of a case: the latest plan, or an earlier version when `version` is given, with every version listed. */
export class RiskPlanPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, version?: { riskPlanId: string; version: number }) {
    super(tab)
    this.path = version ? riskPlansPaths.version({ allocationId: caseRef.allocationId, riskPlanId: version.riskPlanId }) : riskPlansPaths.current({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef)
    this.titleText = `${version ? content.t('riskPlans.versionTitle', { version: version.version }) : content.t('riskPlans.title')} – ${this.heading}`
  }

  /** "Version N, written by … on …". */
  async writtenLine(): Promise<string> {
    return squashed(await this.mainContent().locator('.app-risk-plan-written').innerText())
  }

  /** The text under one of the plan's headings (paragraphs joined by blank lines; "Not recorded" when empty). */
  async section(field: RiskPlanField): Promise<string> {
    const paragraphs = await this.mainContent().locator(`#risk-plan-${field} p`).allInnerTexts()
    return paragraphs.map((text) => text.trim()).join('\n\n')
  }

  /** The review date as shown, with its tag ("Overdue", "Due soon") when it has one. */
  async reviewDate(): Promise<string> {
    return squashed(await this.mainContent().locator('.app-risk-plan-review .govuk-summary-list__value').innerText())
  }

  /** The contingency table: [action, who to contact] per row. */
  contingencies(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-contingencies'))
  }

  /** The versions table: [version, written, by, review date, link or "Shown above"]. */
  versions(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-risk-plan-versions'))
  }

  versionLink(version: number): Locator {
    return this.mainContent().getByRole('link', { name: content.t('riskPlans.versions.view', { version }), exact: true })
  }

  /** "Write a new version" (or "Write the risk management plan" when there is none), for those who may. */
  writeButton(): Locator {
    return this.mainContent().getByRole('button', { name: new RegExp(`^(${content.t('riskPlans.newVersion')}|${content.t('riskPlans.create')})$`) })
  }
}

/** The form for a new version, filled in from the latest. */
export class NewRiskPlanVersionPage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('riskPlans.form.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = riskPlansPaths.newVersion({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('riskPlans.form.title')} – ${this.heading}`
  }

  async fill(field: RiskPlanField, text: string): Promise<void> {
    await this.field(content.t(`riskPlans.fields.${field}`)).fill(text)
  }

  /** Types one row of the contingency table (1-based, as the form numbers them). */
  async fillContingency(row: number, action: string, contact: string): Promise<void> {
    await this.field(content.t('riskPlans.form.actionLabel', { row })).fill(action)
    await this.field(content.t('riskPlans.form.contactLabel', { row })).fill(contact)
  }

  /** How many contingency rows the form offers. */
  contingencyRowCount(): Promise<number> {
    return this.mainContent().locator('table.app-contingency-rows tbody tr').count()
  }

  async setReviewDate(day: string, month: string, year: string): Promise<void> {
    const date = this.mainContent().getByRole('group', { name: content.t('riskPlans.fields.reviewOn') })
    await date.getByLabel('Day', { exact: true }).fill(day)
    await date.getByLabel('Month', { exact: true }).fill(month)
    await date.getByLabel('Year', { exact: true }).fill(year)
  }

  /**
   * Sends the form when someone else has saved a version meanwhile: 409, the error summary
   * pointing at what the page says about that version, what was typed still in the form,
   * and no axe violations.
   */
  async submitExpectingConflict(version: number): Promise<void> {
    const response = await this.navigateBy(() => this.submitButton().click())
    assert.equal(response.status(), 409, `submitting "${this.submitText}" answered ${response.status()}, expected 409`)
    await this.expectTitle(`${content.t('site.errorPrefix')} ${this.title}`)
    const link = this.mainContent().locator('.govuk-error-summary__list a')
    assert.deepEqual((await link.allInnerTexts()).map(squashed), [content.t('riskPlans.form.conflictSummary', { version })])
    assert.equal(await link.getAttribute('href'), '#latest-version')
    assert.equal(await this.page.locator('#latest-version').count(), 1)
    await this.expectNoAxeViolations()
  }
}
