import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Capability } from '../../platform/auth/capabilities.ts'
import type { RoleDefinition } from '../../platform/auth/roles.ts'
import { paginationLinks, requestedPage } from '../../platform/views/lists.ts'
import { adminScope, assignableRoles, availableActions, linkHoursFor, mayManage, statusAfterReactivation, type Administrator } from './rules.ts'

const role = (key: string, capabilities: Capability[]): RoleDefinition => ({ key, name: key, description: key, clinical: false, mfaRequired: true, capabilities })
const roles = new Map([
  ['volunteer', role('volunteer', ['account:manage', 'person:read'])],
  ['organisation_administrator', role('organisation_administrator', ['account:manage', 'organisation:administer'])],
  ['system_administrator', role('system_administrator', ['account:manage', 'organisation:administer', 'system:administer'])],
])
const organisationAdmin: Administrator = { userId: 'a', organisationId: 'org-a', capabilities: new Set<Capability>(['organisation:administer']) }
const systemAdmin: Administrator = { userId: 's', organisationId: 'org-s', capabilities: new Set<Capability>(['organisation:administer', 'system:administer']) }

describe('administration rules', () => {
  it('scopes an organisation administrator to their organisation and a system administrator to all', () => {
    assert.deepEqual(adminScope(organisationAdmin), { organisationId: 'org-a', everyOrganisation: false })
    assert.deepEqual(adminScope(systemAdmin), { organisationId: 'org-s', everyOrganisation: true })
  })

  it('keeps roles that administer the partnership for system administrators, and their holders out of an organisation administrator’s reach', () => {
    const keys = (list: RoleDefinition[]) => list.map((each) => each.key)
    assert.deepEqual(keys(assignableRoles(roles, organisationAdmin)), ['volunteer', 'organisation_administrator'])
    assert.deepEqual(keys(assignableRoles(roles, systemAdmin)), ['volunteer', 'organisation_administrator', 'system_administrator'])
    assert.equal(mayManage(assignableRoles(roles, organisationAdmin), ['volunteer', 'organisation_administrator']), true)
    assert.equal(mayManage(assignableRoles(roles, organisationAdmin), ['system_administrator']), false)
    assert.equal(mayManage(assignableRoles(roles, systemAdmin), ['system_administrator']), true)
  })

  it('gives invitations a longer link than resets, and a deactivated user none', () => {
    assert.equal(linkHoursFor('invited'), 72)
    assert.equal(linkHoursFor('active'), 24)
    assert.equal(linkHoursFor('deactivated'), null)
  })

  it('brings back a reactivated user as active only if they ever chose a password', () => {
    assert.equal(statusAfterReactivation(true), 'active')
    assert.equal(statusAfterReactivation(false), 'invited')
  })

  it('offers the actions that fit the account, and never deactivating yourself', () => {
    const now = new Date('2026-03-01T12:00:00Z')
    const locked = { id: 'u', status: 'active' as const, locked_until: '2026-03-01T12:10:00Z' }
    assert.deepEqual(availableActions(locked, organisationAdmin, now), { deactivate: true, reactivate: false, unlock: true, issuePasswordLink: true })
    assert.equal(availableActions({ ...locked, locked_until: '2026-03-01T11:50:00Z' }, organisationAdmin, now).unlock, false, 'a lock that ran out')
    assert.deepEqual(availableActions({ ...locked, status: 'deactivated' }, organisationAdmin, now), { deactivate: false, reactivate: true, unlock: false, issuePasswordLink: false })
    assert.equal(availableActions({ ...locked, id: 'a' }, organisationAdmin, now).deactivate, false)
  })
})

describe('pagination', () => {
  const href = (page: number) => `/list?page=${page}`

  it('reads the page number, treating anything else as the first page', () => {
    assert.equal(requestedPage({ page: '3' }), 3)
    for (const page of [undefined, '0', '-1', 'two', '1e3', ['2', '3']]) assert.equal(requestedPage({ page }), 1)
  })

  it('needs no links for a single page', () => {
    assert.equal(paginationLinks(1, 1, href), null)
  })

  it('links the first, neighbouring and last pages with gaps between', () => {
    const links = paginationLinks(5, 9, href)
    assert.deepEqual(links?.previous, { href: '/list?page=4' })
    assert.deepEqual(links?.next, { href: '/list?page=6' })
    assert.deepEqual(
      links?.items.map((item) => ('ellipsis' in item ? '…' : item.current ? `[${item.number}]` : item.number)),
      ['1', '…', '4', '[5]', '6', '…', '9'],
    )
    const first = paginationLinks(1, 2, href)
    assert.equal(first?.previous, undefined)
    assert.deepEqual(first?.items.map((item) => ('number' in item ? item.number : '…')), ['1', '2'])
  })
})
