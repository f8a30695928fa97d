import { sitePaths } from '../../../src/modules/site/paths.ts'
import { content } from '../support/content.ts'
import { Page } from './page.ts'

export class HomePage extends Page {
  protected readonly path = sitePaths.home()
  readonly heading = content.t('pages.home.heading')
  protected readonly titleText = content.t('pages.home.title')
}
