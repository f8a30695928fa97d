import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, signIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { samplePdf } from '../../platform/files/sample-documents.ts'
import { sha256Hex } from '../../platform/files/index.ts'
import { servicesPaths } from './paths.ts'
import { servicesRoutes } from './routes.ts'

const manage = servicesPaths.manage

/** Form fields as a browser posts them: a checkbox group repeats its name. */
type Fields = Record<string, string | string[]>

const details: Fields = {
  name: 'Lanternway recovery service',
  summary: 'Weekly recovery groups for women leaving custody.',
  settings: ['community', 'housing'],
  description: 'Weekly groups.\nOne-to-one support.',
  audience: 'Women leaving custody.',
  howToRefer: 'Email the team.',
  contactName: 'Recovery team',
  contactEmail: 'recovery@example.org',
  contactPhone: '01632 960 500',
}

interface ServiceFixture {
  id: string
  elementId: string
  ruleId: string
  downloadId: string
}

/** A service of `organisationId` with one part, one condition and one file, written straight to the database. */
async function serviceOf(db: Db, organisationId: string, slug: string, name: string): Promise<ServiceFixture> {
  const id = newId()
  const elementId = newId()
  const ruleId = newId()
  const downloadId = newId()
  const key = newId()
  const bytes = samplePdf()
  await db.insertInto('service').values({ id, organisation_id: organisationId, slug, name, summary: `${name} summary.`, is_public: true }).execute()
  await db.insertInto('service_setting').values({ service_id: id, setting: 'prison' }).execute()
  await db.insertInto('service_element').values({ id: elementId, service_id: id, name: `${name} places`, capacity: 8, position: 1 }).execute()
  await db.insertInto('service_eligibility_rule').values({ id: ruleId, service_id: id, kind: 'sentence_left', parameters: jsonValue({ minMonths: 6 }), position: 1 }).execute()
  await db.insertInto('stored_file').values({ key, content: bytes }).execute()
  await db
    .insertInto('service_download')
    .values({ id: downloadId, service_id: id, title: `${name} form`, file_name: 'form.pdf', document_type: 'pdf', byte_size: bytes.byteLength, sha256: sha256Hex(bytes), storage: 'database', storage_key: key })
    .execute()
  return { id, elementId, ruleId, downloadId }
}

describeEachDialect('managing services', (database) => {
  let app: FastifyInstance
  let db: Db
  let home: string
  let foreign: string
  let foreignService: ServiceFixture
  let managerUser: TestUser
  let manager: BrowserSession
  let foreignManager: BrowserSession
  let systemAdmin: BrowserSession
  let volunteer: BrowserSession

  const get = (session: BrowserSession, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  function post(session: BrowserSession, url: string, fields: Fields = {}) {
    const body = new URLSearchParams([['_csrf', session.csrf]])
    for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
    return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() })
  }
  const lastSequence = async () => Number((await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('n')).executeTakeFirst())?.n ?? 0)
  const auditSince = (sequence: number) => db.selectFrom('audit_event').selectAll().where('sequence', '>', sequence).orderBy('sequence').execute()
  const serviceIdIn = (location: unknown) => /\/manage\/services\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? ''

  /** Runs `change`, expects a redirect to the service's page and exactly one audit row `action` by the home manager. */
  async function expectAudited(action: string, change: () => Promise<{ statusCode: number; headers: Record<string, unknown> }>) {
    const before = await lastSequence()
    const response = await change()
    assert.equal(response.statusCode, 303, `${action} redirects`)
    const rows = await auditSince(before)
    assert.deepEqual(rows.map((row) => [row.action, row.outcome, row.user_id, row.organisation_id, row.record_type]), [[action, 'allowed', managerUser.id, home, 'service']])
    return { response, row: rows[0]! }
  }

  /** Everything stored about a service, to show that a refused request changed none of it. */
  async function snapshot(serviceId: string) {
    return {
      service: await db.selectFrom('service').selectAll().where('id', '=', serviceId).executeTakeFirst(),
      settings: await db.selectFrom('service_setting').selectAll().where('service_id', '=', serviceId).orderBy('setting').execute(),
      elements: await db.selectFrom('service_element').selectAll().where('service_id', '=', serviceId).orderBy('id').execute(),
      rules: await db.selectFrom('service_eligibility_rule').selectAll().where('service_id', '=', serviceId).orderBy('id').execute(),
      roles: await db.selectFrom('service_referrer_role').selectAll().where('service_id', '=', serviceId).orderBy('role').execute(),
      downloads: await db.selectFrom('service_download').selectAll().where('service_id', '=', serviceId).orderBy('id').execute(),
      history: await db.selectFrom('service_change').selectAll().where('service_id', '=', serviceId).orderBy('id').execute(),
    }
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    home = newId()
    foreign = newId()
    const partnership = newId()
    await db.insertInto('organisation').values([
      { id: home, name: 'Lanternway Health NHS Trust', type: 'nhs_trust' },
      { id: foreign, name: 'Puddleby Works', type: 'charity' },
      { id: partnership, name: 'Partnership commissioning', type: 'commissioner' },
    ]).execute()
    foreignService = await serviceOf(db, foreign, 'puddleby-placements', 'Puddleby placements')
    // Service managers and administrators need a second factor; demo accounts skip it, which keeps these tests about services.
    managerUser = await createUser(db, { organisationId: home, roles: ['service_manager'], isDemo: true })
    manager = await signIn(app, managerUser)
    foreignManager = await signIn(app, await createUser(db, { organisationId: foreign, roles: ['service_manager'], isDemo: true }))
    systemAdmin = await signIn(app, await createUser(db, { organisationId: partnership, roles: ['system_administrator'], isDemo: true }))
    volunteer = await signIn(app, await createUser(db, { organisationId: home, roles: ['volunteer'] }))
  })
  after(() => app.close())

  it('refuses the management pages to a role without service:manage', async () => {
    assert.equal((await get(volunteer, manage.list())).statusCode, 403)
    assert.equal((await post(volunteer, manage.list(), details)).statusCode, 403)
  })

  it('shows each missing detail of a new service in the error summary, in form order, keeping what was typed', async () => {
    const response = await post(manager, manage.list(), { name: 'Half a service', contactEmail: 'nowhere', settings: [] })
    assert.equal(response.statusCode, 400)
    const summary = [...response.body.matchAll(/<a href="#(\w+)">([^<]+)<\/a>/g)].map((match) => `${match[1]}: ${match[2]}`)
    assert.deepEqual(summary, [
      'summary: Enter a summary',
      'settings: Select where the service works',
      'description: Enter what the service offers',
      'audience: Enter who the service is for',
      'howToRefer: Enter how to refer',
      'contactEmail: Enter an email address in the correct format, like referrals@example.org',
    ])
    assert.match(response.body, /value="Half a service"/)
    assert.match(response.body, /value="nowhere"/)
    assert.match(response.body, /<title>Error: Add a service/)
    assert.equal(await db.selectFrom('service').select('id').where('name', '=', 'Half a service').executeTakeFirst(), undefined)
  })

  it('adds a service for the manager\'s own organisation, unpublished, whatever organisation is posted', async () => {
    const { response, row } = await expectAudited('service.create', () => post(manager, manage.list(), { ...details, organisationId: foreign }))
    const serviceId = serviceIdIn(response.headers.location)
    const service = await db.selectFrom('service').selectAll().where('id', '=', serviceId).executeTakeFirstOrThrow()
    assert.equal(service.organisation_id, home)
    assert.equal(service.slug, 'lanternway-recovery-service')
    assert.equal(service.is_public, false)
    assert.equal(service.contact_phone, '01632 960 500')
    assert.equal(row.record_id, serviceId)
    assert.deepEqual((await db.selectFrom('service_setting').select('setting').where('service_id', '=', serviceId).orderBy('setting').execute()).map((setting) => setting.setting), ['community', 'housing'])
    assert.equal((await app.inject({ method: 'GET', url: servicesPaths.service({ slug: 'lanternway-recovery-service' }) })).statusCode, 404, 'not public yet')

    const again = await post(manager, manage.list(), details)
    const second = await db.selectFrom('service').select('slug').where('id', '=', serviceIdIn(again.headers.location)).executeTakeFirstOrThrow()
    assert.equal(second.slug, 'lanternway-recovery-service-2', 'a second service of the same name gets a slug of its own')
  })

  it('lists a manager\'s own services only, and every service to a system administrator', async () => {
    const own = await get(manager, manage.list())
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /Lanternway recovery service/)
    assert.doesNotMatch(own.body, /Puddleby placements/)
    const all = await get(systemAdmin, manage.list())
    assert.match(all.body, /Lanternway recovery service/)
    assert.match(all.body, /Puddleby placements/)
    assert.match((await get(manager, '/')).body, /href="\/manage\/services"/, 'the header links to the manager\'s services')
  })

  it('lets a system administrator add a service for an organisation they choose, and asks them to choose', async () => {
    const unchosen = await post(systemAdmin, manage.list(), { ...details, name: 'Puddleby drop-in' })
    assert.equal(unchosen.statusCode, 400)
    assert.match(unchosen.body, /href="#organisationId">Select the organisation that provides the service/)
    const chosen = await post(systemAdmin, manage.list(), { ...details, name: 'Puddleby drop-in', organisationId: foreign })
    assert.equal(chosen.statusCode, 303)
    const service = await db.selectFrom('service').select('organisation_id').where('id', '=', serviceIdIn(chosen.headers.location)).executeTakeFirstOrThrow()
    assert.equal(service.organisation_id, foreign)
  })

  it('changes the details, recording which fields changed in the history and the audit trail', async () => {
    const serviceId = (await db.selectFrom('service').select('id').where('slug', '=', 'lanternway-recovery-service').executeTakeFirstOrThrow()).id
    const problem = await post(manager, manage.details({ serviceId }), { ...details, contactPhone: 'ring us' })
    assert.equal(problem.statusCode, 400)
    assert.match(problem.body, /href="#contactPhone">Enter a telephone number, like 01632 960 001/)
    assert.match(problem.body, /value="ring us"/)

    const { row } = await expectAudited('service.change', () => post(manager, manage.details({ serviceId }), { ...details, summary: 'Groups and one-to-one support.', settings: ['community'] }))
    assert.deepEqual(row.details, { serviceOrganisationId: home, fields: ['summary', 'settings'] })
    const page = await get(manager, manage.service({ serviceId }))
    assert.match(page.body, /Groups and one-to-one support\./)
    assert.match(page.body, /Changed the details: summary, where it works/)
    const unchanged = await lastSequence()
    assert.equal((await post(manager, manage.details({ serviceId }), { ...details, summary: 'Groups and one-to-one support.', settings: ['community'] })).statusCode, 303)
    assert.equal(await lastSequence(), unchanged, 'saving without a change records nothing')
  })

  it('adds, changes and removes parts of the service with their places, refusing a bad number or a repeated name', async () => {
    const serviceId = (await db.selectFrom('service').select('id').where('slug', '=', 'lanternway-recovery-service').executeTakeFirstOrThrow()).id
    for (const [capacity, message] of [
      ['-3', 'The number of places must be 0 or more'],
      ['2.5', 'Enter the number of places as a whole number, like 20'],
      ['lots', 'Enter the number of places as a whole number, like 20'],
    ] as const) {
      const response = await post(manager, manage.elements({ serviceId }), { name: 'Groups', capacity })
      assert.equal(response.statusCode, 400, capacity)
      assert.match(response.body, new RegExp(`href="#capacity">${message}`))
      assert.match(response.body, new RegExp(`value="${capacity.replace('.', '\\.')}"`), 'keeps what was typed')
    }
    const { row } = await expectAudited('service.element.add', () => post(manager, manage.elements({ serviceId }), { name: 'Groups', capacity: '12' }))
    await expectAudited('service.element.add', () => post(manager, manage.elements({ serviceId }), { name: 'Drop-in', capacity: '' }))
    const taken = await post(manager, manage.elements({ serviceId }), { name: 'groups', capacity: '3' })
    assert.equal(taken.statusCode, 400)
    assert.match(taken.body, /The service already has a part with this name/)

    const elements = await db.selectFrom('service_element').select(['id', 'name', 'capacity', 'position']).where('service_id', '=', serviceId).orderBy('position').execute()
    assert.deepEqual(elements.map((element) => [element.name, element.capacity, element.position]), [['Groups', 12, 1], ['Drop-in', null, 2]])
    const groups = elements[0]!.id
    assert.deepEqual(row.details, { serviceOrganisationId: home, elementId: groups, capacity: 12 })

    assert.match((await get(manager, manage.element({ serviceId, elementId: groups }))).body, /value="12"/)
    await expectAudited('service.element.change', () => post(manager, manage.element({ serviceId, elementId: groups }), { name: 'Groups', capacity: '0' }))
    assert.equal((await db.selectFrom('service_element').select('capacity').where('id', '=', groups).executeTakeFirstOrThrow()).capacity, 0)
    await expectAudited('service.element.remove', () => post(manager, manage.removeElement({ serviceId, elementId: elements[1]!.id })))
    const page = await get(manager, manage.service({ serviceId }))
    assert.match(page.body, /Changed a part: Groups \(12 places\) → Groups \(0 places\)/)
    assert.match(page.body, /Removed a part: Drop-in \(No fixed number of places\)/)
    assert.equal((await post(manager, manage.removeElement({ serviceId, elementId: elements[1]!.id }))).statusCode, 404, 'a part already removed is not found')

    // A part a referral names keeps it: the referral's history must still say what was asked for.
    const personId = newId()
    await db.insertInto('person').values({ id: personId, given_name: 'Juniper', family_name: 'Teacup', date_of_birth: '1990-04-01', updated_at: new Date().toISOString() }).execute()
    const referrer = await db.selectFrom('staff_user').select('id').where('organisation_id', '=', home).executeTakeFirstOrThrow()
    await db
      .insertInto('referral')
      .values({ id: newId(), person_id: personId, service_id: serviceId, service_element_id: groups, status: 'draft', urgency: 'routine', priority: 2, referrer_user_id: referrer.id, referrer_organisation_id: home, referrer_role: 'clinician', updated_at: new Date().toISOString() })
      .execute()
    const inUse = await post(manager, manage.removeElement({ serviceId, elementId: groups }))
    assert.equal(inUse.statusCode, 409)
    assert.match(inUse.body, /href="#elements">Groups cannot be removed because referrals or places name it/)
    assert.ok(await db.selectFrom('service_element').select('id').where('id', '=', groups).executeTakeFirst(), 'the part is kept')
  })

  it('adds conditions of each kind with their own fields, says what is wrong, and removes them', async () => {
    const serviceId = (await db.selectFrom('service').select('id').where('slug', '=', 'lanternway-recovery-service').executeTakeFirstOrThrow()).id
    const noKind = await post(manager, manage.rules({ serviceId }), {})
    assert.equal(noKind.statusCode, 400)
    assert.match(noKind.body, /href="#kind">Select the kind of condition/)
    const backwards = await post(manager, manage.rules({ serviceId }), { kind: 'age', minAge: '30', maxAge: '18' })
    assert.equal(backwards.statusCode, 400)
    assert.match(backwards.body, /href="#maxAge">The oldest age must be the same as or more than the youngest age/)
    assert.match(backwards.body, /value="age" checked/, 'the chosen kind stays chosen')
    const unknownOrganisation = await post(manager, manage.rules({ serviceId }), { kind: 'region', organisationIds: newId() })
    assert.equal(unknownOrganisation.statusCode, 400)
    assert.match(unknownOrganisation.body, /href="#organisationIds">Select organisations from the list/)

    const { row } = await expectAudited('service.rule.add', () => post(manager, manage.rules({ serviceId }), { kind: 'age', minAge: '18', maxAge: '25' }))
    await expectAudited('service.rule.add', () => post(manager, manage.rules({ serviceId }), { kind: 'sex', sexes: ['female'] }))
    await expectAudited('service.rule.add', () => post(manager, manage.rules({ serviceId }), { kind: 'risk_level', riskLevels: ['high', 'very_high'] }))
    const rules = await db.selectFrom('service_eligibility_rule').select(['id', 'kind', 'parameters']).where('service_id', '=', serviceId).orderBy('position').execute()
    assert.deepEqual(rules.map((rule) => [rule.kind, rule.parameters]), [
      ['age', { minAge: 18, maxAge: 25 }],
      ['sex', { sexes: ['female'] }],
      ['risk_level', { riskLevels: ['high', 'very_high'] }],
    ])
    assert.deepEqual(row.details, { serviceOrganisationId: home, ruleId: rules[0]!.id, kind: 'age' })
    await expectAudited('service.rule.remove', () => post(manager, manage.removeRule({ serviceId, ruleId: rules[1]!.id })))
    const page = await get(manager, manage.service({ serviceId }))
    assert.match(page.body, /Aged 18 to 25/)
    assert.match(page.body, /Assessed as high or very high risk of serious harm/)
    assert.match(page.body, /Removed a condition: Women only/)
  })

  it('sets who may refer, refusing a role that cannot make referrals', async () => {
    const serviceId = (await db.selectFrom('service').select('id').where('slug', '=', 'lanternway-recovery-service').executeTakeFirstOrThrow()).id
    const wrong = await post(manager, manage.referrers({ serviceId }), { roles: ['probation_officer', 'system_administrator'] })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /href="#roles">Select roles from the list/)
    await expectAudited('service.referrers.change', () => post(manager, manage.referrers({ serviceId }), { roles: ['probation_officer'], organisationTypes: ['probation_region', 'prison'] }))
    assert.deepEqual(await db.selectFrom('service_referrer_role').select('role').where('service_id', '=', serviceId).execute(), [{ role: 'probation_officer' }])
    const types = await db.selectFrom('service_referrer_organisation_type').select('organisation_type').where('service_id', '=', serviceId).orderBy('organisation_type').execute()
    assert.deepEqual(types.map((type) => type.organisation_type), ['prison', 'probation_region'])
    assert.match((await get(manager, manage.referrers({ serviceId }))).body, /value="probation_officer" checked/)
  })

  it('publishes and unpublishes the service, once per click', async () => {
    const serviceId = (await db.selectFrom('service').select('id').where('slug', '=', 'lanternway-recovery-service').executeTakeFirstOrThrow()).id
    await expectAudited('service.publish', () => post(manager, manage.publish({ serviceId })))
    const publicPage = await app.inject({ method: 'GET', url: servicesPaths.service({ slug: 'lanternway-recovery-service' }) })
    assert.equal(publicPage.statusCode, 200)
    assert.match(publicPage.body, /Aged 18 to 25/)
    assert.match(publicPage.body, /<p class="govuk-body">Weekly groups\.<\/p>\s*<p class="govuk-body">One-to-one support\.<\/p>/, 'each line a paragraph')
    const before = await lastSequence()
    assert.equal((await post(manager, manage.publish({ serviceId }))).statusCode, 303)
    assert.equal(await lastSequence(), before, 'publishing a published service records nothing')
    await expectAudited('service.unpublish', () => post(manager, manage.unpublish({ serviceId })))
    assert.equal((await app.inject({ method: 'GET', url: servicesPaths.service({ slug: 'lanternway-recovery-service' }) })).statusCode, 404)
  })

  it('answers 404 to another organisation\'s service manager on every management route of a service, changing nothing', async () => {
    const perService = servicesRoutes.filter((route) => route.path.includes(':serviceId'))
    assert.ok(perService.length >= 17)
    const params = { serviceId: foreignService.id, elementId: foreignService.elementId, ruleId: foreignService.ruleId, downloadId: foreignService.downloadId }
    const before = await snapshot(foreignService.id)
    const sequence = await lastSequence()
    for (const route of perService) {
      const url = route.path.replace(/:(\w+)/g, (_whole, name: keyof typeof params) => params[name])
      const fields: Fields = { ...details, name: 'Taken over', capacity: '99', kind: 'age', minAge: '1', roles: 'probation_officer', title: 'Taken over' }
      const response = route.method === 'GET' ? await get(manager, url) : await post(manager, url, fields)
      assert.equal(response.statusCode, 404, `${route.method} ${route.path}`)
      assert.doesNotMatch(response.body, /Puddleby placements/, `${route.method} ${route.path} leaked the service`)
    }
    assert.deepEqual(await snapshot(foreignService.id), before)
    assert.equal(await lastSequence(), sequence, 'no change was audited')
  })

  it('lets a system administrator manage any organisation\'s service', async () => {
    const page = await get(systemAdmin, manage.service({ serviceId: foreignService.id }))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Puddleby placements/)
    assert.equal((await post(systemAdmin, manage.elements({ serviceId: foreignService.id }), { name: 'Evening placements', capacity: '4' })).statusCode, 303)
    const foreignOwn = await get(foreignManager, manage.service({ serviceId: foreignService.id }))
    assert.match(foreignOwn.body, /Evening placements/)
  })
})
