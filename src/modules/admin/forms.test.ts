import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { z } from 'zod'
import { projectRoot } from '../../platform/app.ts'
import { loadContent } from '../../platform/content/content.ts'
import { organisationTypes } from '../../platform/db/schema.ts'
import { accessForm, inviteForm, organisationForm, setPasswordForm, teamForm } from './forms.ts'

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })

/** Posts no browser would send: fields missing, repeated, too long, of the wrong shape. */
const oddPosts: unknown[] = [
  {},
  { name: ['a', 'b'], displayName: ['a'], email: ['x'], type: 'castle', parentId: ['x'], serviceId: 'x'.repeat(101), password: ['p'], confirmPassword: {} },
  { name: 'x'.repeat(201), displayName: ' ', email: 'no-at-sign', roles: ['r'.repeat(101)], teamIds: Array.from({ length: 101 }, (_, index) => String(index)) },
  { roles: [{}], teamIds: 7 },
]

describe('administration forms', () => {
  const forms: Array<[string, z.ZodType]> = [
    ['organisation', organisationForm],
    ['team', teamForm],
    ['invite', inviteForm],
    ['access', accessForm],
    ['set password', setPasswordForm],
  ]
  for (const [name, form] of forms) {
    it(`answers any ${name} post with messages from the content files`, () => {
      for (const post of oddPosts) {
        const result = form.safeParse(post)
        assert.equal(result.success, false)
        for (const issue of result.error?.issues ?? []) assert.ok(content.has(issue.message), `${name}: "${issue.message}" is not a content key`)
      }
    })
  }

  it('reads an e-mail address in lower case without surrounding spaces, and ticked boxes as a list without repeats', () => {
    const parsed = inviteForm.parse({ displayName: ' Siân Teacup ', email: ' Sian.Teacup@Example.ORG ', roles: 'volunteer', teamIds: ['t1', 't1'] })
    assert.deepEqual(parsed, { displayName: 'Siân Teacup', email: 'sian.teacup@example.org', roles: ['volunteer'], teamIds: ['t1'] })
  })
})

describe('administration content', () => {
  it('has the text of every key the pages build at run time', () => {
    const keys = [
      ...organisationTypes.map((type) => `admin.organisationTypes.${type}`),
      ...['invited', 'active', 'deactivated', 'locked'].map((status) => `admin.statuses.${status}`),
      ...['tooShort', 'common'].map((problem) => `admin.setPassword.errors.${problem}`),
    ]
    assert.deepEqual(keys.filter((key) => !content.has(key)), [])
  })
})
