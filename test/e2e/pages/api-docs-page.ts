import { apiDocsPaths } from '../../../src/modules/api-docs/paths.ts'
import { content } from '../support/content.ts'
import { Page } from './page.ts'

/** The readable list of API operations, public like the document it links to. */
export class ApiDocsPage extends Page {
  protected readonly path = apiDocsPaths.guide()
  readonly heading = content.t('apiDocs.title')
  protected readonly titleText = content.t('apiDocs.title')

  /** The captions of the operation tables: one per API area. */
  async areas(): Promise<string[]> {
    return (await this.mainContent().locator('caption').allInnerTexts()).map((text) => text.trim())
  }
}
