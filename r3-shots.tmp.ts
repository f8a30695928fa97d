import { Site, demoPassword } from './test/e2e/support/browser.ts'
import { demoAccounts } from './src/modules/demo/index.ts'

const site = await Site.start()
const db = site.database.handle.db
try {
  const shoot = async (email: string, shots: Array<[string, string, ((page: import('playwright-core').Page) => Promise<void>)?]>) => {
    const tab = await site.openTab()
    const page = tab.page
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForLoadState('load')
    for (const [name, url, act] of shots) {
      await page.goto(url)
      if (act) await act(page)
      await page.screenshot({ path: `/tmp/r3shots/${name}.png`, fullPage: true })
      console.log(name, page.url())
    }
  }
  const manager = demoAccounts.find((a) => a.role === 'service_manager')!
  const keyworker = demoAccounts.find((a) => a.role === 'prison_keyworker')!
  const pipe = await db.selectFrom('service').select('id').where('slug', '=', 'fallowmere-pipe').executeTakeFirstOrThrow()
  const team = await db.selectFrom('team').select('id').where('name', '=', 'Fallowmere PIPE clinical team').executeTakeFirstOrThrow()
  const accepted = await db.selectFrom('referral').select('id').where('service_id', '=', pipe.id).where('status', '=', 'accepted').executeTakeFirstOrThrow()
  const waiting = await db.selectFrom('referral').innerJoin('service_element', 'service_element.id', 'referral.service_element_id').select('referral.id').where('referral.service_id', '=', pipe.id).where('referral.status', '=', 'waiting').where('service_element.name', '=', 'Engagement service').executeTakeFirstOrThrow()
  const allocation = await db.selectFrom('allocation').innerJoin('referral', 'referral.id', 'allocation.referral_id').select('allocation.id').where('referral.service_id', '=', pipe.id).where('allocation.status', '=', 'active').where('referral.status', '=', 'started').executeTakeFirstOrThrow()
  await shoot(manager.email, [
    ['caseload-manager', '/caseload'],
    ['team-caseload', `/teams/${team.id}/caseload`],
    ['waiting-list', `/services/${pipe.id}/waiting-list`],
    ['allocate-accepted', `/referrals/${accepted.id}/allocate`],
    ['allocate-full', `/referrals/${waiting.id}/allocate`, async (page) => {
      await page.getByLabel('Engagement service').check()
      await page.getByLabel('Keyworker').selectOption({ index: 1 })
      await page.getByRole('button', { name: 'Allocate the place' }).click()
      await page.waitForLoadState('load')
    }],
    ['move', `/allocations/${allocation.id}/move`],
    ['end', `/allocations/${allocation.id}/end`],
  ])
  await shoot(keyworker.email, [['caseload-keyworker', '/caseload']])
} finally {
  await site.stop()
}
