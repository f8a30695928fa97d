import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from '../../../test/support/app.ts'
import { describeEachDialect } from '../../../test/support/dialects.ts'
import { organisationWithTeam } from '../../../test/support/fixtures.ts'
import { createUser } from '../../../test/support/sessions.ts'
import type { OrganisationType } from '../db/schema.ts'
import { loadPrincipal } from './principal.ts'
import { healthOnlyCategories, mayReadCategory, scopeFor } from './scope.ts'

describeEachDialect('health-only data categories', (database) => {
  let app: FastifyInstance

  before(async () => {
    ;({ app } = await createTestApp(database()))
  })
  after(() => app.close())

  async function scopeOf(role: string, organisationType: OrganisationType) {
    const { db } = database().handle
    const { organisationId, teamId } = await organisationWithTeam(db, `${role} at a ${organisationType} ${Math.random()}`, organisationType)
    const user = await createUser(db, { organisationId, roles: [role], teamIds: [teamId] })
    const principal = await loadPrincipal(db, app.roles, user.id)
    assert.ok(principal)
    return scopeFor(principal)
  }

  const cases: Array<[string, OrganisationType, boolean]> = [
    ['clinician', 'nhs_trust', true],
    ['liaison_diversion_practitioner', 'nhs_trust', true],
    // A clinical role outside a health organisation does not open health-only data.
    ['clinician', 'charity', false],
    ['clinician', 'prison', false],
    ['probation_officer', 'probation_region', false],
    ['prison_keyworker', 'nhs_trust', false],
    ['charity_case_worker', 'charity', false],
    ['service_manager', 'nhs_trust', false],
  ]
  for (const [role, organisationType, readsHealthOnly] of cases) {
    it(`${readsHealthOnly ? 'lets' : 'does not let'} a ${role} of a ${organisationType} read clinical notes, diagnoses and the clinical formulation`, async () => {
      const scope = await scopeOf(role, organisationType)
      assert.equal(scope.readsHealthOnly, readsHealthOnly)
      for (const category of healthOnlyCategories) assert.equal(mayReadCategory(scope, category), readsHealthOnly, category)
      for (const category of ['identity', 'risk', 'plan'] as const) assert.equal(mayReadCategory(scope, category), true, category)
    })
  }
})
