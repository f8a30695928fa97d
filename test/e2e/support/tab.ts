import type { Page as BrowserPage, ConsoleMessage, Response } from 'playwright-core'

function pathOf(url: string): string {
  const parsed = new URL(url)
  return parsed.protocol === 'data:' ? 'data: URL' : `${parsed.pathname}${parsed.search}`
}

/** A subresource answer that means it loaded: 2xx, or 304 (the browser's cached copy is still good). */
function loaded(response: Response): boolean {
  const status = response.status()
  return (status >= 200 && status < 300) || status === 304
}

/**
 * One browser tab in its own context (own cookies, own cache), recording everything that
 * went wrong while it was open: failed requests, subresources answered with an error,
 * console errors (CSP violations are reported there) and uncaught page errors.
 */
export class Tab {
  private readonly recorded: string[] = []
  /** Document navigations that were answered with an error status on purpose (error pages). */
  private readonly errorDocuments = new Set<string>()
  private readonly scratchPages: BrowserPage[] = []

  constructor(
    readonly page: BrowserPage,
    /** false when the tab's context has JavaScript turned off. */
    readonly javaScriptEnabled: boolean,
    /** Opens a JavaScript-enabled page in a context of its own; the tab closes it. */
    private readonly openScratchPage: () => Promise<BrowserPage>,
  ) {
    page.on('requestfailed', (request) => {
      // A request the browser cancelled because the page moved on (a form posted before the
      // favicon arrived) is not a fault; a missing or blocked asset fails otherwise (404, CSP).
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return
      this.recorded.push(`request failed: ${request.method()} ${pathOf(request.url())} (${request.failure()?.errorText ?? 'no reason given'})`)
    })
    page.on('response', (response) => {
      if (response.request().isNavigationRequest()) {
        if (!loaded(response)) this.errorDocuments.add(response.url())
        return
      }
      if (!loaded(response)) this.recorded.push(`subresource answered ${response.status()}: ${response.request().method()} ${pathOf(response.url())}`)
    })
    page.on('console', (message) => {
      if (message.type() === 'error' && !this.isErrorDocumentNotice(message)) this.recorded.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => {
      this.recorded.push(`uncaught page error: ${error.message}`)
    })
  }

  /**
   * Chromium logs "Failed to load resource" for a document served with an error status.
   * For an error page that is the point, and its status is asserted by the test itself.
   */
  private isErrorDocumentNotice(message: ConsoleMessage): boolean {
    return message.text().startsWith('Failed to load resource') && this.errorDocuments.has(message.location().url)
  }

  /** What went wrong so far, one readable line each. */
  get problems(): readonly string[] {
    return [...this.recorded]
  }

  /**
   * A JavaScript-enabled page showing a copy of this tab's DOM as it is now, with every
   * script removed and any script blocked, so axe (which needs timers, and so JavaScript)
   * can check what a browser without JavaScript shows. <noscript> content, which such a
   * browser renders, is unwrapped so it is checked too.
   */
  async scriptFreeCopy(): Promise<BrowserPage> {
    const html = await this.page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true) as HTMLElement
      copy.querySelectorAll('script').forEach((script) => script.remove())
      copy.querySelectorAll('noscript').forEach((noscript) => noscript.replaceWith(...noscript.childNodes))
      return `<!DOCTYPE html>${copy.outerHTML}`
    })
    const scratch = await this.openScratchPage()
    this.scratchPages.push(scratch)
    const url = this.page.url()
    await scratch.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': "script-src 'none'" }, body: html }),
    )
    await scratch.goto(url)
    return scratch
  }

  /** Closes the tab's context and those of its scratch pages. */
  async close(): Promise<void> {
    const pages = [this.page, ...this.scratchPages.splice(0)]
    await Promise.all(pages.map((page) => page.context().close()))
  }
}
