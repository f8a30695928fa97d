import { newId } from '../../platform/db/ids.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { Random } from './random.ts'

/** One demo account per built-in role, each in a team where that role works. Only seeded in demo mode. */
export interface DemoAccount {
  role: string
  email: string
  displayName: string
  organisation: string
  /** Team names within the organisation. */
  teams: readonly string[]
}

export const demoAccounts: readonly DemoAccount[] = [
  { role: 'clinician', email: 'clinician@demo.pathways.test', displayName: 'Dr Rowan Fernhill (demo)', organisation: 'kestrelmoor-trust', teams: ['Fallowmere PIPE clinical team'] },
  { role: 'probation_officer', email: 'probation.officer@demo.pathways.test', displayName: 'Priya Larkspur (demo)', organisation: 'marchfield-north-pdu', teams: ['Offender management team'] },
  { role: 'prison_keyworker', email: 'keyworker@demo.pathways.test', displayName: 'Officer Sam Bramblecote (demo)', organisation: 'fallowmere-prison', teams: ['PIPE wing keyworkers'] },
  { role: 'liaison_diversion_practitioner', email: 'liaison@demo.pathways.test', displayName: 'Kemi Ashdown-Vale (demo)', organisation: 'hollowmere-trust', teams: ['Liaison and diversion: Marchfield custody suites'] },
  { role: 'charity_case_worker', email: 'case.worker@demo.pathways.test', displayName: 'Morag Quillfeather (demo)', organisation: 'fellmarsh-womens-centre', teams: ["Women's case management team"] },
  { role: 'volunteer', email: 'volunteer@demo.pathways.test', displayName: 'Tomasz Puddleby (demo)', organisation: 'waystone-volunteers', teams: ['Volunteer coordinators'] },
  { role: 'service_manager', email: 'service.manager@demo.pathways.test', displayName: 'Aisha Thistledown (demo)', organisation: 'kestrelmoor-trust', teams: ['Fallowmere PIPE clinical team'] },
  { role: 'data_analyst', email: 'analyst@demo.pathways.test', displayName: 'Owen Marmalade (demo)', organisation: 'pathway-commissioners', teams: ['Pathway commissioning team'] },
  { role: 'ig_lead', email: 'ig.lead@demo.pathways.test', displayName: 'Bronwen Teacup (demo)', organisation: 'kestrelmoor-trust', teams: [] },
  { role: 'forum_moderator', email: 'moderator@demo.pathways.test', displayName: 'Declan Wrenfield (demo)', organisation: 'waystone-volunteers', teams: [] },
  { role: 'organisation_administrator', email: 'org.admin@demo.pathways.test', displayName: 'Grace Honeyford (demo)', organisation: 'kestrelmoor-trust', teams: [] },
  { role: 'system_administrator', email: 'sysadmin@demo.pathways.test', displayName: 'Ifeoma Copperkettle (demo)', organisation: 'pathway-commissioners', teams: [] },
]

export interface DemoLookups {
  organisationId(key: string): string
  teamId(organisationKey: string, teamName: string): string
}

export async function insertDemoAccounts(tx: Tx, lookups: DemoLookups, passwordHash: string): Promise<void> {
  for (const account of demoAccounts) {
    const id = newId()
    await tx
      .insertInto('staff_user')
      .values({ id, organisation_id: lookups.organisationId(account.organisation), email: account.email, display_name: account.displayName, password_hash: passwordHash, status: 'active', is_demo: true })
      .execute()
    await tx.insertInto('staff_user_role').values({ user_id: id, role: account.role }).execute()
    if (account.teams.length > 0) {
      await tx.insertInto('team_membership').values(account.teams.map((team) => ({ user_id: id, team_id: lookups.teamId(account.organisation, team) }))).execute()
    }
  }
}

/**
 * Gives every demo person open involvements with one or two service teams, so that each
 * demo account meets people in its caseload — and people it may not see.
 */
export function demoInvolvements(random: Random, personIds: readonly string[], teamIds: readonly string[], today: string) {
  return personIds.flatMap((personId, index) => {
    const first = teamIds[index % teamIds.length] as string
    const teams = random.chance(0.3) ? [first, random.pick(teamIds)] : [first]
    return [...new Set(teams)].map((teamId) => ({
      id: newId(),
      person_id: personId,
      team_id: teamId,
      status: 'open' as const,
      started_on: random.dateBetween('2024-01-01', today),
    }))
  })
}
