import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { createPerson } from '../../../test/support/fixtures.ts'
import { referralWorld, type Member, type ReferralWorld } from '../../../test/support/referrals.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { referralsPaths } from './paths.ts'
import type { ReferralStatus } from './rules.ts'

describeEachDialect('my referrals and the team inbox: filters, sorting and pages', (database) => {
  let app: FastifyInstance
  let db: Db
  let world: ReferralWorld
  let otherServiceId: string
  let aardvark: string

  /** A referral as the lists see it, made straight in the table (the lists only read). */
  async function referral(options: { status: ReferralStatus; referredOn: string | null; by?: Member; personId?: string; serviceId?: string; urgency?: 'urgent' | 'routine' }): Promise<string> {
    const id = newId()
    const at = options.referredOn ? `${options.referredOn}T09:00:00.000Z` : new Date().toISOString()
    await db
      .insertInto('referral')
      .values({
        id,
        person_id: options.personId ?? world.personId,
        service_id: options.serviceId ?? world.serviceId,
        status: options.status,
        urgency: options.urgency ?? 'routine',
        priority: options.urgency === 'urgent' ? 1 : 2,
        referrer_user_id: (options.by ?? world.referrer).id,
        referrer_organisation_id: world.probation.organisationId,
        referrer_team_id: world.probation.teamId,
        referrer_role: 'offender_manager',
        referred_at: options.referredOn ? at : null,
        created_at: at,
        updated_at: at,
      })
      .execute()
    return id
  }

  before(async () => {
    ;({ app } = await createTestApp(database()))
    db = database().handle.db
    world = await referralWorld(app, db)
    otherServiceId = newId()
    await db.insertInto('service').values({ id: otherServiceId, organisation_id: world.charity.organisationId, slug: `other-${otherServiceId.slice(-8)}`, name: 'Quillfeather housing support', summary: 'Made up.', is_public: true }).execute()
    aardvark = await createPerson(db, { teamId: world.probation.teamId, givenName: 'Ada', familyName: 'Aardvark' })
    // 26 submitted in January, one a day; a draft; one waiting; one in review and one asking for information; one accepted.
    for (let day = 1; day <= 26; day += 1) await referral({ status: 'submitted', referredOn: `2026-01-${String(day).padStart(2, '0')}`, personId: day === 13 ? aardvark : world.personId })
    await referral({ status: 'draft', referredOn: null })
    await referral({ status: 'waiting', referredOn: '2025-12-01' })
    await referral({ status: 'in_review', referredOn: '2025-11-01', urgency: 'urgent' })
    await referral({ status: 'information_requested', referredOn: '2025-11-02' })
    await referral({ status: 'accepted', referredOn: '2025-10-01' })
    // Someone else's referrals: a colleague's (not "mine"), and one to another service (not the inbox's).
    await referral({ status: 'submitted', referredOn: '2025-09-01', by: world.colleague })
    await referral({ status: 'submitted', referredOn: '2025-08-01', serviceId: otherServiceId })
  })
  after(() => app.close())

  const get = (who: Member, url: string) => app.inject({ method: 'GET', url, headers: { cookie: who.session.cookie } })
  /** The referral links of a list page, in order: the referral ids. */
  const listed = (html: string) => [...html.matchAll(/href="\/referrals\/([0-9a-f-]{36})"/g)].map((match) => match[1])
  const datesOf = (html: string) => [...html.matchAll(/<td class="govuk-table__cell">(\d{1,2} \w+ \d{4})<\/td>/g)].map((match) => match[1])

  it('lists the referrals the caller made, newest first, 25 a page, with the GOV.UK pagination', async () => {
    const first = await get(world.referrer, referralsPaths.mine())
    assert.equal(first.statusCode, 200)
    assert.equal(listed(first.body).length, 25)
    assert.match(first.body, /Showing 1 to 25 of 32 referrals/)
    assert.match(first.body, /govuk-pagination/)
    assert.deepEqual(datesOf(first.body).slice(0, 2), ['26 January 2026', '25 January 2026'], 'newest first (after the draft, started today)')
    const second = await get(world.referrer, `${referralsPaths.mine()}?page=2`)
    assert.equal(listed(second.body).length, 7)
    assert.equal((await get(world.referrer, `${referralsPaths.mine()}?page=3`)).statusCode, 404)
    assert.doesNotMatch(first.body + second.body, /1 September 2025/, 'not a colleague\'s')
  })

  it('sorts by a column heading link, announcing the sort with aria-sort, and narrows by status and service', async () => {
    const byPerson = await get(world.referrer, `${referralsPaths.mine()}?sort=person&order=asc`)
    assert.match(byPerson.body, /aria-sort="ascending"><a class="govuk-link" href="\/referrals\?sort=person&amp;order=desc">Person<\/a>/)
    assert.match(byPerson.body, /aria-sort="none"><a class="govuk-link" href="\/referrals\?sort=referred&amp;order=desc">Referred<\/a>/)
    assert.match(byPerson.body, /<tbody[\s\S]*?Ada Aardvark/, 'Aardvark first')
    const drafts = await get(world.referrer, `${referralsPaths.mine()}?status=draft`)
    assert.equal(listed(drafts.body).length, 1)
    assert.match(drafts.body, /Not submitted/)
    const toOther = await get(world.referrer, `${referralsPaths.mine()}?service=${otherServiceId}`)
    assert.equal(listed(toOther.body).length, 1)
    assert.match(toOther.body, /1 August 2025/)
    const none = await get(world.referrer, `${referralsPaths.mine()}?service=${otherServiceId}&status=draft`)
    assert.match(none.body, /You have not made any referrals that match/)
    const junk = await get(world.referrer, `${referralsPaths.mine()}?sort=drop+table&status=nonsense`)
    assert.equal(junk.statusCode, 200, 'a filter not understood is dropped')
  })

  it('shows a waiting referral\'s place on its waiting list and how long it has waited', async () => {
    const waiting = await get(world.referrer, `${referralsPaths.mine()}?status=waiting`)
    assert.match(waiting.body, /Number 1 of 1, waiting \d+ days/)
  })

  it('hides the name of a person whose record the caller may no longer open', async () => {
    await db.updateTable('person').set({ is_restricted: true }).where('id', '=', aardvark).execute()
    const byPerson = await get(world.referrer, `${referralsPaths.mine()}?sort=person&order=asc`)
    assert.doesNotMatch(byPerson.body, /Aardvark/)
    assert.match(byPerson.body, /A person whose record you cannot open/)
    await db.updateTable('person').set({ is_restricted: false }).where('id', '=', aardvark).execute()
  })

  it('gives the service its inbox: referrals waiting for its decision, oldest first, with counts per status', async () => {
    const inbox = await get(world.reviewer, referralsPaths.inbox())
    assert.equal(inbox.statusCode, 200)
    assert.match(inbox.body, /Showing 1 to 25 of 29 referrals/)
    assert.deepEqual(datesOf(inbox.body).slice(0, 4), ['1 September 2025', '1 November 2025', '2 November 2025', '1 January 2026'], 'a colleague\'s referral too: the service decides them all')
    assert.match(inbox.body, /Submitted: 27/)
    assert.match(inbox.body, /In review: 1/)
    assert.match(inbox.body, /Information requested: 1/)
    assert.doesNotMatch(inbox.body, /1 August 2025|1 October 2025/, 'neither another service\'s nor a decided referral')
    const inReview = await get(world.reviewer, `${referralsPaths.inbox()}?status=in_review`)
    assert.equal(listed(inReview.body).length, 1)
    assert.match(inReview.body, /Urgent/)
  })

  it('keeps the inbox for those who decide referrals, and empty for a team that delivers no service', async () => {
    assert.equal((await get(world.referrer, referralsPaths.inbox())).statusCode, 403)
    const stranger = await get(world.stranger, referralsPaths.inbox())
    assert.equal(stranger.statusCode, 200)
    assert.match(stranger.body, /None of your teams delivers a service/)
    assert.equal(listed((await get(world.stranger, referralsPaths.mine())).body).length, 0)
  })
})
