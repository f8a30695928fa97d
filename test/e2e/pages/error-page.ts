import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { e2ePaths, unknownPath } from '../support/test-routes.ts'
import { Page } from './page.ts'

export type ErrorStatus = 400 | 403 | 404 | 500

/** The error page the app serves with `status`; the static constructors reach each one. */
export class ErrorPage extends Page {
  readonly heading: string
  protected readonly titleText: string
  override readonly expectedStatus: ErrorStatus

  constructor(
    tab: Tab,
    protected readonly path: string,
    status: ErrorStatus,
  ) {
    super(tab)
    this.expectedStatus = status
    this.heading = content.t(`errors.${status}.title`)
    this.titleText = content.t(`errors.${status}.title`)
  }

  /** An address no route answers. */
  static notFound = (tab: Tab) => new ErrorPage(tab, unknownPath, 404)
  /** An e2e-only route that throws forbidden(). */
  static forbidden = (tab: Tab) => new ErrorPage(tab, e2ePaths.forbidden(), 403)
  /** An e2e-only route that throws badRequest(). */
  static badRequest = (tab: Tab) => new ErrorPage(tab, e2ePaths.badRequest(), 400)
  /** An e2e-only route that throws a plain Error carrying a message the user must never see. */
  static serverError = (tab: Tab) => new ErrorPage(tab, e2ePaths.serverError(), 500)

  /** The reference the page asks the user to quote to support. */
  async requestId(): Promise<string> {
    return (await this.page.locator('.app-request-id').innerText()).trim()
  }

  /** The whole document as HTML, hidden parts and comments included. */
  async html(): Promise<string> {
    return this.page.content()
  }
}
