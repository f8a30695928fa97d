import type { Locator } from 'playwright-core'
import { formulationPaths } from '../../../src/modules/formulation/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import type { PersonRef } from './people-pages.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()
const nameOf = (person: Pick<PersonRef, 'givenName' | 'familyName'>) => `${person.givenName} ${person.familyName}`

/** A case's place in the app: its allocation, and the person the case is about. */
export interface CaseRef {
  allocationId: string
  person: Pick<PersonRef, 'givenName' | 'familyName'>
}

/** The cells of a table's body, row by row, as the user reads them. */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr')
  const found: string[][] = []
  for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('th, td').allInnerTexts()).map(squashed))
  return found
}

/** The value beside a summary-list key (the label in words) inside `scope`. */
async function summaryValue(scope: Locator, key: string): Promise<string> {
  return squashed(await scope.locator('.govuk-summary-list__row').filter({ has: scope.page().locator('dt', { hasText: key }) }).first().locator('dd').innerText())
}

/** Types a date into a GOV.UK date input by its three boxes. */
async function fillDate(page: Page, name: string, date: { day: string; month: string; year: string }): Promise<void> {
  const main = page.mainContent()
  await main.locator(`[id="${name}-day"]`).fill(date.day)
  await main.locator(`[id="${name}-month"]`).fill(date.month)
  await main.locator(`[id="${name}-year"]`).fill(date.year)
}

/** A section of a case page: the person's name is the h1, the section's title leads the <title>. */
abstract class CaseSectionPage extends Page {
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, sectionTitle: string) {
    super(tab)
    this.heading = nameOf(caseRef.person)
    this.titleText = `${sectionTitle} – ${this.heading}`
  }
}

/** The formulation of a case: the latest version, or an earlier one when `version` is given. */
export class FormulationPage extends CaseSectionPage {
  protected readonly path: string

  constructor(tab: Tab, readonly caseRef: CaseRef, version?: { formulationId: string; number: number }) {
    const heading = content.t('formulation.formulation.heading')
    super(tab, caseRef, version ? `${heading} – ${content.t('formulation.formulation.version', { version: version.number })}` : heading)
    this.path = version ? formulationPaths.version({ allocationId: caseRef.allocationId, formulationId: version.formulationId }) : formulationPaths.formulation({ allocationId: caseRef.allocationId })
  }

  /** The text of one section (e.g. "presentingDifficulties"), from whichever part holds it. */
  sectionText(section: string): Promise<string> {
    return summaryValue(this.mainContent(), content.t(`formulation.formulation.sections.${section}.label`))
  }

  /** Whether the page shows the clinical-only part at all. */
  async showsClinicalPart(): Promise<boolean> {
    return (await this.mainContent().getByRole('heading', { name: content.t('formulation.formulation.clinicalHeading'), exact: true }).count()) > 0
  }

  /** Version, date formulated and authors, as the summary above the text says them. */
  async facts(): Promise<{ version: string; formulatedOn: string; authors: string }> {
    const main = this.mainContent()
    return {
      version: await summaryValue(main, content.t('formulation.formulation.versionColumn')),
      formulatedOn: await summaryValue(main, content.t('formulation.formulation.formulatedOn')),
      authors: await summaryValue(main, content.t('formulation.formulation.authors')),
    }
  }

  /** Every version: [version, formulated on, authors]. */
  versions(): Promise<string[][]> {
    return tableRows(this.mainContent().locator('table.app-formulation-versions'))
  }

  versionLink(number: number): Locator {
    return this.mainContent().getByRole('link', { name: content.t('formulation.formulation.view', { version: number }), exact: true })
  }

  /** "Write the first formulation" or "Write a new version", whichever the page offers. */
  writeLink(): Locator {
    return this.mainContent().getByRole('button', { name: new RegExp(`^(${content.t('formulation.formulation.writeFirst')}|${content.t('formulation.formulation.writeNew')})$`) })
  }
}

/** The form for a new version, filled in from the latest one. */
export class NewFormulationPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('formulation.new.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('formulation.new.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = formulationPaths.newVersion({ allocationId: caseRef.allocationId })
    this.titleText = `${this.heading} – ${nameOf(caseRef.person)}`
  }

  /** The box of one section (e.g. "clinicalImpressions"), by its label. */
  section(section: string): Locator {
    return this.field(content.t(`formulation.formulation.sections.${section}.label`))
  }

  async write(sections: Record<string, string>): Promise<void> {
    for (const [section, text] of Object.entries(sections)) await this.section(section).fill(text)
  }

  fillFormulatedOn(date: { day: string; month: string; year: string }): Promise<void> {
    return fillDate(this, 'formulatedOn', date)
  }

  async chooseCoAuthor(displayName: string): Promise<void> {
    await this.field(displayName).check()
  }
}

/** The pathway plan: the recommended pathway and review date, then each goal with its actions. */
export class PlanPage extends CaseSectionPage {
  protected readonly path: string

  constructor(tab: Tab, readonly caseRef: CaseRef) {
    super(tab, caseRef, content.t('formulation.plan.heading'))
    this.path = formulationPaths.plan({ allocationId: caseRef.allocationId })
  }

  /** A row of the recommended pathway, by its content key (e.g. "formulation.plan.reviewOn"). */
  pathwayValue(key: string): Promise<string> {
    return summaryValue(this.mainContent(), content.t(key))
  }

  /** The goals' headings, "Goal 1: …", in order. */
  async goals(): Promise<string[]> {
    return (await this.mainContent().locator('.app-plan-goal h4').allInnerTexts()).map(squashed)
  }

  /** The actions of goal `number`: [action, who, by when (with "Overdue"), status]. */
  async actions(number: number): Promise<string[][]> {
    const rows = await tableRows(this.mainContent().locator('.app-plan-goal').nth(number - 1).locator('table.app-plan-actions'))
    // The last cell also holds the "Change status" link.
    return rows.map((cells) => [...cells.slice(0, 3), squashed((cells[3] ?? '').split(content.t('formulation.plan.changeActionStatus'))[0] ?? '')])
  }

  changePathwayLink(): Locator {
    return this.mainContent().getByRole('link', { name: content.t('formulation.plan.changePathway'), exact: true })
  }

  addGoalButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('formulation.plan.addGoal'), exact: true })
  }

  addActionLink(goalNumber: number): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('formulation.plan.addAction')} ${content.t('formulation.plan.addActionFor', { number: goalNumber })}`, exact: true })
  }

  goalStatusLink(goalNumber: number): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('formulation.plan.changeGoalStatus')} ${content.t('formulation.plan.changeGoalStatusFor', { number: goalNumber })}`, exact: true })
  }

  actionStatusLink(description: string): Locator {
    return this.mainContent().getByRole('link', { name: `${content.t('formulation.plan.changeActionStatus')} ${content.t('formulation.plan.changeActionStatusFor', { description })}`, exact: true })
  }
}

/** A form page of the plan, titled for the person. */
abstract class PlanFormPage extends FormPage {
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, protected readonly path: string, readonly heading: string) {
    super(tab)
    this.titleText = `${heading} – ${nameOf(caseRef.person)}`
  }
}

/** The recommended pathway and review date. */
export class PathwayPage extends PlanFormPage {
  protected readonly submitText = content.t('formulation.pathway.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab, caseRef, formulationPaths.changePathway({ allocationId: caseRef.allocationId }), content.t('formulation.pathway.title'))
  }

  fillReviewOn(date: { day: string; month: string; year: string }): Promise<void> {
    return fillDate(this, 'reviewOn', date)
  }
}

export class AddGoalPage extends PlanFormPage {
  protected readonly submitText = content.t('formulation.goal.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab, caseRef, formulationPaths.newGoal({ allocationId: caseRef.allocationId }), content.t('formulation.goal.title'))
  }
}

export class AddActionPage extends PlanFormPage {
  protected readonly submitText = content.t('formulation.action.submit')

  constructor(tab: Tab, caseRef: CaseRef, goalId: string) {
    super(tab, caseRef, formulationPaths.newAction({ allocationId: caseRef.allocationId, goalId }), content.t('formulation.action.title'))
  }

  async chooseOwner(displayName: string): Promise<void> {
    await this.field(content.t('formulation.action.ownerWorker')).selectOption({ label: displayName })
  }

  fillDueOn(date: { day: string; month: string; year: string }): Promise<void> {
    return fillDate(this, 'dueOn', date)
  }
}

/** A goal's or an action's status. */
export class StatusPage extends PlanFormPage {
  protected readonly submitText = content.t('formulation.status.submit')

  constructor(tab: Tab, caseRef: CaseRef, of: { goalId: string } | { actionId: string }) {
    const { allocationId } = caseRef
    super(
      tab,
      caseRef,
      'goalId' in of ? formulationPaths.goalStatus({ allocationId, goalId: of.goalId }) : formulationPaths.actionStatus({ allocationId, actionId: of.actionId }),
      content.t('goalId' in of ? 'formulation.status.goalTitle' : 'formulation.status.actionTitle'),
    )
  }
}
