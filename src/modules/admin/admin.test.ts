import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createUser, csrfFrom, postForm, signIn, visitSignIn, type BrowserSession, type TestUser } from '../../../test/support/sessions.ts'
import { accountPaths } from '../account/index.ts'
import { throttlePolicy } from '../../platform/auth/throttle.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { OrganisationType } from '../../platform/db/schema.ts'
import { adminPaths, usersPage } from './paths.ts'
import { adminRoutes } from './routes.ts'
import { setPasswordLinkHours } from './rules.ts'

const newPassword = 'a kettle of quiet herons 7'

async function addOrganisation(db: Db, name: string, type: OrganisationType = 'charity'): Promise<string> {
  const id = newId()
  await db.insertInto('organisation').values({ id, name, type }).execute()
  return id
}

async function addTeam(db: Db, organisationId: string, name: string): Promise<string> {
  const id = newId()
  await db.insertInto('team').values({ id, organisation_id: organisationId, name }).execute()
  return id
}

/** Fills a route pattern's parameters. */
function pathOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? 'missing')
}

describeEachDialect('administration', (database) => {
  let app: FastifyInstance
  let db: Db
  let home: string
  let elsewhere: string
  let homeTeam: string
  let elsewhereUser: TestUser
  // Administrators need a second factor; demo accounts skip it, which keeps these tests about administration.
  let admin: BrowserSession
  let adminUser: TestUser
  let systemAdmin: BrowserSession
  let caseWorker: BrowserSession

  const get = (session: Pick<BrowserSession, 'cookie'>, url: string) => app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const lastSequence = async () => Number((await db.selectFrom('audit_event').select((eb) => eb.fn.max('sequence').as('n')).executeTakeFirst())?.n ?? 0)
  const auditSince = (sequence: number) => db.selectFrom('audit_event').selectAll().where('sequence', '>', sequence).orderBy('sequence').execute()
  const statusOf = async (userId: string) => (await db.selectFrom('staff_user').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status
  const signInStatus = async (user: Pick<TestUser, 'email' | 'password'>) => {
    const visitor = await visitSignIn(app)
    return (await postForm(app, visitor, accountPaths.signIn(), { email: user.email, password: user.password })).statusCode
  }

  /** Runs `change` and checks it wrote exactly one audit row, by the home administrator, for the home organisation. */
  async function expectOneAuditRow<T>(action: string, recordId: () => string | undefined, change: () => Promise<T>): Promise<T> {
    const before = await lastSequence()
    const result = await change()
    const rows = await auditSince(before)
    assert.equal(rows.length, 1, `one audit row for ${action}`)
    assert.equal(rows[0]?.action, action)
    assert.equal(rows[0]?.outcome, 'allowed')
    assert.equal(rows[0]?.user_id, adminUser.id)
    assert.equal(rows[0]?.organisation_id, home)
    assert.equal(rows[0]?.record_id, recordId())
    return result
  }

  async function invite(fields: Record<string, string>) {
    const form = await csrfFrom(app, admin, adminPaths.inviteUser({ organisationId: home }))
    return postForm(app, form, adminPaths.users({ organisationId: home }), fields)
  }

  /** The path of the set-password link on the page shown after an invitation or reset. */
  function linkOn(html: string): string {
    const link = /https?:\/\/[^/<\s]+(\/set-password\/[\w-]+)/.exec(html)?.[1]
    assert.ok(link, 'the page shows a set-password link')
    return link
  }

  async function choosePassword(link: string, password = newPassword) {
    const page = await app.inject({ method: 'GET', url: link })
    assert.equal(page.statusCode, 200)
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? ''
    const visitor = await csrfFrom(app, { cookie }, link)
    return postForm(app, visitor, link, { password, confirmPassword: password })
  }

  async function issueLink(userId: string): Promise<string> {
    const form = await csrfFrom(app, admin, adminPaths.user({ userId }))
    const page = await postForm(app, form, adminPaths.issuePasswordLink({ userId }))
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers['cache-control'], 'no-store')
    return linkOn(page.body)
  }

  async function userPost(userId: string, url: string, session = admin) {
    return postForm(app, await csrfFrom(app, session, adminPaths.user({ userId })), url)
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    home = await addOrganisation(db, 'Lanternway Women’s Centre')
    elsewhere = await addOrganisation(db, 'Puddleby Probation Region', 'probation_region')
    const partnership = await addOrganisation(db, 'Partnership commissioning', 'commissioner')
    homeTeam = await addTeam(db, home, 'Outreach')
    await addTeam(db, elsewhere, 'Marchfield delivery')
    adminUser = await createUser(db, { organisationId: home, roles: ['organisation_administrator'], isDemo: true })
    elsewhereUser = await createUser(db, { organisationId: elsewhere, roles: ['probation_officer'] })
    admin = await signIn(app, adminUser)
    systemAdmin = await signIn(app, await createUser(db, { organisationId: partnership, roles: ['system_administrator'], isDemo: true }))
    caseWorker = await signIn(app, await createUser(db, { organisationId: home, roles: ['volunteer'] }))
  })
  after(() => app.close())

  it('shows an organisation administrator only their own organisation, and a system administrator every one', async () => {
    const own = await get(admin, adminPaths.organisations())
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /Lanternway Women’s Centre/)
    assert.doesNotMatch(own.body, /Puddleby Probation Region/)
    assert.doesNotMatch(own.body, /Add an organisation/)
    const all = await get(systemAdmin, adminPaths.organisations())
    assert.match(all.body, /Lanternway Women’s Centre[\s\S]*Puddleby Probation Region/)
  })

  it('lets only a system administrator add an organisation; a delivery unit needs its region', async () => {
    assert.equal((await get(admin, adminPaths.newOrganisation())).statusCode, 403)
    const form = await csrfFrom(app, systemAdmin, adminPaths.newOrganisation())
    const missing = await postForm(app, form, adminPaths.organisations(), { name: 'Puddleby North PDU', type: 'probation_delivery_unit', parentId: '' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#parentId">Select the probation region/)
    assert.match(missing.body, /value="Puddleby North PDU"/, 'keeps what was typed')
    const added = await postForm(app, form, adminPaths.organisations(), { name: 'Puddleby North PDU', type: 'probation_delivery_unit', parentId: elsewhere })
    assert.equal(added.statusCode, 303)
    const stored = await db.selectFrom('organisation').selectAll().where('name', '=', 'Puddleby North PDU').executeTakeFirstOrThrow()
    assert.equal(stored.parent_id, elsewhere)
    assert.equal(added.headers.location, adminPaths.organisation({ organisationId: stored.id }))
    const audit = await db.selectFrom('audit_event').selectAll().where('record_id', '=', stored.id).execute()
    assert.deepEqual(audit.map((row) => row.action), ['admin.organisation.create'])
    const taken = await postForm(app, form, adminPaths.organisations(), { name: 'puddleby north pdu', type: 'charity' })
    assert.match(taken.body, /An organisation with this name already exists/)
  })

  it('adds a team to the organisation, with one audit row, and refuses a second team of the same name', async () => {
    const form = await csrfFrom(app, admin, adminPaths.newTeam({ organisationId: home }))
    let teamId: string | undefined
    const added = await expectOneAuditRow('admin.team.create', () => teamId, async () => {
      const response = await postForm(app, form, adminPaths.teams({ organisationId: home }), { name: 'Housing support', serviceId: '' })
      teamId = (await db.selectFrom('team').select('id').where('name', '=', 'Housing support').executeTakeFirst())?.id
      return response
    })
    assert.equal(added.headers.location, adminPaths.teams({ organisationId: home }))
    assert.match((await get(admin, adminPaths.teams({ organisationId: home }))).body, /Housing support/)
    const again = await postForm(app, form, adminPaths.teams({ organisationId: home }), { name: 'HOUSING SUPPORT' })
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /already has a team with this name/)
  })

  it('invites a user whose one-time link sets a password once, after which they can sign in', async () => {
    let userId: string | undefined
    const page = await expectOneAuditRow('admin.user.invite', () => userId, async () => {
      const response = await invite({ displayName: 'Nia Quillfeather', email: 'Nia.Quillfeather@Example.TEST', roles: 'volunteer', teamIds: homeTeam })
      userId = (await db.selectFrom('staff_user').select('id').where('email', '=', 'nia.quillfeather@example.test').executeTakeFirst())?.id
      return response
    })
    assert.equal(page.statusCode, 200)
    assert.equal(await statusOf(userId!), 'invited')
    assert.equal(await signInStatus({ email: 'nia.quillfeather@example.test', password: newPassword }), 401, 'no sign-in before a password is chosen')
    const link = linkOn(page.body)
    const stored = await db.selectFrom('password_reset').selectAll().where('user_id', '=', userId!).executeTakeFirstOrThrow()
    assert.ok(!stored.token_hash.includes(link.split('/').at(-1)!), 'only the hash is stored')
    assert.ok(Math.abs(Date.parse(stored.expires_at) - Date.now() - setPasswordLinkHours.invitation * 3_600_000) < 60_000)

    const weak = await choosePassword(link, 'short')
    assert.equal(weak.statusCode, 400)
    assert.match(weak.body, /must be at least 12 characters/)
    const before = await lastSequence()
    const done = await choosePassword(link)
    assert.equal(done.headers.location, adminPaths.passwordSet())
    assert.deepEqual((await auditSince(before)).map((row) => [row.action, row.user_id, row.organisation_id]), [['account.password.set', userId, home]])
    assert.equal(await statusOf(userId!), 'active')
    assert.equal((await app.inject({ method: 'GET', url: link })).statusCode, 404, 'the link works once')
    assert.equal(await signInStatus({ email: 'nia.quillfeather@example.test', password: newPassword }), 303)
    const teams = await db.selectFrom('team_membership').select('team_id').where('user_id', '=', userId!).execute()
    assert.deepEqual(teams.map((row) => row.team_id), [homeTeam])
  })

  it('keeps what was typed and ticked when an invitation is refused, and refuses an e-mail already in use in any case', async () => {
    const missing = await invite({ displayName: 'Rhys Puddleby', email: '', teamIds: homeTeam })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#email">Enter their email address/)
    assert.match(missing.body, /href="#roles">Select at least one role/)
    assert.match(missing.body, /value="Rhys Puddleby"/)
    assert.match(missing.body, new RegExp(`value="${homeTeam}" checked`))
    const taken = await invite({ displayName: 'Someone else', email: adminUser.email.toUpperCase(), roles: 'volunteer' })
    assert.equal(taken.statusCode, 400)
    assert.match(taken.body, /A user with this email address already exists/)
  })

  it('offers an organisation administrator no system role, and refuses them a system administrator’s account', async () => {
    const form = await get(admin, adminPaths.inviteUser({ organisationId: home }))
    assert.match(form.body, /value="clinician"/)
    assert.doesNotMatch(form.body, /value="system_administrator"/)
    const refused = await invite({ displayName: 'Would-be system admin', email: 'sneaky@example.test', roles: 'system_administrator' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Select roles from the list/)
    const superUser = await createUser(db, { organisationId: home, roles: ['system_administrator'] })
    assert.match((await get(admin, adminPaths.user({ userId: superUser.id }))).body, /only a system administrator can change it/)
    assert.equal((await userPost(superUser.id, adminPaths.issuePasswordLink({ userId: superUser.id }))).statusCode, 403)
    assert.equal((await userPost(superUser.id, adminPaths.deactivateUser({ userId: superUser.id }))).statusCode, 403)
  })

  it('deactivates a user, ending their sessions and sign-in, and reactivates them; never deletes', async () => {
    const target = await createUser(db, { organisationId: home, roles: ['volunteer'] })
    const theirs = await signIn(app, target)
    await expectOneAuditRow('admin.user.deactivate', () => target.id, () => userPost(target.id, adminPaths.deactivateUser({ userId: target.id })))
    assert.equal(await statusOf(target.id), 'deactivated')
    assert.equal((await get(theirs, accountPaths.account())).statusCode, 303, 'their open session no longer works')
    assert.equal((await db.selectFrom('session').select('id_hash').where('user_id', '=', target.id).execute()).length, 0)
    assert.equal(await signInStatus(target), 401)
    assert.match((await get(admin, adminPaths.user({ userId: target.id }))).body, /Deactivated/)

    await expectOneAuditRow('admin.user.reactivate', () => target.id, () => userPost(target.id, adminPaths.reactivateUser({ userId: target.id })))
    assert.equal(await statusOf(target.id), 'active')
    assert.equal(await signInStatus(target), 303)
    assert.ok(!adminRoutes.some((route) => route.method === 'DELETE'))
  })

  it('does not let an administrator deactivate themselves', async () => {
    const before = await lastSequence()
    await userPost(adminUser.id, adminPaths.deactivateUser({ userId: adminUser.id }))
    assert.equal(await statusOf(adminUser.id), 'active')
    assert.equal((await auditSince(before)).length, 0)
  })

  it('asks for the password again before changing roles and teams', async () => {
    const stepUpAdmin = await createUser(db, { organisationId: home, roles: ['organisation_administrator'], isDemo: true })
    const session = await signIn(app, stepUpAdmin)
    const target = await createUser(db, { organisationId: home, roles: ['volunteer'] })
    const accessPath = adminPaths.userAccess({ userId: target.id })
    const form = await csrfFrom(app, session, accessPath)
    await db.updateTable('session').set({ reauthenticated_at: new Date(Date.now() - 10 * 60_000).toISOString() }).where('user_id', '=', stepUpAdmin.id).execute()

    const page = await get(session, accessPath)
    assert.equal(page.statusCode, 303)
    assert.equal(page.headers.location, `${accountPaths.confirmIdentity()}?returnTo=${encodeURIComponent(accessPath)}`)
    const change = { roles: 'charity_case_worker', teamIds: homeTeam }
    assert.equal((await postForm(app, form, accessPath, change)).statusCode, 403)
    assert.deepEqual(await db.selectFrom('staff_user_role').select('role').where('user_id', '=', target.id).execute(), [{ role: 'volunteer' }])

    const confirmed = await postForm(app, form, accountPaths.confirmIdentity(), { password: stepUpAdmin.password, returnTo: accessPath })
    assert.equal(confirmed.headers.location, accessPath)
    assert.match((await get(session, accessPath)).body, /value="volunteer" checked/)
    const before = await lastSequence()
    assert.equal((await postForm(app, form, accessPath, change)).headers.location, adminPaths.user({ userId: target.id }))
    const rows = await auditSince(before)
    assert.deepEqual(rows.map((row) => [row.action, row.user_id, row.organisation_id, row.record_id]), [['admin.user.change-access', stepUpAdmin.id, home, target.id]])
    assert.deepEqual(await db.selectFrom('staff_user_role').select('role').where('user_id', '=', target.id).execute(), [{ role: 'charity_case_worker' }])
    assert.deepEqual(await db.selectFrom('team_membership').select('team_id').where('user_id', '=', target.id).execute(), [{ team_id: homeTeam }])
  })

  it('unlocks an account locked by wrong passwords, so that one more slip does not lock it again', async () => {
    const target = await createUser(db, { organisationId: home, roles: ['volunteer'] })
    const wrong = { email: target.email, password: 'not the password at all' }
    for (let attempt = 0; attempt < throttlePolicy.accountFailures; attempt += 1) await signInStatus(wrong)
    assert.equal(await signInStatus(target), 403)
    assert.match((await get(admin, adminPaths.user({ userId: target.id }))).body, /govuk-tag--red">\s*Locked/)
    await expectOneAuditRow('admin.user.unlock', () => target.id, () => userPost(target.id, adminPaths.unlockUser({ userId: target.id })))
    assert.equal(await signInStatus(wrong), 401)
    assert.equal(await signInStatus(target), 303)
  })

  it('issues a password reset link that expires, and a new link replaces the old one', async () => {
    const target = await createUser(db, { organisationId: home, roles: ['volunteer'] })
    const first = await expectOneAuditRow('admin.user.issue-password-link', () => target.id, () => issueLink(target.id))
    const stored = await db.selectFrom('password_reset').selectAll().where('user_id', '=', target.id).executeTakeFirstOrThrow()
    assert.ok(Math.abs(Date.parse(stored.expires_at) - Date.now() - setPasswordLinkHours.reset * 3_600_000) < 60_000)
    await db.updateTable('password_reset').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', target.id).execute()
    const expired = await app.inject({ method: 'GET', url: first })
    assert.equal(expired.statusCode, 404)
    assert.match(expired.body, /This link cannot be used/)

    const second = await issueLink(target.id)
    const third = await issueLink(target.id)
    assert.equal((await app.inject({ method: 'GET', url: second })).statusCode, 404, 'replaced by the newer link')
    assert.equal((await choosePassword(third)).statusCode, 303)
    assert.equal(await signInStatus(target), 401, 'the old password no longer works')
    assert.equal(await signInStatus({ email: target.email, password: newPassword }), 303)
  })

  it('lists users 25 to a page', async () => {
    const crowded = await addOrganisation(db, 'Crowded charity')
    for (let index = 0; index < 27; index += 1) await createUser(db, { organisationId: crowded, roles: ['volunteer'] })
    const first = await get(systemAdmin, usersPage(crowded, 1))
    assert.equal(first.statusCode, 200)
    assert.equal((first.body.match(/govuk-tag--green/g) ?? []).length, 25)
    assert.match(first.body, /Showing 1 to 25 of 27 users/)
    assert.ok(first.body.includes(`href="${usersPage(crowded, 2)}"`))
    const second = await get(systemAdmin, usersPage(crowded, 2))
    assert.equal((second.body.match(/govuk-tag--green/g) ?? []).length, 2)
    assert.equal((await get(systemAdmin, usersPage(crowded, 3))).statusCode, 404)
  })

  it('answers 404 to an organisation administrator for every page and change of another organisation', async () => {
    const ids = { organisationId: elsewhere, userId: elsewhereUser.id }
    const form = await csrfFrom(app, admin, adminPaths.organisations())
    const before = await lastSequence()
    const scoped = adminRoutes.filter((route) => route.capability !== 'public' && /:(organisationId|userId)/.test(route.path))
    assert.ok(scoped.length >= 14)
    for (const route of scoped) {
      const url = pathOf(route.path, ids)
      const response = route.method === 'GET' ? await get(admin, url) : await postForm(app, form, url, { name: 'x', displayName: 'x', email: 'x@example.test', roles: 'volunteer' })
      assert.equal(response.statusCode, 404, `${route.method} ${route.path}`)
    }
    assert.equal((await auditSince(before)).length, 0)
    assert.equal(await statusOf(elsewhereUser.id), 'active')
  })

  it('refuses every administration route to a user without an administration capability, and sends a visitor to sign in', async () => {
    const ids = { organisationId: home, userId: adminUser.id }
    for (const route of adminRoutes.filter((candidate) => candidate.capability !== 'public')) {
      const url = pathOf(route.path, ids)
      const response = route.method === 'GET' ? await get(caseWorker, url) : await postForm(app, caseWorker, url)
      assert.equal(response.statusCode, 403, `${route.method} ${route.path}`)
      if (route.method === 'GET') assert.equal((await app.inject({ method: 'GET', url })).statusCode, 303)
    }
  })

  it('gives administrators no person-level capability through these routes', () => {
    for (const route of adminRoutes) assert.ok(['organisation:administer', 'system:administer', 'public'].includes(route.capability), route.path)
  })

  it('refuses a change posted without the CSRF token', async () => {
    const target = await createUser(db, { organisationId: home, roles: ['volunteer'] })
    const response = await app.inject({ method: 'POST', url: adminPaths.deactivateUser({ userId: target.id }), headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })
    assert.equal(response.statusCode, 403)
    assert.equal(await statusOf(target.id), 'active')
  })
})
