import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApiDocsPage } from './pages/api-docs-page.ts'
import { BrokenPage } from './pages/broken-page.ts'
import { ErrorPage } from './pages/error-page.ts'
import { HomePage } from './pages/home-page.ts'
import { InformationPage, informationPages } from './pages/information-page.ts'
import type { Page } from './pages/page.ts'
import { useSite } from './support/browser.ts'
import type { Tab } from './support/tab.ts'
import { e2eRoutes, refusalReasons, secretErrorMessage } from './support/test-routes.ts'

const site = useSite({ routes: e2eRoutes })

interface PageCase {
  name: string
  create: (tab: Tab) => Page
}

const everyPage: readonly PageCase[] = [
  { name: 'home page', create: (tab) => new HomePage(tab) },
  { name: 'API documentation', create: (tab) => new ApiDocsPage(tab) },
  ...informationPages.map((which) => ({ name: `${which} information page`, create: (tab: Tab) => new InformationPage(tab, which) })),
  { name: '404 page (unknown path)', create: ErrorPage.notFound },
  { name: '403 page', create: ErrorPage.forbidden },
  { name: '400 page', create: ErrorPage.badRequest },
  { name: '500 page', create: ErrorPage.serverError },
]

async function open<P extends Page>(create: (tab: Tab) => P, options: { javaScriptEnabled?: boolean } = {}): Promise<P> {
  return create(await site().openTab(options)).open()
}

for (const { name, create } of everyPage) {
  describe(name, () => {
    it('opens in Chromium with the expected status, no WCAG 2.2 AA violations, its <h1> and its <title>', async () => {
      // open() runs axe and checks the status; the status is asserted here too so the test says what it checks.
      const page = await open(create)
      assert.equal(page.status, page.expectedStatus)
      await page.expectHeading()
      await page.expectTitle()
    })

    it('has the skip link as the first thing Tab reaches, and Enter on it moves the focus to the main content', async () => {
      const page = await open(create)
      const focused = await page.focusFirstFocusable()
      assert.match(focused.className, /\bgovuk-skip-link\b/)
      assert.equal(focused.href, '#main-content')
      assert.equal(await page.activateFocused(), 'main-content')
    })

    it('loads every stylesheet, script and icon, runs its scripts, and logs no failed request or console error', async () => {
      const page = await open(create)
      await page.expectReferencedAssetsLoad()
      assert.equal(await page.frontendScriptsSupported(), true, 'the inline template script ran (its CSP nonce is accepted)')
      assert.equal(await page.frontendInitialised(), true, 'application.js initialised GOV.UK Frontend')
      page.expectNoBrowserProblems()
    })

    it('links to the three information pages from its footer, by clicking', async () => {
      const tab = await site().openTab()
      const page = await create(tab).open()
      for (const which of informationPages) {
        const destination = new InformationPage(tab, which)
        await page.follow(page.footerLink(destination.footerLinkText), destination)
        await destination.expectHeading()
        await page.returnHere()
      }
      page.expectNoBrowserProblems()
    })
  })
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** A V8 stack frame, e.g. "at handler (/work/main/src/x.ts:12:5)" or "at node:internal/…:1:2". */
const stackFrame = /\bat (?:async )?[\w.$<>\s]*\(?(?:file:\/\/|node:|\/)[^\s()]*:\d+:\d+\)?/

const errorCases: ReadonlyArray<{ status: number; create: (tab: Tab) => ErrorPage; hiddenMessage: string | null }> = [
  { status: 404, create: ErrorPage.notFound, hiddenMessage: null },
  { status: 403, create: ErrorPage.forbidden, hiddenMessage: refusalReasons.forbidden },
  { status: 400, create: ErrorPage.badRequest, hiddenMessage: refusalReasons.badRequest },
  { status: 500, create: ErrorPage.serverError, hiddenMessage: secretErrorMessage },
]

describe('API documentation', () => {
  it('lists the API operations by area, the people API among them', async () => {
    const docs = await open((tab) => new ApiDocsPage(tab))
    assert.ok((await docs.areas()).includes('People'), 'a People table is shown')
  })
})

describe('error pages', () => {
  for (const { status, create, hiddenMessage } of errorCases) {
    it(`the ${status} page shows this request's id and neither the error message nor a stack trace`, async () => {
      const page = create(await site().openTab())
      await page.open()
      assert.equal(page.status, status)

      const requestId = await page.requestId()
      assert.match(requestId, uuid)
      const logged = site().logs.lines.find((line) => line.requestId === requestId && line.msg === 'request completed')
      assert.equal(logged?.statusCode, status, 'the id shown is the id the request was logged under')

      const html = await page.html()
      assert.doesNotMatch(html, stackFrame)
      if (hiddenMessage !== null) assert.ok(!html.includes(hiddenMessage), `the page must not show "${hiddenMessage}"`)
    })
  }

  it('the 500 page hides the error it shows the id of, which is logged for the support team', async () => {
    const page = await open(ErrorPage.serverError)
    const requestId = await page.requestId()
    const failure = site().logs.lines.find((line) => line.requestId === requestId && line.msg === 'request failed')
    assert.ok(failure, 'the failure is logged under the id the page shows')
    assert.equal((failure.err as { message?: string } | undefined)?.message, secretErrorMessage)
    assert.ok(!(await page.mainText()).includes(secretErrorMessage))
  })
})

describe('home page with JavaScript turned off', () => {
  it('renders with no axe violations, its heading and a working skip link, and no browser problems', async () => {
    const page = await open((tab) => new HomePage(tab), { javaScriptEnabled: false })
    assert.equal(await page.frontendScriptsSupported(), false, 'JavaScript really is off (the template script did not run)')
    await page.expectHeading()
    await page.expectTitle()
    const focused = await page.focusFirstFocusable()
    assert.equal(focused.href, '#main-content')
    await page.activateFocused()
    assert.equal(page.currentUrl.hash, '#main-content')
    await page.expectReferencedAssetsLoad()
    page.expectNoBrowserProblems()
  })
})

describe('the checks themselves', () => {
  it('open() fails on axe violations, naming the rule, its impact and help, and the offending element', async () => {
    const page = new BrokenPage(await site().openTab())
    await assert.rejects(page.open(), (error: Error) => {
      assert.match(error.message, /accessibility violation\(s\) on \/e2e-only\/broken-page/)
      assert.match(error.message, /- image-alt \(critical\): Images must have alternative text/)
      assert.match(error.message, /^\s+img$/m)
      return true
    })
  })

  it('open() in a tab without JavaScript checks what that browser shows, and fails on its violations', async () => {
    const page = new BrokenPage(await site().openTab({ javaScriptEnabled: false }))
    await assert.rejects(page.open(), /on \/e2e-only\/broken-page \(without JavaScript\):\n {2}- image-alt \(critical\)/)
  })

  it('fails a page with a form that posts without a CSRF field, naming the form', async () => {
    const page = new BrokenPage(await site().openTab())
    await page.visit()
    await assert.rejects(page.expectCsrfFieldInEveryForm(), /forms without a _csrf field on \/e2e-only\/broken-page[\s\S]*\/e2e-only\/unprotected/)
  })

  it('records a missing stylesheet and a script blocked by the Content Security Policy', async () => {
    const tab = await site().openTab()
    const page = new BrokenPage(tab)
    await page.visit()
    assert.ok(tab.problems.some((problem) => problem.includes('/assets/no-such-stylesheet.css')), tab.problems.join('\n'))
    assert.ok(tab.problems.some((problem) => /console error: .*Content Security Policy/.test(problem)), tab.problems.join('\n'))
    assert.throws(() => page.expectNoBrowserProblems(), /the browser reported problems/)
  })
})
