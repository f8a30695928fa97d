import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { path } from './paths.ts'

describe('path', () => {
  const referral = path('/people/:personId/referrals/:referralId')

  it('keeps the pattern for route registration', () => {
    assert.equal(referral.pattern, '/people/:personId/referrals/:referralId')
  })

  it('fills every parameter, URL-encoded so a value cannot change the path', () => {
    assert.equal(referral({ personId: 'a b', referralId: '../admin?x=1' }), '/people/a%20b/referrals/..%2Fadmin%3Fx%3D1')
  })

  it('builds a path without parameters', () => {
    assert.equal(path('/cookies')(), '/cookies')
  })

  it('refuses an empty parameter rather than building a broken link', () => {
    assert.throws(() => referral({ personId: '', referralId: 'r' }), /needs a value for :personId/)
  })
})
