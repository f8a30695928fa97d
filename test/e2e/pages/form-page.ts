import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { content } from '../support/content.ts'
import { Page } from './page.ts'

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()

/** A page with a GOV.UK form: its fields, its submit button, and how it shows what is wrong. */
export abstract class FormPage extends Page {
  /** The text of the button that sends the form. */
  protected abstract readonly submitText: string

  submitButton(): Locator {
    return this.mainContent().getByRole('button', { name: this.submitText, exact: true })
  }

  /** A field, radio or checkbox of the form, by its label. */
  field(label: string): Locator {
    return this.mainContent().getByLabel(label, { exact: true })
  }

  /** Sends the form and checks it leads to `destination`, as `open()` checks a page. */
  async submitTo<Destination extends Page>(destination: Destination): Promise<Destination> {
    return this.arriveAt(destination, () => this.submitButton().click(), `submitting "${this.submitText}"`)
  }

  /**
   * Sends the form as it is and checks the answer is this page again with `status` and
   * the GOV.UK error pattern (see `expectProblems`).
   */
  async submitExpectingProblems(problems: readonly string[], status = 400): Promise<void> {
    const response = await this.navigateBy(() => this.submitButton().click())
    assert.equal(response.status(), status, `submitting "${this.submitText}" answered ${response.status()}, expected ${status}`)
    await this.expectProblems(problems)
  }

  /**
   * The GOV.UK error pattern: "Error:" before the title; the error summary, focused,
   * listing `problems` in order, each a link to an element on the page; each problem
   * shown beside its field too; and no axe violations in that state.
   */
  async expectProblems(problems: readonly string[]): Promise<void> {
    await this.expectHeading()
    await this.expectTitle(`${content.t('site.errorPrefix')} ${this.title}`)
    const summary = this.mainContent().locator('.govuk-error-summary')
    assert.equal(await summary.count(), 1, 'the page shows one error summary')
    assert.equal(squashed(await summary.locator('.govuk-error-summary__title').innerText()), content.t('site.errorSummaryTitle'))
    const links = summary.locator('.govuk-error-summary__list a')
    assert.deepEqual((await links.allInnerTexts()).map(squashed), problems, 'the error summary lists the problems in order')
    for (const href of await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))) {
      assert.match(href, /^#./, 'an error summary link points into the page')
      assert.equal(await this.page.locator(`[id="${href.slice(1)}"]`).count(), 1, `the error summary links to ${href}, which is on the page`)
    }
    const besideFields = (await this.mainContent().locator('.govuk-error-message').allTextContents()).map(squashed)
    for (const problem of problems) {
      assert.ok(besideFields.some((message) => message.endsWith(problem)), `"${problem}" is shown beside its field too (found: ${besideFields.join(' | ')})`)
    }
    const summaryFocused = await this.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false)
    assert.equal(summaryFocused, true, 'the error summary has the focus, so a screen reader announces it first')
    await this.expectNoAxeViolations()
  }
}
