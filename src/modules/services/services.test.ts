import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, signIn } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { demoDataset, seedDemo } from '../demo/index.ts'
import { serviceResponse, servicesListResponse } from './forms.ts'
import { filteredServicesPage, servicesPaths } from './paths.ts'
import type { ServiceSetting } from './rules.ts'

const publicSlugs = demoDataset.services.map((service) => service.slug).sort()
const slugsIn = (settings: readonly ServiceSetting[]) =>
  demoDataset.services
    .filter((service) => service.settings.some((setting) => settings.includes(setting)))
    .map((service) => service.slug)
    .sort()

/** The slugs of the services linked from a list page, in page order. */
function linkedSlugs(html: string): string[] {
  return [...html.matchAll(/href="\/services\/([a-z0-9-]+)"/g)].map((match) => match[1] ?? '')
}

/** The text of the cells of the table with `className`, in order. */
function cellsOf(html: string, className: string): string[] {
  const table = new RegExp(`<table class="govuk-table ${className}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? ''
  return [...table.matchAll(/<td class="govuk-table__cell">\s*([^<]*?)\s*<\/td>/g)].map((match) => match[1] ?? '')
}

/** The items of the list with `className`, as text. */
function itemsOf(html: string, className: string): string[] {
  const list = new RegExp(`<ul class="govuk-list[^"]*${className}"[\\s\\S]*?</ul>`).exec(html)?.[0] ?? ''
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, '').trim())
}

describeEachDialect('public services directory', (database) => {
  let app: FastifyInstance
  let db: Db
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

  before(async () => {
    await seedDemo(database().handle)
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
  })
  after(async () => {
    await app.close()
  })

  it('lists all 11 demo services to a visitor without a session, each with its provider, settings and summary', async () => {
    const response = await get(servicesPaths.list())
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['set-cookie'], undefined, 'no session is started')
    assert.equal(publicSlugs.length, 11)
    assert.deepEqual([...linkedSlugs(response.body)].sort(), publicSlugs)
    assert.match(response.body, /Showing 11 of the services\./)
    assert.match(response.body, /Fallowmere PIPE wing<\/a>/)
    assert.match(response.body, /Kestrelmoor/)
    assert.match(response.body, /app-service-settings">Prison, Community</, 'a service in two settings names both')
    assert.match(response.body, /app-service-settings">Police custody, Court</)
    const pipe = demoDataset.services.find((service) => service.slug === 'fallowmere-pipe')
    assert.ok(pipe && response.body.includes(pipe.summary.replaceAll("'", '&#39;')))
  })

  it('narrows the list to the services working in any of the chosen settings, with those boxes ticked', async () => {
    const court = await get(filteredServicesPage(['court']))
    assert.equal(court.statusCode, 200)
    assert.deepEqual(linkedSlugs(court.body), ['liaison-and-diversion'])
    assert.match(court.body, /value="court" checked/)
    assert.doesNotMatch(court.body, /value="prison" checked/)

    const prison = await get(filteredServicesPage(['prison']))
    assert.deepEqual([...linkedSlugs(prison.body)].sort(), slugsIn(['prison']))
    assert.ok(linkedSlugs(prison.body).includes('volunteer-support'), 'a service in prison and the community is in both')
    assert.ok(!linkedSlugs(prison.body).includes('community-pathway'))

    const housingOrCourt = await get(filteredServicesPage(['housing', 'court']))
    assert.deepEqual([...linkedSlugs(housingOrCourt.body)].sort(), ['liaison-and-diversion', 'womens-supported-housing'])

    const nonsense = await get(`${servicesPaths.list()}?setting=moon`)
    assert.equal(nonsense.statusCode, 200)
    assert.equal(linkedSlugs(nonsense.body).length, 11)
  })

  it('shows a service page with what it offers, its places, who it is for with the rules in words, who can refer, how to refer and the contact', async () => {
    const response = await get(servicesPaths.service({ slug: 'brackenford-pathways' }))
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['set-cookie'], undefined)
    const body = response.body
    assert.match(body, /<h1 class="govuk-heading-l">Brackenford young adults pathways service<\/h1>/)
    assert.match(body, /Northgate and Riverside NHS Foundation Trust/)
    assert.deepEqual(cellsOf(body, 'app-service-elements'), ['Outreach and engagement', 'No fixed number of places', 'Intervention Service', '20 places', 'Enabling Environments', 'No fixed number of places'])
    assert.match(body, /an Intervention Service of 20 places with psychological work/)
    assert.match(body, /Young men aged 18 to 21 with emerging personality disorder/)
    assert.deepEqual(itemsOf(body, 'app-service-eligibility'), ['Aged 18 to 21', 'Men only', 'Assessed as high or very high risk of serious harm', 'At least 12 months left to serve'])
    assert.match(body, /Clinician or psychological therapist, Prison keyworker, Probation officer \(offender manager\)/)
    assert.match(body, /NHS trusts, Prisons, Probation delivery units, Probation regions/)
    assert.match(body, /Talk to the pathways team about the young man first/)
    assert.match(body, /href="mailto:brackenford.pathways@example.org"/)
    assert.match(body, /01632 960101/)
    assert.doesNotMatch(body, /Forms and leaflets/, 'no downloads, no heading')
  })

  it('says anyone may refer, and shows no conditions, for a service that sets none', async () => {
    const response = await get(servicesPaths.service({ slug: 'liaison-and-diversion' }))
    assert.match(response.body, /Anyone working with the person can refer\./)
    assert.doesNotMatch(response.body, /must meet all of these conditions/)
  })

  it('answers 404 with the error page for an unknown or malformed slug', async () => {
    for (const url of ['/services/no-such-service', '/services/Fallowmere-PIPE', '/services/fallowmere_pipe', "/services/x'%20or%201=1", '/services/a--b']) {
      const response = await get(url)
      assert.equal(response.statusCode, 404, url)
      assert.match(String(response.headers['content-type'] ?? ''), /text\/html/)
    }
  })

  it('hides a service that is not public from the list, its page and the API', async () => {
    await db.updateTable('service').set({ is_public: false }).where('slug', '=', 'work-experience').execute()
    try {
      assert.equal((await get(servicesPaths.service({ slug: 'work-experience' }))).statusCode, 404)
      assert.equal((await get(servicesPaths.api.service({ slug: 'work-experience' }))).statusCode, 404)
      const list = await get(servicesPaths.list())
      assert.equal(linkedSlugs(list.body).length, 10)
      assert.ok(!linkedSlugs(list.body).includes('work-experience'))
      const api = servicesListResponse.parse((await get(servicesPaths.api.services())).json())
      assert.ok(!api.services.some((service) => service.slug === 'work-experience'))
    } finally {
      await db.updateTable('service').set({ is_public: true }).where('slug', '=', 'work-experience').execute()
    }
  })

  it('escapes what a manager typed', async () => {
    const slug = 'work-experience'
    const original = await db.selectFrom('service').select('audience').where('slug', '=', slug).executeTakeFirstOrThrow()
    await db.updateTable('service').set({ audience: '<script>alert("x")</script>' }).where('slug', '=', slug).execute()
    try {
      const response = await get(servicesPaths.service({ slug }))
      assert.doesNotMatch(response.body, /<script>alert/)
      assert.match(response.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
    } finally {
      await db.updateTable('service').set({ audience: original.audience }).where('slug', '=', slug).execute()
    }
  })

  it('lets caches keep the public pages for five minutes, and answers 304 while they are unchanged', async () => {
    const url = servicesPaths.service({ slug: 'fallowmere-pipe' })
    const first = await get(url)
    assert.equal(first.headers['cache-control'], 'public, max-age=300')
    assert.equal(first.headers.vary, 'Cookie')
    const etag = String(first.headers.etag)
    assert.match(etag, /^W\/"[0-9a-f]{32}"$/)
    const again = await get(url, { 'if-none-match': etag })
    assert.equal(again.statusCode, 304)
    assert.equal(again.body, '')
    assert.equal((await get(url, { 'if-none-match': '"something-else"' })).statusCode, 200)

    await db.updateTable('service').set({ summary: 'A new summary for the wing.' }).where('slug', '=', 'fallowmere-pipe').execute()
    const changed = await get(url, { 'if-none-match': etag })
    assert.equal(changed.statusCode, 200, 'a changed service is sent again')
    assert.match(changed.body, /A new summary for the wing\./)
    assert.notEqual(changed.headers.etag, etag)

    const list = await get(servicesPaths.list())
    assert.equal((await get(servicesPaths.list(), { 'if-none-match': String(list.headers.etag) })).statusCode, 304)
    assert.notEqual((await get(filteredServicesPage(['court']))).headers.etag, list.headers.etag, 'each filter has its own tag')
  })

  it('never lets a cache keep the page a signed-in user sees, which carries their name', async () => {
    const organisation = await db.selectFrom('organisation').select('id').executeTakeFirstOrThrow()
    const session = await signIn(app, await createUser(db, { organisationId: organisation.id, roles: ['volunteer'] }))
    const response = await get(servicesPaths.service({ slug: 'fallowmere-pipe' }), { cookie: session.cookie })
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['cache-control'], 'private, no-cache')
    assert.equal(response.headers.etag, undefined)
    assert.match(response.body, /Sign out/)
  })

  it('gives the same public services as JSON, with the same filter', async () => {
    const response = await get(servicesPaths.api.services())
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /application\/json/)
    const body = servicesListResponse.parse(response.json())
    assert.deepEqual(body.services.map((service) => service.slug).sort(), publicSlugs)
    const housing = body.services.find((service) => service.slug === 'womens-supported-housing')
    assert.deepEqual(housing, {
      slug: 'womens-supported-housing',
      name: "Women's supported housing",
      summary: 'Supported-housing placements for women on the pathway who need a safe place to live.',
      provider: "Lindenholt Women's Housing",
      settings: ['community', 'housing'],
      url: '/services/womens-supported-housing',
    })
    const court = servicesListResponse.parse((await get(`${servicesPaths.api.services()}?setting=court`)).json())
    assert.deepEqual(court.services.map((service) => service.slug), ['liaison-and-diversion'])
  })

  it('gives one service as JSON with its places, rules as data and in words, referrers and contact; an unknown slug is a JSON 404', async () => {
    const response = await get(servicesPaths.api.service({ slug: 'cinderbank-progression-unit' }))
    assert.equal(response.statusCode, 200)
    const service = serviceResponse.parse(response.json())
    assert.deepEqual(service.elements, [{ name: 'Progression unit places', capacity: null }])
    assert.deepEqual(service.eligibility, [
      { rule: { kind: 'sex', sexes: ['male'] }, description: 'Men only' },
      { rule: { kind: 'region', areas: ['London'], organisationIds: [] }, description: 'From London' },
    ])
    assert.deepEqual(service.referrers.organisationTypes.map((type) => type.key), ['prison', 'probation_delivery_unit', 'probation_region'])
    assert.deepEqual(service.contact, { name: 'Progression unit referrals', email: 'cinderbank.progression@example.org', phone: '01632 960102' })
    assert.equal(response.headers['cache-control'], 'public, max-age=300')
    assert.equal((await get(servicesPaths.api.service({ slug: 'cinderbank-progression-unit' }), { 'if-none-match': String(response.headers.etag) })).statusCode, 304)

    const missing = await get(servicesPaths.api.service({ slug: 'no-such-service' }))
    assert.equal(missing.statusCode, 404)
    assert.equal((missing.json() as { error: { status: number } }).error.status, 404)
  })

  it('names the organisations a region rule refers to', async () => {
    const service = serviceResponse.parse((await get(servicesPaths.api.service({ slug: 'iom-clinical-review' }))).json())
    assert.equal(service.eligibility[0]?.description, 'Managed by Marchfield North Probation Delivery Unit or Marchfield South Probation Delivery Unit')
  })
})
