import { e2ePaths } from '../support/test-routes.ts'
import { Page } from './page.ts'

/** An e2e-only page that breaks the rules on purpose, to show the checks fail when they should. */
export class BrokenPage extends Page {
  protected readonly path = e2ePaths.brokenPage()
  readonly heading = 'Broken page'
  protected readonly titleText = 'Broken page'
  override get title(): string {
    return this.titleText
  }
}
