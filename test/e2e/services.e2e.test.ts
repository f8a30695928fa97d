import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { demoDataset } from '../../src/modules/demo/index.ts'
import type { ServiceSetting } from '../../src/modules/services/rules.ts'
import { samplePdf } from '../../src/platform/files/sample-documents.ts'
import { SignInPage } from './pages/account-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { ManagedServicePage, ManagedServicesPage, NewElementPage, ServiceDetailsPage, UploadPage } from './pages/manage-service-pages.ts'
import { ServicePage, ServicesListPage } from './pages/service-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount } from './support/fixtures.ts'

const site = useSite()
const db = () => site().database.handle.db

const namesIn = (settings: readonly ServiceSetting[]) =>
  demoDataset.services
    .filter((service) => service.settings.some((setting) => settings.includes(setting)))
    .map((service) => service.name)
    .sort()
const allNames = demoDataset.services.map((service) => service.name).sort()
const pipe = { slug: 'fallowmere-pipe', name: 'Fallowmere PIPE wing' }

describe('public services directory', () => {
  it('lists every public service, with no WCAG 2.2 AA violations, its <h1> and its <title>', async () => {
    const list = await new ServicesListPage(await site().openTab()).open()
    await list.expectHeading()
    await list.expectTitle()
    assert.deepEqual((await list.serviceNames()).sort(), allNames)
    list.expectNoBrowserProblems()
  })

  it('narrows to services in prison, then at court, by the filter form without JavaScript', async () => {
    const list = await new ServicesListPage(await site().openTab({ javaScriptEnabled: false })).open()
    const prison = await list.filterBy(['prison'])
    assert.deepEqual((await prison.serviceNames()).sort(), namesIn(['prison']))
    assert.equal(await prison.filterBox('prison').isChecked(), true)
    const court = await prison.filterBy(['court'])
    assert.deepEqual(await court.serviceNames(), ['Liaison and diversion'])
    await court.expectHeading()
  })

  it('opens a filtered list directly, and a service page from it with its places and who it is for', async () => {
    const list = await new ServicesListPage(await site().openTab(), ['prison']).open()
    const service = await list.openService(pipe)
    await service.expectHeading()
    await service.expectTitle()
    assert.equal(await service.summaryValue(content.t('services.service.setting')), content.t('services.settings.prison'))
    assert.deepEqual(await service.elements(), [
      ['Engagement service', '30 places'],
      ['Treatment service', '30 places'],
    ])
    assert.deepEqual(await service.eligibility(), ['Men only', 'Screened in to the offender personality disorder (OPD) pathway'])
    service.expectNoBrowserProblems()
  })

  it('opens a service page directly', async () => {
    const service = await new ServicePage(await site().openTab(), { slug: 'brackenford-pathways', name: 'Brackenford young adults pathways service' }).open()
    assert.deepEqual((await service.elements())[0], ['Outreach and engagement', content.t('services.service.noFixedPlaces')])
    assert.deepEqual(await service.eligibility(), ['Aged 18 to 21', 'Men only', 'Assessed as high or very high risk of serious harm', 'At least 12 months left to serve'])
  })
})

describe('a service manager keeping their service up to date', () => {
  it('edits the service, adds a part with its places and uploads a referral form, told what is wrong at each step', async () => {
    const member = await demoAccount(db(), 'service_manager')
    const tab = await site().openTab()
    const home = await (await new SignInPage(tab).open()).signIn(member, new HomePage(tab))
    const services = await home.follow(tab.page.getByRole('banner').getByRole('link', { name: content.t('services.manage.navigation'), exact: true }), new ManagedServicesPage(tab))
    assert.deepEqual((await services.serviceNames()).sort(), ['Fallowmere PIPE wing', 'IOM cohort clinical review'], 'the services of the manager\'s own trust')

    const serviceId = (await db().selectFrom('service').select('id').where('slug', '=', pipe.slug).executeTakeFirstOrThrow()).id
    const ref = { id: serviceId, name: pipe.name }
    let service = await services.follow(services.serviceLink(pipe.name), new ManagedServicePage(tab, ref))

    const details = await service.follow(service.changeLink(content.t('services.manage.service.summary')), new ServiceDetailsPage(tab, ref))
    await details.field(content.t('services.manage.details.summary')).fill('')
    await details.submitExpectingProblems([content.t('services.manage.details.errors.summaryMissing')])
    await details.field(content.t('services.manage.details.summary')).fill('A psychologically informed wing with engagement and treatment services.')
    await details.settingBox('court').check()
    service = await details.submitTo(new ManagedServicePage(tab, ref))
    assert.equal(await service.detail(content.t('services.manage.service.summary')), 'A psychologically informed wing with engagement and treatment services.')
    assert.equal(await service.detail(content.t('services.manage.service.settings')), 'Prison, Court')

    const element = await service.follow(service.addElementButton(), new NewElementPage(tab, ref))
    await element.fill('Progression group', '-1')
    await element.submitExpectingProblems([content.t('services.manage.element.errors.capacityNegative')])
    await element.fill('Progression group', '8')
    service = await element.submitTo(new ManagedServicePage(tab, ref))
    assert.deepEqual((await service.elements()).at(-1), ['Progression group', '8 places'])

    const upload = await service.follow(service.uploadButton(), new UploadPage(tab, ref))
    await upload.choose('Referral form', { name: 'referral-form.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><title>Not a PDF</title>') })
    await upload.submitExpectingProblems([content.t('services.manage.download.errors.fileType')])
    await upload.choose('Referral form', { name: 'PIPE referral form.pdf', mimeType: 'application/pdf', buffer: samplePdf('PIPE referral form') })
    service = await upload.submitTo(new ManagedServicePage(tab, ref))
    assert.deepEqual(await service.downloads(), ['Referral form'])
    assert.deepEqual((await service.history()).slice(0, 3), [
      `${content.t('services.manage.history.service-download-add')}: Referral form (PIPE-referral-form.pdf)`,
      `${content.t('services.manage.history.service-element-add')}: Progression group (8 places)`,
      `${content.t('services.manage.history.service-change')}: summary, where it works`,
    ])
    service.expectNoBrowserProblems()
  })

  it('shows the uploaded form on the public page, and the link gives the same PDF as an attachment', async () => {
    const tab = await site().openTab()
    const service = await new ServicePage(tab, pipe).open()
    const links = await service.downloadLinks()
    assert.equal(links.length, 1)
    assert.match(links[0] ?? '', /^Referral form \(PDF, \d+ bytes\)$/)
    const href = await service.downloadLink(links[0] ?? '').getAttribute('href')
    assert.match(href ?? '', /^\/services\/fallowmere-pipe\/downloads\/[0-9a-f-]{36}\/PIPE-referral-form\.pdf$/)
    const [download] = await Promise.all([tab.page.waitForEvent('download'), service.downloadLink(links[0] ?? '').click()])
    assert.equal(download.suggestedFilename(), 'PIPE-referral-form.pdf')
    const response = await tab.page.request.get(href ?? '')
    assert.equal(response.headers()['content-type'], 'application/pdf')
    assert.deepEqual(await response.body(), samplePdf('PIPE referral form'))
    service.expectNoBrowserProblems()
  })
})
