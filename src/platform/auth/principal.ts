import type { Db } from '../db/database.ts'
import type { OrganisationType } from '../db/schema.ts'
import type { Capability } from './capabilities.ts'
import type { RoleDefinition } from './roles.ts'

/** A signed-in member of staff, as every handler and repository sees them. */
export interface Principal {
  userId: string
  email: string
  displayName: string
  organisationId: string
  organisationName: string
  organisationType: OrganisationType
  teamIds: readonly string[]
  roles: readonly string[]
  capabilities: ReadonlySet<Capability>
  /** A clinical role in a health organisation: may read health-only categories. */
  readsHealthOnly: boolean
  mfaRequired: boolean
  isDemo: boolean
}

/** Organisation types whose clinical staff may read health-only data. */
export const healthOrganisationTypes: readonly OrganisationType[] = ['nhs_trust']

export async function loadPrincipal(db: Db, roles: ReadonlyMap<string, RoleDefinition>, userId: string): Promise<Principal | null> {
  const user = await db
    .selectFrom('staff_user')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select([
      'staff_user.id',
      'staff_user.email',
      'staff_user.display_name',
      'staff_user.status',
      'staff_user.is_demo',
      'organisation.id as organisation_id',
      'organisation.name as organisation_name',
      'organisation.type as organisation_type',
    ])
    .where('staff_user.id', '=', userId)
    .executeTakeFirst()
  if (!user || user.status !== 'active') return null
  const [roleRows, teamRows] = await Promise.all([
    db.selectFrom('staff_user_role').select('role').where('user_id', '=', userId).execute(),
    db.selectFrom('team_membership').select('team_id').where('user_id', '=', userId).execute(),
  ])
  const definitions = roleRows.map((row) => roles.get(row.role)).filter((role): role is RoleDefinition => role !== undefined)
  const inHealthOrganisation = healthOrganisationTypes.includes(user.organisation_type)
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    organisationId: user.organisation_id,
    organisationName: user.organisation_name,
    organisationType: user.organisation_type,
    teamIds: teamRows.map((row) => row.team_id),
    roles: definitions.map((role) => role.key),
    capabilities: new Set(definitions.flatMap((role) => role.capabilities)),
    readsHealthOnly: inHealthOrganisation && definitions.some((role) => role.clinical),
    mfaRequired: definitions.some((role) => role.mfaRequired),
    isDemo: user.is_demo,
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff user, or null for an anonymous request. */
    principal: Principal | null
  }
}
