import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, formBody, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import type { DatabaseConfig } from '../../platform/config.ts'
import { newId } from '../../platform/db/ids.ts'
import { allocationsPaths } from './paths.ts'

/**
 * Runs in a separate Node process, as a second instance of Pathways on the same database:
 * builds the app, says it is ready, and when stdin closes sends its one allocation and
 * prints the answer. (Two SQLite handles in one process cannot stand in for this: the
 * driver queues one process's transactions on its single connection.)
 */
const instanceScript = `
  import { once } from 'node:events'
  import { Writable } from 'node:stream'
  import { openDatabase } from ${JSON.stringify(new URL('../../platform/db/database.ts', import.meta.url).href)}
  import { buildApp } from ${JSON.stringify(new URL('../../platform/app.ts', import.meta.url).href)}
  import { testConfig } from ${JSON.stringify(new URL('../../../test/support/app.ts', import.meta.url).href)}
  const { config, request } = JSON.parse(process.env.RACE_REQUEST)
  const handle = await openDatabase(config)
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
  const app = await buildApp({ config: { ...testConfig(), database: config }, database: handle, logDestination: silent })
  process.stdout.write('ready\\n')
  process.stdin.resume()
  await once(process.stdin, 'end')
  try {
    const response = await app.inject(request)
    process.stdout.write(JSON.stringify({ status: response.statusCode, full: response.body.includes('There are no free places in The last place.') }))
  } finally {
    await app.close()
    await handle.close()
  }
`

interface Instance {
  ready: Promise<void>
  go(): void
  answer: Promise<{ status: number; full: boolean }>
}

function startInstance(config: DatabaseConfig, request: Record<string, unknown>): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', instanceScript], {
    env: { ...process.env, RACE_REQUEST: JSON.stringify({ config, request }) },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  let output = ''
  const readyLine = 'ready\n'
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (output.startsWith(readyLine)) resolve()
    })
    child.on('close', () => reject(new Error('the instance ended before it was ready')))
  })
  const answer = new Promise<{ status: number; full: boolean }>((resolve, reject) => {
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output.slice(readyLine.length)) as { status: number; full: boolean }) : reject(new Error(`the instance exited with code ${code}`))))
  })
  return { ready, go: () => child.stdin.end(), answer }
}

describeEachDialect('the last place, taken by two instances of Pathways at once', (database) => {
  let app: FastifyInstance
  const referralIds: string[] = []
  const sessions: BrowserSession[] = []
  const clinicianIds: string[] = []
  let elementId: string

  before(async () => {
    ;({ app } = await createTestApp(database()))
    const { db } = database().handle
    const trust = await organisationWithTeam(db, 'Teacup Valley NHS Trust', 'nhs_trust')
    const probation = await organisationWithTeam(db, 'Marmalade Probation Delivery Unit', 'probation_delivery_unit')
    const serviceId = newId()
    elementId = newId()
    await db.insertInto('service').values({ id: serviceId, organisation_id: trust.organisationId, slug: 'race-pipe', name: 'Race PIPE', summary: 'A test service', is_public: true }).execute()
    await db.insertInto('service_element').values({ id: elementId, service_id: serviceId, name: 'The last place', capacity: 1, position: 1 }).execute()
    await db.updateTable('team').set({ service_id: serviceId }).where('id', '=', trust.teamId).execute()
    const referrer = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    for (const _ of [1, 2]) {
      const clinician = await createUser(db, { organisationId: trust.organisationId, roles: ['clinician'], teamIds: [trust.teamId], isDemo: true })
      sessions.push(await signIn(app, clinician))
      clinicianIds.push(clinician.id)
      const personId = await createPerson(db, { teamId: trust.teamId })
      const referralId = newId()
      await db
        .insertInto('referral')
        .values({ id: referralId, person_id: personId, service_id: serviceId, service_element_id: elementId, status: 'waiting', urgency: 'routine', priority: 2, referrer_user_id: referrer.id, referrer_organisation_id: probation.organisationId, referrer_role: 'offender_manager', referred_at: new Date().toISOString(), updated_at: new Date().toISOString() })
        .execute()
      referralIds.push(referralId)
    }
  })
  after(() => app.close())

  it('gives the place to exactly one, tells the other there is no free place, and never exceeds the capacity', async () => {
    const { db } = database().handle
    const today = new Date().toISOString().slice(0, 10).split('-')
    const instances = referralIds.map((referralId, index) => {
      const session = sessions[index]!
      return startInstance(database().config, {
        method: 'POST',
        url: allocationsPaths.allocate({ referralId }),
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: session.csrf, element: elementId, leadClinician: clinicianIds[index]!, 'startsOn-day': String(Number(today[2])), 'startsOn-month': String(Number(today[1])), 'startsOn-year': today[0]! }),
      })
    })
    await Promise.all(instances.map((instance) => instance.ready))
    for (const instance of instances) instance.go()
    const answers = await Promise.all(instances.map((instance) => instance.answer))
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [303, 409])
    assert.equal(answers.find((answer) => answer.status === 409)?.full, true)
    const active = await db.selectFrom('allocation').select('referral_id').where('service_element_id', '=', elementId).where('status', '=', 'active').execute()
    assert.equal(active.length, 1)
    const statuses = await db.selectFrom('referral').select('status').where('id', 'in', referralIds).execute()
    assert.deepEqual(statuses.map((row) => row.status).sort(), ['allocated', 'waiting'])
  })
})
