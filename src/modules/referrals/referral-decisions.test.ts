import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { completeAnswers, referralWorld, type Member, type ReferralWorld } from '../../../test/support/referrals.ts'
import { postForm } from '../../../test/support/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { referralsPaths } from './paths.ts'

describeEachDialect('deciding a referral on its page: moves, reasons, eligibility and internal notes', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await referralWorld(app, db)
  })
  after(() => app.close())

  const page = (who: Member, referralId: string) => app.inject({ method: 'GET', url: referralsPaths.referral({ referralId }), headers: { cookie: who.session.cookie } })
  const move = (who: Member, referralId: string, fields: Record<string, string>) => postForm(app, who.session, referralsPaths.transitions({ referralId }), fields)
  const statusOf = async (referralId: string) => (await db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status
  const historyOf = (referralId: string) => db.selectFrom('referral_transition').select(['to_status', 'reason', 'note']).where('referral_id', '=', referralId).orderBy('occurred_at').orderBy('id').execute()

  /** A referral submitted by the world's referrer, with `changes` to the complete answers. */
  async function submitted(changes: Record<string, string> = {}): Promise<string> {
    const response = await postForm(app, world.referrer.session, referralsPaths.newReferral({ personId: world.personId }), { ...completeAnswers(world), ...changes, action: 'submit' })
    assert.equal(response.statusCode, 303, response.body)
    return String(response.headers.location).split('/').at(-1) ?? ''
  }

  it('offers each side its own moves: the service reviews, the referrer may only withdraw', async () => {
    const referralId = await submitted()
    const forService = await page(world.reviewer, referralId)
    assert.match(forService.body, /Start reviewing/)
    assert.doesNotMatch(forService.body, /Withdraw referral/)
    const forReferrer = await page(world.referrer, referralId)
    assert.match(forReferrer.body, /Withdraw referral/)
    assert.doesNotMatch(forReferrer.body, /Start reviewing|Accept referral/)
  })

  it('declines only with a reason from the list, then shows who declined, when and why to both sides', async () => {
    const referralId = await submitted()
    assert.equal((await move(world.reviewer, referralId, { to: 'in_review' })).statusCode, 303)
    const noReason = await move(world.reviewer, referralId, { to: 'declined', note: 'Kept when the form comes back' })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /Select a reason for declining/)
    assert.match(noReason.body, /href="#declined-reason"/)
    assert.match(noReason.body, /<details[^>]*open/, 'the decline form is open again')
    assert.match(noReason.body, /Kept when the form comes back/)
    assert.equal(await statusOf(referralId), 'in_review')

    const declined = await move(world.reviewer, referralId, { to: 'declined', reason: 'needs_met_elsewhere', note: 'The community pathway suits him better.' })
    assert.equal(declined.statusCode, 303)
    assert.equal(await statusOf(referralId), 'declined')
    const shown = await page(world.referrer, referralId)
    assert.match(shown.body, /In review to Declined/)
    assert.match(shown.body, /Reason: Needs are better met by another service/)
    assert.match(shown.body, /The community pathway suits him better\./)
    assert.match(shown.body, /Test user [0-9a-f]{4}, Teacup Valley NHS Trust/)
    const told = await db.selectFrom('notification').select('kind').where('referral_id', '=', referralId).where('user_id', '=', world.referrer.id).execute()
    assert.deepEqual(told, [{ kind: 'referral.declined' }])
  })

  it('asks for more information only with a note saying what, and the referrer answers and submits again', async () => {
    const referralId = await submitted()
    await move(world.reviewer, referralId, { to: 'in_review' })
    const bare = await move(world.reviewer, referralId, { to: 'information_requested' })
    assert.equal(bare.statusCode, 400)
    assert.match(bare.body, /Enter the information you need/)
    assert.equal((await move(world.reviewer, referralId, { to: 'information_requested', note: 'The latest OASys summary, please.' })).statusCode, 303)

    const edit = await app.inject({ method: 'GET', url: referralsPaths.edit({ referralId }), headers: { cookie: world.referrer.session.cookie } })
    assert.equal(edit.statusCode, 200)
    assert.match(edit.body, /The service asked for more information/)
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? ''
    const again = await postForm(app, world.referrer.session, referralsPaths.edit({ referralId }), { ...completeAnswers(world), needs_summary: 'OASys summary attached; trauma history.', version, action: 'submit' })
    assert.equal(again.statusCode, 303)
    assert.equal(await statusOf(referralId), 'submitted')
    assert.deepEqual((await historyOf(referralId)).map((row) => row.to_status), ['submitted', 'in_review', 'information_requested', 'submitted'])
    const notices = await db.selectFrom('notification').select('kind').where('referral_id', '=', referralId).where('team_id', '=', world.trust.teamId).orderBy('created_at').execute()
    assert.deepEqual(notices.map((notice) => notice.kind), ['referral.submitted', 'referral.resubmitted'])
  })

  it('refuses a move that is not the user\'s to make, or not a move from here, with a clear message, changing nothing', async () => {
    const referralId = await submitted()
    await move(world.reviewer, referralId, { to: 'in_review' })
    const byReferrer = await move(world.referrer, referralId, { to: 'accepted' })
    assert.equal(byReferrer.statusCode, 409)
    assert.match(byReferrer.body, /You cannot make that change to this referral\. Nothing was changed\./)
    const illegal = await move(world.reviewer, referralId, { to: 'completed' })
    assert.equal(illegal.statusCode, 409)
    assert.match(illegal.body, /The referral cannot make that change from its status now/)
    const nonsense = await move(world.reviewer, referralId, { to: 'approved' })
    assert.equal(nonsense.statusCode, 400)
    assert.match(nonsense.body, /Choose one of the things you can do on this referral/)
    assert.equal(await statusOf(referralId), 'in_review')
    assert.deepEqual((await historyOf(referralId)).map((row) => row.to_status), ['submitted', 'in_review'])
    const denied = await db.selectFrom('audit_event').select('details').where('record_id', '=', referralId).where('action', '=', 'referral.transition').where('outcome', '=', 'denied').orderBy('sequence').execute()
    assert.deepEqual(denied.map((row) => (row.details as { problem: string }).problem), ['not_permitted', 'not_a_transition'])
  })

  it('leaves places to the allocations pages and refuses to submit an incomplete draft from the referral\'s page', async () => {
    const referralId = await submitted()
    await move(world.reviewer, referralId, { to: 'in_review' })
    await move(world.reviewer, referralId, { to: 'accepted' })
    await move(world.reviewer, referralId, { to: 'waiting' })
    const shown = await page(world.reviewer, referralId)
    assert.match(shown.body, new RegExp(`href="/referrals/${referralId}/allocate"`), 'allocating is a link to the allocations page')
    const allocated = await move(world.reviewer, referralId, { to: 'allocated' })
    assert.equal(allocated.statusCode, 409)
    assert.match(allocated.body, /Places are allocated and ended on the allocations pages/)
    assert.equal(await statusOf(referralId), 'waiting')

    const draft = await postForm(app, world.referrer.session, referralsPaths.newReferral({ personId: world.personId }), { service: world.serviceId, action: 'draft' })
    const draftId = String(draft.headers.location).split('/').at(-1) ?? ''
    const early = await move(world.referrer, draftId, { to: 'submitted' })
    assert.equal(early.statusCode, 409)
    assert.match(early.body, /Answer every question before you submit the referral/)
    assert.equal(await statusOf(draftId), 'draft')
  })

  it('shows the service whether each eligibility rule is met, and accepts despite a rule not met only with a reason', async () => {
    const referralId = await submitted({ risk_of_serious_harm: 'medium' })
    await move(world.clinician, referralId, { to: 'in_review' })
    const panel = await page(world.clinician, referralId)
    assert.match(panel.body, /Men only[\s\S]*?Met[\s\S]*?Sex recorded as Male/)
    assert.match(panel.body, /Not met[\s\S]*?Assessed as Medium in the referral/)
    assert.match(panel.body, /Why accept although not every eligibility rule is met\?/)
    assert.doesNotMatch((await page(world.referrer, referralId)).body, /Eligibility/, 'the panel is the service\'s')

    const bare = await move(world.clinician, referralId, { to: 'accepted' })
    assert.equal(bare.statusCode, 400)
    assert.match(bare.body, /Give a reason for accepting a referral that does not meet every eligibility rule/)
    assert.equal(await statusOf(referralId), 'in_review')
    const accepted = await move(world.clinician, referralId, { to: 'accepted', eligibility_override_reason: 'Risk is rising; the panel agreed to take him.' })
    assert.equal(accepted.statusCode, 303)
    const stored = await db.selectFrom('referral').select(['status', 'eligibility_override_reason', 'decided_at']).where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.deepEqual([stored.status, stored.eligibility_override_reason], ['accepted', 'Risk is rising; the panel agreed to take him.'])
    assert.ok(stored.decided_at)
    assert.match((await page(world.referrer, referralId)).body, /Accepted although not every eligibility rule was met: Risk is rising; the panel agreed to take him\./)
  })

  it('accepts a referral that meets every rule without asking why, and keeps no override reason', async () => {
    const referralId = await submitted()
    await move(world.reviewer, referralId, { to: 'in_review' })
    assert.doesNotMatch((await page(world.reviewer, referralId)).body, /Why accept although/)
    assert.equal((await move(world.reviewer, referralId, { to: 'accepted', eligibility_override_reason: 'Not needed' })).statusCode, 303)
    const stored = await db.selectFrom('referral').select(['status', 'eligibility_override_reason']).where('id', '=', referralId).executeTakeFirstOrThrow()
    assert.deepEqual(stored, { status: 'accepted', eligibility_override_reason: null })
  })

  it('keeps the service\'s internal notes from the referrer, who cannot add one either', async () => {
    const referralId = await submitted()
    const empty = await postForm(app, world.reviewer.session, referralsPaths.notes({ referralId }), { text: '  ' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter the note/)
    assert.equal((await postForm(app, world.reviewer.session, referralsPaths.notes({ referralId }), { text: 'Discussed at the referrals meeting: likely yes.' })).statusCode, 303)
    assert.match((await page(world.clinician, referralId)).body, /Discussed at the referrals meeting: likely yes\./)
    const forReferrer = await page(world.referrer, referralId)
    assert.equal(forReferrer.statusCode, 200)
    assert.match(forReferrer.body, /Submitted/, 'the referrer sees the status')
    assert.doesNotMatch(forReferrer.body, /Discussed at the referrals meeting|Internal notes/)
    assert.equal((await postForm(app, world.referrer.session, referralsPaths.notes({ referralId }), { text: 'Can I see?' })).statusCode, 404)
    const notes = await db.selectFrom('referral_note').select('text').where('referral_id', '=', referralId).execute()
    assert.deepEqual(notes, [{ text: 'Discussed at the referrals meeting: likely yes.' }])
  })

  it('answers a user of a third organisation 404 on every referral page and form, changing nothing', async () => {
    const referralId = await submitted()
    await postForm(app, world.reviewer.session, referralsPaths.notes({ referralId }), { text: 'A note the stranger must not see.' })
    const stranger = world.stranger
    const gets = [referralsPaths.referral({ referralId }), referralsPaths.edit({ referralId }), referralsPaths.attachments({ referralId }), referralsPaths.newReferral({ personId: world.personId })]
    for (const url of gets) {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: stranger.session.cookie } })
      assert.equal(response.statusCode, 404, url)
      assert.doesNotMatch(response.body, /Barnaby|Fennelwick|A note the stranger/, url)
    }
    const posts: Array<[string, Record<string, string>]> = [
      [referralsPaths.transitions({ referralId }), { to: 'in_review' }],
      [referralsPaths.transitions({ referralId }), { to: 'withdrawn', reason: 'duplicate_referral' }],
      [referralsPaths.notes({ referralId }), { text: 'Hello' }],
      [referralsPaths.edit({ referralId }), { ...completeAnswers(world), version: '2', action: 'submit' }],
      [referralsPaths.attachments({ referralId }), { title: 'A file' }],
      [referralsPaths.newReferral({ personId: world.personId }), { ...completeAnswers(world), action: 'submit' }],
    ]
    for (const [url, fields] of posts) assert.equal((await postForm(app, stranger.session, url, fields)).statusCode, 404, url)
    assert.equal(await statusOf(referralId), 'submitted')
    assert.equal((await db.selectFrom('referral_note').select('id').where('referral_id', '=', referralId).execute()).length, 1)
    assert.equal((await db.selectFrom('referral').select('id').where('referrer_user_id', '=', stranger.id).execute()).length, 0)
    const audited = await db.selectFrom('audit_event').select(['action', 'outcome']).where('user_id', '=', stranger.id).where('action', '!=', 'account.sign-in').execute()
    assert.equal(audited.length, gets.length + posts.length, JSON.stringify(audited))
    assert.ok(audited.every((row) => row.outcome === 'denied'), `every attempt is audited as denied: ${JSON.stringify(audited)}`)
  })
})
