import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { demoDataset, seedDemo } from '../demo/index.ts'
import { filteredServicesPage, servicesPaths } from './paths.ts'
import { isServiceSlug, requestedSettings, settingsMatching } from './rules.ts'

const publicSlugs = demoDataset.services.map((service) => service.slug).sort()
const slugsIn = (settings: readonly string[]) => demoDataset.services.filter((service) => settings.includes(service.setting)).map((service) => service.slug).sort()

/** The slugs of the services linked from a list page, in page order. */
function linkedSlugs(html: string): string[] {
  return [...html.matchAll(/href="\/services\/([a-z0-9-]+)"/g)].map((match) => match[1] ?? '')
}

describe('service rules', () => {
  it('accepts only lower-case slugs of letters, digits and single hyphens', () => {
    for (const slug of ['fallowmere-pipe', 'a', 'iom-2']) assert.equal(isServiceSlug(slug), true, slug)
    for (const slug of ['', 'Fallowmere-pipe', 'a--b', '-a', 'a-', 'a_b', "a'", 'a b', '../x', 'x'.repeat(101), undefined, 7]) {
      assert.equal(isServiceSlug(slug), false, String(slug))
    }
  })

  it('reads the filter from one value or many, ignoring unknown values', () => {
    assert.deepEqual(requestedSettings({}), [])
    assert.deepEqual(requestedSettings({ setting: 'community' }), ['community'])
    assert.deepEqual(requestedSettings({ setting: ['community', 'custody', 'moon'] }), ['custody', 'community'])
    assert.deepEqual(requestedSettings({ setting: 'custody_and_community' }), [])
  })

  it('matches services in both settings under either filter, and everything with none or both', () => {
    assert.deepEqual(settingsMatching(['custody']), ['custody', 'custody_and_community'])
    assert.deepEqual(settingsMatching(['community']), ['community', 'custody_and_community'])
    assert.equal(settingsMatching([]), null)
    assert.equal(settingsMatching(['custody', 'community']), null)
  })
})

describeEachDialect('public services directory', (database) => {
  let app: FastifyInstance
  const get = (url: string) => app.inject({ method: 'GET', url })

  before(async () => {
    await seedDemo(database().handle)
    ;({ app } = await createTestApp(database()))
  })
  after(async () => {
    await app.close()
  })

  it('lists all 11 demo services to a visitor without a session, each with its provider, setting and summary', async () => {
    const response = await get(servicesPaths.list())
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['set-cookie'], undefined, 'no session is started')
    assert.equal(publicSlugs.length, 11)
    assert.deepEqual([...linkedSlugs(response.body)].sort(), publicSlugs)
    assert.match(response.body, /Showing 11 of the services\./)
    assert.match(response.body, /Fallowmere PIPE wing<\/a>/)
    assert.match(response.body, /Kestrelmoor/)
    assert.match(response.body, /In custody and the community/)
    const pipe = demoDataset.services.find((service) => service.slug === 'fallowmere-pipe')
    assert.ok(pipe && response.body.includes(pipe.summary.replaceAll("'", '&#39;')))
  })

  it('narrows the list to services in custody, or in the community, with the chosen box ticked', async () => {
    const custody = await get(filteredServicesPage(['custody']))
    assert.equal(custody.statusCode, 200)
    assert.deepEqual([...linkedSlugs(custody.body)].sort(), slugsIn(['custody', 'custody_and_community']))
    assert.ok(linkedSlugs(custody.body).includes('fallowmere-pipe'))
    assert.ok(!linkedSlugs(custody.body).includes('community-pathway'))
    assert.match(custody.body, /value="custody" checked/)
    assert.doesNotMatch(custody.body, /value="community" checked/)

    const community = await get(filteredServicesPage(['community']))
    assert.deepEqual([...linkedSlugs(community.body)].sort(), slugsIn(['community', 'custody_and_community']))
    assert.ok(linkedSlugs(community.body).includes('community-pathway'))
    assert.ok(!linkedSlugs(community.body).includes('fallowmere-pipe'))
    assert.ok(linkedSlugs(community.body).length < 11)

    const both = await get(filteredServicesPage(['custody', 'community']))
    assert.equal(linkedSlugs(both.body).length, 11)
    const nonsense = await get(`${servicesPaths.list()}?setting=moon`)
    assert.equal(nonsense.statusCode, 200)
    assert.equal(linkedSlugs(nonsense.body).length, 11)
  })

  it('shows the PIPE wing with its provider, setting and elements in order with their places', async () => {
    const response = await get(servicesPaths.service({ slug: 'fallowmere-pipe' }))
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['set-cookie'], undefined)
    assert.match(response.body, /<h1 class="govuk-heading-l">Fallowmere PIPE wing<\/h1>/)
    assert.match(response.body, /Kestrelmoor/)
    assert.match(response.body, /In custody/)
    const cells = [...response.body.matchAll(/<td class="govuk-table__cell">\s*([^<]*?)\s*<\/td>/g)].map((match) => match[1])
    assert.deepEqual(cells, ['Engagement service', '30 places', 'Treatment service', '30 places'])
  })

  it('says "No fixed number of places" for an element without a capacity, keeping position order', async () => {
    const response = await get(servicesPaths.service({ slug: 'brackenford-pathways' }))
    const cells = [...response.body.matchAll(/<td class="govuk-table__cell">\s*([^<]*?)\s*<\/td>/g)].map((match) => match[1])
    assert.deepEqual(cells, ['Outreach and engagement', 'No fixed number of places', 'Intervention Service', '20 places', 'Enabling Environments', 'No fixed number of places'])
  })

  it('answers 404 with the error page for an unknown or malformed slug', async () => {
    for (const url of ['/services/no-such-service', '/services/Fallowmere-PIPE', '/services/fallowmere_pipe', "/services/x'%20or%201=1", '/services/a--b']) {
      const response = await get(url)
      assert.equal(response.statusCode, 404, url)
      assert.match(String(response.headers['content-type'] ?? ''), /text\/html/)
    }
  })

  it('hides a service that is not public from the list and its page', async () => {
    const db = database().handle.db
    await db.updateTable('service').set({ is_public: false }).where('slug', '=', 'work-experience').execute()
    try {
      assert.equal((await get(servicesPaths.service({ slug: 'work-experience' }))).statusCode, 404)
      const list = await get(servicesPaths.list())
      assert.equal(linkedSlugs(list.body).length, 10)
      assert.ok(!linkedSlugs(list.body).includes('work-experience'))
    } finally {
      await db.updateTable('service').set({ is_public: true }).where('slug', '=', 'work-experience').execute()
    }
  })
})
