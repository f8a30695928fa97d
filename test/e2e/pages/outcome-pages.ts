import type { Locator } from 'playwright-core'
import { instrumentByKey } from '../../../src/modules/outcomes/instruments.ts'
import { outcomesPaths } from '../../../src/modules/outcomes/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import type { CaseRef } from './case-note-pages.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

const nameOf = (caseRef: CaseRef) => `${caseRef.person.givenName} ${caseRef.person.familyName}`
const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()

/** An instrument as its pages name it: the key in its URLs and the name staff know it by. */
export interface InstrumentRef {
  key: string
  name: string
}

export const core10: InstrumentRef = { key: 'core-10', name: 'CORE-10' }

/**
 * The outcomes section of a case (health-only): per instrument, the change from first to
 * latest in words, a chart of the totals and the same totals in a table.
 */
export class OutcomesPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = outcomesPaths.list({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('casework.sections.outcomes')} – ${this.heading}`
  }

  /** The part of the page about one instrument, named by its heading. */
  instrument(instrument: InstrumentRef): Locator {
    return this.mainContent().getByRole('region', { name: instrument.name, exact: true })
  }

  /** The "Record a CORE-10" button (a link styled as a button). */
  recordButton(instrument: InstrumentRef): Locator {
    return this.instrument(instrument).getByRole('button', { name: content.t('outcomes.record.start', { instrument: instrument.name }), exact: true })
  }

  /** The totals table: [date, total, band, recorded by] per measurement, oldest first. */
  async totals(instrument: InstrumentRef): Promise<string[][]> {
    const rows = this.instrument(instrument).getByRole('table', { name: content.t('outcomes.table.caption', { instrument: instrument.name }) }).locator('tbody tr')
    const found: string[][] = []
    for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('td').allInnerTexts()).map(squashed))
    return found
  }

  /** The change from first to latest, as the summary list words it: row name → value. */
  async change(instrument: InstrumentRef): Promise<Record<string, string>> {
    const rows = this.instrument(instrument).locator('.app-outcome-change .govuk-summary-list__row')
    const found: Record<string, string> = {}
    for (let index = 0; index < (await rows.count()); index += 1) found[squashed(await rows.nth(index).locator('dt').innerText())] = squashed(await rows.nth(index).locator('dd').innerText())
    return found
  }

  /** The chart, found as assistive technology finds it: an image whose name is its <title> followed by its <desc> (aria-labelledby names both). */
  chart(instrument: InstrumentRef): Locator {
    const title = content.t('outcomes.chart.title', { instrument: instrument.name }).replace(/[.*+?^$(){}|[\]\\]/g, '\\$&')
    return this.instrument(instrument).getByRole('img', { name: new RegExp(`^${title} `) })
  }

  /** The description a screen reader announces with the chart (its <desc>). */
  async chartDescription(instrument: InstrumentRef): Promise<string> {
    return this.chart(instrument).evaluate((svg) =>
      (svg.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .slice(1)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
  }

  /** How many totals the chart plots (one point each). */
  async plottedPoints(instrument: InstrumentRef): Promise<number> {
    return this.chart(instrument).locator('circle').count()
  }
}

/** The form that records one completed measure: the date, then each statement's answer. */
export class RecordMeasurePage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('outcomes.record.submit')

  constructor(
    tab: Tab,
    caseRef: CaseRef,
    private readonly instrument: InstrumentRef,
  ) {
    super(tab)
    this.path = outcomesPaths.record({ allocationId: caseRef.allocationId, instrumentKey: instrument.key })
    this.heading = nameOf(caseRef)
    this.titleText = `${content.t('outcomes.record.title', { instrument: instrument.name })} – ${this.heading}`
  }

  async fillMeasuredOn(day: string, month: string, year: string): Promise<void> {
    const date = this.mainContent().getByRole('group', { name: content.t('outcomes.record.measuredOn') })
    await date.getByLabel(content.t('outcomes.record.day'), { exact: true }).fill(day)
    await date.getByLabel(content.t('outcomes.record.month'), { exact: true }).fill(month)
    await date.getByLabel(content.t('outcomes.record.year'), { exact: true }).fill(year)
  }

  /** The radio group of the statement whose item key is `item`, named as the form numbers it. */
  statement(item: string): Locator {
    const number = (instrumentByKey(this.instrument.key)?.items.findIndex((candidate) => candidate.key === item) ?? -1) + 1
    const text = content.t(`outcomes.instruments.${this.instrument.key}.items.${item}.text`)
    return this.mainContent().getByRole('group', { name: content.t('outcomes.record.statement', { number, text }), exact: true })
  }

  /** Chooses the answer to each statement (item key → 0 … 4 for CORE-10), by the answer's wording. */
  async answer(answers: Record<string, number>): Promise<void> {
    for (const [item, answer] of Object.entries(answers)) {
      await this.statement(item).getByLabel(content.t(`outcomes.instruments.${this.instrument.key}.answers.${answer}`), { exact: true }).check()
    }
  }

  /** The answer chosen for a statement, as worded, or null. */
  async chosen(item: string): Promise<string | null> {
    const checked = this.statement(item).locator('input:checked')
    if ((await checked.count()) === 0) return null
    const id = await checked.getAttribute('id')
    return squashed(await this.page.locator(`label[for="${id}"]`).innerText())
  }
}
