import { sitePaths } from '../../../src/modules/site/paths.ts'
import type { InformationPage as InformationPageName } from '../../../src/modules/site/handlers/show-information-page.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { Page } from './page.ts'

const paths: Record<InformationPageName, () => string> = {
  accessibility: sitePaths.accessibility,
  privacy: sitePaths.privacy,
  cookies: sitePaths.cookies,
}

export const informationPages: readonly InformationPageName[] = ['accessibility', 'privacy', 'cookies']

/** The accessibility statement, privacy notice or cookies page: one template, linked from every footer. */
export class InformationPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  /** The text of the footer link that leads here. */
  readonly footerLinkText: string

  constructor(
    tab: Tab,
    readonly which: InformationPageName,
  ) {
    super(tab)
    this.path = paths[which]()
    this.heading = content.t(`pages.${which}.title`)
    this.titleText = content.t(`pages.${which}.title`)
    this.footerLinkText = content.t(`site.footer.${which}`)
  }
}
