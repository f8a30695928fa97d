import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { loadRoles } from '../../platform/auth/roles.ts'
import { loadContent } from '../../platform/content/content.ts'
import { projectRoot } from '../../platform/app.ts'
import { codeLists } from '../../platform/content/code-lists.ts'
import {
  allocationMoves,
  availableTransitions,
  decideTransition,
  defaultReferrerRole,
  editableStatuses,
  mayReferTo,
  priorityOf,
  finalStatuses,
  reasonCodes,
  referralStatuses,
  transitions,
  type ReferralStatus,
  type Side,
} from './rules.ts'

const roles = [...loadRoles(loadContent(path.join(projectRoot, 'content'), { strict: true })).keys()]
const sideSets: readonly (readonly Side[])[] = [['referrer'], ['service'], ['referrer', 'service'], []]

// The specification of issue 6, written out independently of the table in rules.ts:
// each allowed move with, per side, the roles that may make it.
const referrers = 'clinician probation_officer prison_keyworker liaison_diversion_practitioner charity_case_worker'
const reviewers = 'clinician service_manager'
const workers = 'clinician service_manager prison_keyworker charity_case_worker'
const specification: Record<string, Partial<Record<Side, string>>> = {
  'draft→submitted': { referrer: referrers },
  'draft→withdrawn': { referrer: referrers },
  'submitted→in_review': { service: reviewers },
  'submitted→withdrawn': { referrer: referrers },
  'in_review→information_requested': { service: reviewers },
  'in_review→accepted': { service: reviewers },
  'in_review→declined': { service: reviewers },
  'in_review→withdrawn': { referrer: referrers },
  'information_requested→submitted': { referrer: referrers },
  'information_requested→withdrawn': { referrer: referrers },
  'accepted→waiting': { service: reviewers },
  'accepted→withdrawn': { referrer: referrers },
  'waiting→allocated': { service: reviewers },
  'waiting→withdrawn': { referrer: referrers, service: reviewers },
  'allocated→started': { service: workers },
  'allocated→ended_early': { service: reviewers },
  'started→completed': { service: workers },
  'started→ended_early': { service: workers },
  'started→transferred': { service: reviewers },
}

/** A reason and note that satisfy the move to `to`, so that the walk below tests who and where, not what was typed. */
function completeAnswers(to: ReferralStatus): { reason?: string; note?: string } {
  return { ...(to in reasonCodes ? { reason: 'other' } : {}), note: 'Recorded for the test' }
}

describe('referral transitions', () => {
  it('allows exactly the specified moves, for exactly the specified roles on the specified side: every status pair × role × side', () => {
    let checked = 0
    for (const from of referralStatuses) {
      for (const to of referralStatuses) {
        const allowedBy = specification[`${from}→${to}`]
        for (const role of roles) {
          for (const sides of sideSets) {
            const decision = decideTransition({ from, to, roles: [role], sides, ...completeAnswers(to) })
            const expected = sides.some((side) => allowedBy?.[side]?.split(' ').includes(role) ?? false)
            const label = `${from} → ${to} by ${role} on [${sides.join(', ')}]`
            if (expected) assert.equal(decision.allowed, true, label)
            else assert.deepEqual(decision, { allowed: false, problem: allowedBy ? 'not_permitted' : 'not_a_transition' }, label)
            checked += 1
          }
        }
      }
    }
    assert.equal(checked, referralStatuses.length ** 2 * roles.length * sideSets.length)
    assert.equal(roles.length, 12, 'every built-in role is walked')
  })

  it('has no move the specification does not list', () => {
    const listed = new Set(transitions.map((transition) => `${transition.from}→${transition.to}`))
    assert.deepEqual([...listed].sort(), Object.keys(specification).sort())
  })

  it('lets nothing leave a final status, and every other status has a way on', () => {
    for (const status of referralStatuses) {
      const ways = transitions.filter((transition) => transition.from === status)
      assert.equal(ways.length === 0, finalStatuses.includes(status), status)
    }
  })

  it('reaches every status from a draft', () => {
    const reached = new Set<ReferralStatus>(['draft'])
    for (let grew = true; grew; ) {
      grew = false
      for (const transition of transitions) {
        if (reached.has(transition.from) && !reached.has(transition.to)) {
          reached.add(transition.to)
          grew = true
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...referralStatuses].sort())
  })
})

describe('reasons and notes', () => {
  const reviewer = { roles: ['service_manager'], sides: ['service'] as Side[] }

  it('needs a reason code from the move\'s own list for declined, withdrawn, ended early and transferred', () => {
    const cases: [ReferralStatus, ReferralStatus, readonly string[], Side][] = [
      ['in_review', 'declined', ['service_manager'], 'service'],
      ['submitted', 'withdrawn', ['probation_officer'], 'referrer'],
      ['started', 'ended_early', ['clinician'], 'service'],
      ['started', 'transferred', ['clinician'], 'service'],
    ]
    for (const [from, to, actorRoles, side] of cases) {
      const actor = { from, to, roles: actorRoles, sides: [side] }
      assert.deepEqual(decideTransition(actor), { allowed: false, problem: 'reason_required' }, `${to} without a reason`)
      assert.deepEqual(decideTransition({ ...actor, reason: '  ' }), { allowed: false, problem: 'reason_required' }, `${to} with a blank reason`)
      assert.deepEqual(decideTransition({ ...actor, reason: 'made_up' }), { allowed: false, problem: 'reason_unknown' }, `${to} with an unknown reason`)
      for (const reason of reasonCodes[to as keyof typeof reasonCodes]) {
        const decision = decideTransition({ ...actor, reason })
        if (reason === 'other') assert.deepEqual(decision, { allowed: false, problem: 'note_required' }, `${to} "other" without a note`)
        else assert.equal(decision.allowed, true, `${to} for ${reason}`)
      }
      assert.equal(decideTransition({ ...actor, reason: 'other', note: 'Explained here' }).allowed, true)
    }
  })

  it('refuses a reason on a move that takes none, rather than storing it silently', () => {
    assert.deepEqual(decideTransition({ from: 'in_review', to: 'accepted', ...reviewer, reason: 'not_eligible' }), { allowed: false, problem: 'reason_unknown' })
  })

  it('does not accept another move\'s reason code', () => {
    assert.deepEqual(decideTransition({ from: 'in_review', to: 'declined', ...reviewer, reason: 'progression_move' }), { allowed: false, problem: 'reason_unknown' })
  })

  it('needs a note saying what information is wanted', () => {
    assert.deepEqual(decideTransition({ from: 'in_review', to: 'information_requested', ...reviewer }), { allowed: false, problem: 'note_required' })
    assert.equal(decideTransition({ from: 'in_review', to: 'information_requested', ...reviewer, note: 'Latest OASys summary please' }).allowed, true)
  })
})

describe('available transitions', () => {
  it('offers the referrer and the service their own moves only, each status once', () => {
    const offered = (from: ReferralStatus, actorRoles: string[], sides: Side[]) => availableTransitions(from, actorRoles, sides).map((transition) => transition.to)
    assert.deepEqual(offered('in_review', ['probation_officer'], ['referrer']), ['withdrawn'])
    assert.deepEqual(offered('in_review', ['service_manager'], ['service']), ['information_requested', 'accepted', 'declined'])
    assert.deepEqual(offered('waiting', ['clinician'], ['referrer', 'service']), ['allocated', 'withdrawn'])
    assert.deepEqual(offered('completed', ['clinician'], ['service']), [])
    assert.deepEqual(offered('submitted', ['volunteer'], ['referrer', 'service']), [])
  })
})

describe('making referrals', () => {
  it('puts urgent referrals before routine ones on a waiting list', () => {
    assert.ok(priorityOf('urgent') < priorityOf('routine'))
  })

  it('starts the referrer-role answer from the user\'s own role', () => {
    assert.equal(defaultReferrerRole(['probation_officer']), 'offender_manager')
    assert.equal(defaultReferrerRole(['prison_keyworker']), 'prison_staff')
    assert.equal(defaultReferrerRole(['liaison_diversion_practitioner']), 'liaison_diversion')
    assert.equal(defaultReferrerRole(['charity_case_worker']), 'charity')
    assert.equal(defaultReferrerRole(['clinician']), 'clinician')
    assert.equal(defaultReferrerRole(['volunteer']), 'other')
    for (const role of roles) assert.ok(codeLists.isCode('referrer_role', defaultReferrerRole([role])), role)
  })

  it('lets anyone refer to a service that names no referrers, and otherwise needs both a listed role and a listed kind of organisation', () => {
    const officer = { roles: ['probation_officer'], organisationType: 'probation_delivery_unit' }
    assert.equal(mayReferTo({ roles: [], organisationTypes: [] }, officer), true)
    assert.equal(mayReferTo({ roles: ['probation_officer', 'clinician'], organisationTypes: [] }, officer), true)
    assert.equal(mayReferTo({ roles: ['clinician'], organisationTypes: [] }, officer), false)
    assert.equal(mayReferTo({ roles: [], organisationTypes: ['probation_delivery_unit', 'prison'] }, officer), true)
    assert.equal(mayReferTo({ roles: [], organisationTypes: ['nhs_trust'] }, officer), false)
    assert.equal(mayReferTo({ roles: ['probation_officer'], organisationTypes: ['nhs_trust'] }, officer), false)
  })

  it('has a code list of reasons, with labels, for every move that needs one, holding exactly the codes of the machine', () => {
    for (const [status, codes] of Object.entries(reasonCodes)) {
      const list = codeLists.codeList(`${status}_reason`)
      assert.deepEqual(list.codes.map((code) => code.code).sort(), [...codes].sort(), status)
      assert.ok(list.codes.every((code) => code.label.length > 0))
    }
  })

  it('leaves to the allocations module exactly the moves into and out of a place', () => {
    assert.deepEqual([...allocationMoves].sort(), ['allocated', 'completed', 'ended_early', 'transferred'])
    assert.ok(editableStatuses.every((status) => transitions.some((transition) => transition.from === status && transition.to === 'submitted')), 'an editable referral can be submitted')
  })
})
