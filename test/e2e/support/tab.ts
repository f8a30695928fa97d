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

  constructor(readonly page: BrowserPage) {
    page.on('requestfailed', (request) => {
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

  async close(): Promise<void> {
    await this.page.context().close()
  }
}
