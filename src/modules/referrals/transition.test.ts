import assert from 'node:assert/strict'
import { after, before, beforeEach, it } from 'node:test'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson, organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser, postForm, signIn, type BrowserSession } from '../../../test/support/sessions.ts'
import { inTransaction, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import type { ReferralStatus } from './rules.ts'
import { applyReferralTransition } from './transition.ts'

// The handlers of the referrals module call applyReferralTransition; this route calls it
// directly, so these tests pin the mechanism whatever page or API uses it.
const transitionRoute = defineRoutes([
  {
    method: 'POST',
    path: '/test/referrals/:referralId/transition',
    capability: 'referral:read',
    audit: 'referral.transition',
    handler: async (request: FastifyRequest<{ Params: { referralId: string }; Body: Record<string, string> }>, reply: FastifyReply) => {
      const outcome = await inTransaction(request.server.database.db, (tx) =>
        applyReferralTransition(tx, request, request.params.referralId, request.body.to as ReferralStatus, { reason: request.body.reason, note: request.body.note }),
      )
      return reply.send(outcome.ok ? { ok: true, from: outcome.from, to: outcome.to } : outcome)
    },
  },
])

describeEachDialect('referral transitions', (database) => {
  let app: FastifyInstance
  let db: Db
  let probation: { organisationId: string; teamId: string }
  let trust: { organisationId: string; teamId: string }
  let serviceId: string
  let personId: string
  let referrer: BrowserSession
  let referrerId: string
  let reviewer: BrowserSession
  let foreigner: BrowserSession

  before(async () => {
    ;({ app } = await createTestApp(database(), { routes: transitionRoute }))
    db = database().handle.db
    probation = await organisationWithTeam(db, 'Puddleby Probation Delivery Unit', 'probation_delivery_unit')
    trust = await organisationWithTeam(db, 'Teacup Valley NHS Trust', 'nhs_trust')
    const elsewhere = await organisationWithTeam(db, 'Quillfeather Housing', 'charity')
    serviceId = newId()
    await db.insertInto('service').values({ id: serviceId, organisation_id: trust.organisationId, slug: `pipe-${serviceId.slice(-6)}`, name: 'Teacup PIPE', summary: 'A test service', is_public: true }).execute()
    await db.updateTable('team').set({ service_id: serviceId }).where('id', '=', trust.teamId).execute()
    personId = await createPerson(db, { teamId: probation.teamId })
    const referrerUser = await createUser(db, { organisationId: probation.organisationId, roles: ['probation_officer'], teamIds: [probation.teamId], isDemo: true })
    referrerId = referrerUser.id
    referrer = await signIn(app, referrerUser)
    reviewer = await signIn(app, await createUser(db, { organisationId: trust.organisationId, roles: ['service_manager'], teamIds: [trust.teamId], isDemo: true }))
    foreigner = await signIn(app, await createUser(db, { organisationId: elsewhere.organisationId, roles: ['service_manager', 'probation_officer'], teamIds: [elsewhere.teamId], isDemo: true }))
  })
  after(() => app.close())

  let referralId: string
  beforeEach(async () => {
    referralId = newId()
    await db
      .insertInto('referral')
      .values({ id: referralId, person_id: personId, service_id: serviceId, status: 'draft', urgency: 'routine', priority: 2, referrer_user_id: referrerId, referrer_organisation_id: probation.organisationId, referrer_team_id: probation.teamId, referrer_role: 'offender_manager', updated_at: new Date().toISOString() })
      .execute()
  })

  const move = (session: BrowserSession, to: ReferralStatus, answers: Record<string, string> = {}) =>
    postForm(app, session, `/test/referrals/${referralId}/transition`, { to, ...answers }).then((response) => response.json() as { ok: boolean; problem?: string })
  const status = async () => (await db.selectFrom('referral').select(['status', 'version', 'referred_at', 'decided_at']).where('id', '=', referralId).executeTakeFirstOrThrow())
  const history = () => db.selectFrom('referral_transition').select(['from_status', 'to_status', 'reason', 'note', 'by_user_id']).where('referral_id', '=', referralId).orderBy('occurred_at').orderBy('id').execute()

  it('submits: records the move, opens the receiving team\'s involvement, tells the team, and audits it', async () => {
    assert.deepEqual(await move(referrer, 'submitted'), { ok: true, from: 'draft', to: 'submitted' })
    const after = await status()
    assert.equal(after.status, 'submitted')
    assert.equal(Number(after.version), 2)
    assert.ok(after.referred_at, 'waiting time starts counting')
    assert.deepEqual(await history(), [{ from_status: 'draft', to_status: 'submitted', reason: null, note: null, by_user_id: referrerId }])
    const involvements = await db.selectFrom('involvement').select(['team_id', 'status']).where('referral_id', '=', referralId).execute()
    assert.deepEqual(involvements, [{ team_id: trust.teamId, status: 'open' }])
    const notices = await db.selectFrom('notification').select(['team_id', 'kind']).where('referral_id', '=', referralId).execute()
    assert.deepEqual(notices, [{ team_id: trust.teamId, kind: 'referral.submitted' }])
    const audit = await db.selectFrom('audit_event').select(['outcome', 'person_id', 'details']).where('record_id', '=', referralId).execute()
    assert.deepEqual(audit.map((row) => [row.outcome, row.person_id]), [['allowed', personId]])
    const timeline = await db.selectFrom('person_timeline_event').select(['kind', 'data_category']).where('record_id', '=', referralId).execute()
    assert.deepEqual(timeline, [{ kind: 'referral.submitted', data_category: 'referral' }])
  })

  it('walks review and acceptance by the service, telling the referrer of the decision with an outbox message', async () => {
    await move(referrer, 'submitted')
    assert.equal((await move(reviewer, 'in_review')).ok, true)
    assert.equal((await move(reviewer, 'accepted')).ok, true)
    const after = await status()
    assert.equal(after.status, 'accepted')
    assert.ok(after.decided_at)
    const toReferrer = await db.selectFrom('notification').select('kind').where('referral_id', '=', referralId).where('user_id', '=', referrerId).execute()
    assert.deepEqual(toReferrer, [{ kind: 'referral.accepted' }])
    const outbox = await db.selectFrom('outbox_message').select(['template', 'parameters']).where('recipient_user_id', '=', referrerId).execute()
    assert.deepEqual(outbox.filter((message) => (message.parameters as { referralId: string }).referralId === referralId).map((message) => message.template), ['referral.accepted'])
  })

  it('refuses the referrer a decision that belongs to the service, and changes nothing but the audit trail', async () => {
    await move(referrer, 'submitted')
    await move(reviewer, 'in_review')
    assert.deepEqual(await move(referrer, 'accepted'), { ok: false, problem: 'not_permitted' })
    assert.equal((await status()).status, 'in_review')
    const denied = await db.selectFrom('audit_event').select('details').where('record_id', '=', referralId).where('outcome', '=', 'denied').execute()
    assert.equal(denied.length, 1)
  })

  it('refuses an illegal move and a decline without a reason, and records the reason and note when given', async () => {
    assert.deepEqual(await move(referrer, 'accepted'), { ok: false, problem: 'not_a_transition' })
    await move(referrer, 'submitted')
    await move(reviewer, 'in_review')
    assert.deepEqual(await move(reviewer, 'declined'), { ok: false, problem: 'reason_required' })
    assert.equal((await status()).status, 'in_review')
    assert.equal((await move(reviewer, 'declined', { reason: 'other', note: 'Needs a community service instead' })).ok, true)
    const last = (await history()).at(-1)
    assert.deepEqual([last?.to_status, last?.reason, last?.note], ['declined', 'other', 'Needs a community service instead'])
    const involvements = await db.selectFrom('involvement').select(['status', 'closed_reason']).where('referral_id', '=', referralId).execute()
    assert.deepEqual(involvements, [{ status: 'closed', closed_reason: 'referral_declined' }])
  })

  it('answers a user on neither side as if the referral did not exist, and changes nothing', async () => {
    assert.deepEqual(await move(foreigner, 'submitted'), { ok: false, problem: 'not_found' })
    assert.deepEqual(await move(foreigner, 'withdrawn', { reason: 'duplicate_referral' }), { ok: false, problem: 'not_found' })
    assert.equal((await status()).status, 'draft')
    assert.deepEqual(await history(), [])
  })

  it('lets only one of two moves made from the same state win', async () => {
    await move(referrer, 'submitted')
    const [first, second] = await Promise.all([move(reviewer, 'in_review'), move(reviewer, 'in_review')])
    // Whichever ran second found the status moved: refused by the state machine, or by the version check when both read it first.
    assert.equal([first.ok, second.ok].filter(Boolean).length, 1, JSON.stringify([first, second]))
    assert.ok(['not_a_transition', 'changed'].includes(String((first.ok ? second : first).problem)))
    assert.equal((await history()).length, 2)
  })
})
