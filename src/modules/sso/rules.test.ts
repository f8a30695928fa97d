import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { VerifiedIdentity } from '../../platform/auth/oidc.ts'
import { matchIdentity, type AccountCandidate } from './rules.ts'

const verified: VerifiedIdentity = { subject: 'sub-1', email: 'ann@example.test', emailVerified: true, displayName: 'Ann' }
const unverified: VerifiedIdentity = { ...verified, emailVerified: false }
const active = (overrides: Partial<AccountCandidate> = {}): AccountCandidate => ({ id: 'user-1', status: 'active', oidcSubject: null, ...overrides })
const organisation = '01900000-0000-7000-8000-000000000001'

describe('matchIdentity', () => {
  it('signs in the user with this subject, with nothing to link', () => {
    assert.deepEqual(matchIdentity(verified, { bySubject: active({ oidcSubject: 'sub-1' }), byEmail: undefined }, undefined), { kind: 'signIn', userId: 'user-1', linkSubject: false })
  })

  it('signs in the user with a verified address and links the subject', () => {
    assert.deepEqual(matchIdentity(verified, { bySubject: undefined, byEmail: active() }, undefined), { kind: 'signIn', userId: 'user-1', linkSubject: true })
  })

  it('never matches an unverified address', () => {
    const match = matchIdentity(unverified, { bySubject: undefined, byEmail: active() }, organisation)
    assert.equal(match.kind === 'refuse' && match.refusal, 'noAccount')
  })

  it('refuses an address whose user is linked to another subject', () => {
    const match = matchIdentity(verified, { bySubject: undefined, byEmail: active({ oidcSubject: 'sub-other' }) }, undefined)
    assert.equal(match.kind === 'refuse' && match.refusal, 'noAccount')
  })

  it('refuses a user who is not active, however they were matched', () => {
    for (const status of ['invited', 'deactivated'] as const) {
      const bySubject = matchIdentity(verified, { bySubject: active({ status, oidcSubject: 'sub-1' }), byEmail: undefined }, organisation)
      const byEmail = matchIdentity(verified, { bySubject: undefined, byEmail: active({ status }) }, organisation)
      assert.equal(bySubject.kind === 'refuse' && bySubject.refusal, 'notActive')
      assert.equal(byEmail.kind === 'refuse' && byEmail.refusal, 'notActive')
    }
  })

  it('creates an unknown user only when configured and only with a verified address', () => {
    assert.deepEqual(matchIdentity(verified, { bySubject: undefined, byEmail: undefined }, organisation), { kind: 'create', organisationId: organisation, email: 'ann@example.test' })
    assert.equal(matchIdentity(verified, { bySubject: undefined, byEmail: undefined }, undefined).kind, 'refuse')
    assert.equal(matchIdentity(unverified, { bySubject: undefined, byEmail: undefined }, organisation).kind, 'refuse')
  })
})
