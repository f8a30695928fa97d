import { familyNames, givenNames, type Random } from '../../src/modules/demo/index.ts'
import { insertInBatches, type Tx } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/db/ids.ts'
import type { OrganisationType } from '../../src/platform/db/schema.ts'
import { placesPerWorker } from './shape.ts'

/*
 * The staff a region needs at this size, beside the demo accounts and colleagues: workers
 * in each service team to hold its places (about placesPerWorker each), a manager to decide
 * its referrals, and probation officers and liaison practitioners to refer. Made up, with
 * no password: they cannot sign in.
 */

export interface TeamRow {
  id: string
  organisation_id: string
  organisation_type: OrganisationType
  name: string
  service_id: string | null
}

/** The role that holds places in a team of this kind of organisation. */
function workerRole(team: TeamRow): string {
  if (team.organisation_type === 'prison') return 'prison_keyworker'
  if (team.organisation_type === 'charity') return 'charity_case_worker'
  return team.name.startsWith('Liaison and diversion') ? 'liaison_diversion_practitioner' : 'clinician'
}

/**
 * Adds the staff; `expectedPlaces` is how many places each service will hold at once.
 * Demo members already in a team count towards its workers.
 */
export async function insertBenchStaff(tx: Tx, random: Random, teams: readonly TeamRow[], expectedPlaces: ReadonlyMap<string, number>, people: number): Promise<number> {
  const members = await tx.selectFrom('team_membership').innerJoin('staff_user_role', 'staff_user_role.user_id', 'team_membership.user_id').select(['team_membership.team_id', 'staff_user_role.role']).execute()
  const users: Array<{ teamId: string; organisationId: string; role: string }> = []
  const add = (team: TeamRow, role: string, count: number) => {
    for (let index = 0; index < count; index += 1) users.push({ teamId: team.id, organisationId: team.organisation_id, role })
  }
  for (const team of teams) {
    const has = (role: string) => members.filter((member) => member.team_id === team.id && member.role === role).length
    if (team.service_id !== null) {
      const role = workerRole(team)
      const teamsOfService = teams.filter((other) => other.service_id === team.service_id).length
      const places = (expectedPlaces.get(team.service_id) ?? 0) / teamsOfService
      add(team, role, Math.max(role === 'clinician' ? 1 : 0, Math.ceil(places / placesPerWorker) - has(role)))
      if (has('service_manager') + has('clinician') === 0 && role !== 'clinician') add(team, 'service_manager', 1)
    } else if (team.organisation_type === 'probation_delivery_unit') {
      // Referrers: an officer per couple of thousand people, at least two per unit.
      add(team, 'probation_officer', Math.max(2, Math.ceil(people / 2_000)) - has('probation_officer'))
    }
  }
  const rows = users.map((user, index) => ({ ...user, id: newId(), index, name: `${random.pick(givenNames)} ${random.pick(familyNames)}` }))
  await insertInBatches(
    tx,
    'staff_user',
    rows.map((user) => ({ id: user.id, organisation_id: user.organisationId, email: `bench.worker.${user.index + 1}@bench.pathways.test`, display_name: `${user.name} (bench)`, password_hash: null, status: 'active' as const, is_demo: true })),
  )
  await insertInBatches(tx, 'staff_user_role', rows.map((user) => ({ user_id: user.id, role: user.role })))
  await insertInBatches(tx, 'team_membership', rows.map((user) => ({ user_id: user.id, team_id: user.teamId })))
  return rows.length
}
