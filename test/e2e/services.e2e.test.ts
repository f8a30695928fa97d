import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { demoDataset } from '../../src/modules/demo/index.ts'
import { ServicePage, ServicesListPage } from './pages/service-pages.ts'
import { useSite } from './support/browser.ts'
import { content } from './support/content.ts'

const site = useSite()

const namesIn = (settings: readonly string[]) =>
  demoDataset.services
    .filter((service) => settings.includes(service.setting))
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

  it('narrows to services in custody, then in the community, by the filter form without JavaScript', async () => {
    const list = await new ServicesListPage(await site().openTab({ javaScriptEnabled: false })).open()
    const custody = await list.filterBy(['custody'])
    assert.deepEqual((await custody.serviceNames()).sort(), namesIn(['custody', 'custody_and_community']))
    assert.equal(await custody.filterBox('custody').isChecked(), true)
    const community = await custody.filterBy(['community'])
    assert.deepEqual((await community.serviceNames()).sort(), namesIn(['community', 'custody_and_community']))
    await community.expectHeading()
  })

  it('opens a filtered list directly, and a service page from it with its elements and places', async () => {
    const list = await new ServicesListPage(await site().openTab(), ['custody']).open()
    const service = await list.openService(pipe)
    await service.expectHeading()
    await service.expectTitle()
    assert.equal(await service.summaryValue(content.t('services.service.setting')), content.t('services.settings.custody'))
    assert.deepEqual(await service.elements(), [
      ['Engagement service', '30 places'],
      ['Treatment service', '30 places'],
    ])
    service.expectNoBrowserProblems()
  })

  it('opens a service page directly', async () => {
    const service = await new ServicePage(await site().openTab(), { slug: 'brackenford-pathways', name: 'Brackenford young adults pathways service' }).open()
    assert.deepEqual((await service.elements())[0], ['Outreach and engagement', content.t('services.service.noFixedPlaces')])
  })
})
